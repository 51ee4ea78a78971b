// The admin's only script of its own (CSP: no inline script). Copy buttons: <button data-copy="#id">.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]');
  if (!b) { return; }
  var el = document.querySelector(b.getAttribute('data-copy'));
  if (!el) { return; }
  el.select();
  if (navigator.clipboard) { navigator.clipboard.writeText(el.value); }
});
/* reach: mass sends, customer service, comments — confirm destructive buttons (data-reach-confirm) */
document.addEventListener('submit', function (e) {
  var b = e.submitter;
  if (b && b.dataset && b.dataset.reachConfirm && !window.confirm(b.dataset.reachConfirm)) {
    e.preventDefault();
  }
});
