// The admin's only script of its own (CSP: no inline script). Copy buttons: <button data-copy="#id">.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]');
  if (!b) { return; }
  var el = document.querySelector(b.getAttribute('data-copy'));
  if (!el) { return; }
  el.select();
  if (navigator.clipboard) { navigator.clipboard.writeText(el.value); }
});
// --- Auto-replies (replies): confirm forms, JSON file into the textarea, type-dependent fields of the handler form
(function () {
  document.addEventListener('submit', function (e) {
    var f = e.target.closest('form[data-confirm]');
    if (f && !window.confirm(f.getAttribute('data-confirm'))) { e.preventDefault(); }
  }, true);
  document.addEventListener('change', function (e) {
    var input = e.target.closest('input[type=file][data-fill]');
    if (!input || !input.files || !input.files[0]) { return; }
    var target = document.querySelector(input.getAttribute('data-fill'));
    var reader = new FileReader();
    reader.onload = function () { if (target) { target.value = reader.result; } };
    reader.readAsText(input.files[0]);
  });
  var lists = { MSG_TYPE: 'dl-msgtypes', EVENT: 'dl-events', EVENT_KEY: 'dl-events', CUSTOM: 'dl-customrules' };
  function ruleRow(row) {
    var type = row.querySelector('[data-rule-type]').value;
    var value = row.querySelector('[data-rule-value]');
    var key = row.querySelector('[data-rule-key]');
    if (lists[type]) { value.setAttribute('list', lists[type]); } else { value.removeAttribute('list'); }
    value.disabled = type === 'ALL';
    key.hidden = type !== 'EVENT_KEY';
  }
  function replyRow(row) {
    var type = row.querySelector('[data-reply-type]').value;
    var media = row.querySelector('[data-media]');
    if (media) {
      media.setAttribute('list', /^(IMAGE|VOICE|VIDEO|NEWS)$/.test(type) ? 'dl-m-' + type.toLowerCase() : 'dl-materials');
    }
    row.querySelectorAll('[data-types]').forEach(function (el) {
      el.hidden = (' ' + el.getAttribute('data-types') + ' ').indexOf(' ' + type + ' ') < 0;
    });
  }
  function init(root) {
    root.querySelectorAll('[data-rule-row]').forEach(ruleRow);
    root.querySelectorAll('[data-reply-row]').forEach(replyRow);
  }
  document.addEventListener('change', function (e) {
    var r = e.target.closest('[data-rule-row]');
    if (r && e.target.matches('[data-rule-type]')) { ruleRow(r); }
    var p = e.target.closest('[data-reply-row]');
    if (p && e.target.matches('[data-reply-type]')) { replyRow(p); }
  });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { init(document); });
  } else { init(document); }
})();
