// The admin's only script of its own (CSP: no inline script). Copy buttons: <button data-copy="#id">.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]');
  if (!b) { return; }
  var el = document.querySelector(b.getAttribute('data-copy'));
  if (!el) { return; }
  el.select();
  if (navigator.clipboard) { navigator.clipboard.writeText(el.value); }
});

/* drafts (issue 13): an image for the article body is uploaded (media/uploadimg) and goes in at the cursor;
   without this script the same button posts the whole form and the image is appended at the end. */
document.addEventListener('click', function (e) {
  var btn = e.target.closest && e.target.closest('#uploadimg-submit[data-upload-url]');
  if (!btn || !window.fetch || !window.FormData) { return; }
  var input = document.getElementById('image');
  var content = document.getElementById('content');
  var status = document.getElementById('uploadimg-status');
  if (!input || !content || !status || !input.files || input.files.length === 0) { return; }
  e.preventDefault();
  var token = btn.form.querySelector('input[name="_csrf"]').value;
  var data = new FormData();
  data.append('_csrf', token);
  data.append('image', input.files[0]);
  btn.disabled = true;
  fetch(btn.getAttribute('data-upload-url'), {method: 'POST', body: data, credentials: 'same-origin',
      headers: {'X-CSRF-Token': token}})
    .then(function (r) { return r.json(); })
    .then(function (j) {
      if (j.url) {
        var img = '<p><img src="' + String(j.url).replace(/"/g, '%22').replace(/</g, '%3C') + '"></p>';
        var from = typeof content.selectionStart === 'number' ? content.selectionStart : content.value.length;
        var to = typeof content.selectionEnd === 'number' ? content.selectionEnd : from;
        content.value = content.value.slice(0, from) + img + content.value.slice(to);
        content.selectionStart = content.selectionEnd = from + img.length;
        input.value = '';
        status.className = 'alert alert-info mt-2';
        status.textContent = btn.getAttribute('data-inserted');
      } else {
        status.className = 'alert alert-danger mt-2';
        status.textContent = j.error || '';
      }
    })
    .catch(function () {
      status.className = 'alert alert-danger mt-2';
      status.textContent = btn.getAttribute('data-failed');
    })
    .then(function () { btn.disabled = false; });
});
