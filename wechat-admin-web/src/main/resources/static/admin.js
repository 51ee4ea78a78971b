// The admin's only script of its own (CSP: no inline script). Copy buttons: <button data-copy="#id">.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]');
  if (!b) { return; }
  var el = document.querySelector(b.getAttribute('data-copy'));
  if (!el) { return; }
  el.select();
  if (navigator.clipboard) { navigator.clipboard.writeText(el.value); }
});
// conversations (issue 12): the reply box shows the inputs of the picked type (all show without JS); a live thread
// whose stream overflowed (a slow tab) reloads.
(function () {
  function sync() {
    var sel = document.getElementById('reply-type');
    if (!sel) { return; }
    document.querySelectorAll('#reply-box .reply-part').forEach(function (p) {
      p.hidden = p.getAttribute('data-for') !== sel.value;
    });
  }
  document.addEventListener('change', function (e) { if (e.target && e.target.id === 'reply-type') { sync(); } });
  document.addEventListener('DOMContentLoaded', sync);
  document.addEventListener('htmx:load', sync);
  document.addEventListener('htmx:sseMessage', function (e) {
    if (e.detail && e.detail.type === 'reload') { window.location.reload(); }
  });
})();
