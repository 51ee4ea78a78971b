// The admin's only script of its own (CSP: no inline script). Copy buttons: <button data-copy="#id">.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]');
  if (!b) { return; }
  var el = document.querySelector(b.getAttribute('data-copy'));
  if (!el) { return; }
  el.select();
  if (navigator.clipboard) { navigator.clipboard.writeText(el.value); }
});
// followers, tags, blacklist (issue 12): "select all" on the follower list; confirm before [data-confirm] submits
document.addEventListener('change', function (e) {
  if (e.target.id !== 'select-all') { return; }
  document.querySelectorAll('input.follower-select').forEach(function (c) { c.checked = e.target.checked; });
});
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-confirm]');
  if (b && !window.confirm(b.getAttribute('data-confirm'))) { e.preventDefault(); }
});
