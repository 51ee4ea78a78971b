// The admin's only script of its own (CSP: no inline script). Copy buttons: <button data-copy="#id">.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]');
  if (!b) { return; }
  var el = document.querySelector(b.getAttribute('data-copy'));
  if (!el) { return; }
  el.select();
  if (navigator.clipboard) { navigator.clipboard.writeText(el.value); }
});
// followers, tags, blacklist (issue 12): "select all" on the follower list; confirm [data-follower-confirm] buttons
document.addEventListener('change', function (e) {
  if (e.target.id !== 'select-all') { return; }
  document.querySelectorAll('input.follower-select').forEach(function (c) { c.checked = e.target.checked; });
});
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-follower-confirm]');
  if (b && !window.confirm(b.getAttribute('data-follower-confirm'))) { e.preventDefault(); }
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

// menus (issue 13): live UTF-8 byte counters, type-specific fields, live preview names, drag-and-drop reorder.
(function () {
  function utf8Bytes(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) { n += 1; } else if (c < 0x800) { n += 2; } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { n += 4; i++; } else { n += 3; }
    }
    return n;
  }
  function count(input) {
    var max = parseInt(input.getAttribute('data-max-bytes'), 10);
    var n = utf8Bytes(input.value);
    var counter = document.querySelector('[data-counter-for="' + input.id + '"]');
    if (counter) {
      counter.textContent = counter.textContent.replace(/^\s*\d+/, String(n));
      counter.classList.toggle('text-danger', n > max);
      counter.classList.toggle('text-body-secondary', n <= max);
    }
    input.classList.toggle('is-invalid', n > max);
    var src = input.getAttribute('data-preview-source');
    if (src) {
      var shown = document.querySelector('[data-preview="' + src + '"]');
      if (shown) { shown.textContent = (shown.textContent.indexOf('≡ ') === 0 ? '≡ ' : '') + input.value; }
    }
  }
  function showFields(select) {
    var box = select.closest('.menu-fields');
    if (!box) { return; }
    box.querySelectorAll('.menu-field').forEach(function (f) {
      var types = (f.getAttribute('data-types') || '').split(' ');
      f.classList.toggle('menu-hidden', types.indexOf(select.value) < 0);
    });
  }
  document.addEventListener('input', function (e) {
    if (e.target.matches && e.target.matches('#menu-form [data-max-bytes]')) { count(e.target); }
  });
  document.addEventListener('change', function (e) {
    if (e.target.matches && e.target.matches('#menu-form .menu-type')) { showFields(e.target); }
  });
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('menu-form');
    if (!form) { return; }
    form.querySelectorAll('[data-max-bytes]').forEach(count);
    form.querySelectorAll('.menu-type').forEach(showFields);
    var dragged = null;
    form.querySelectorAll('.menu-node[draggable="true"]').forEach(function (node) {
      node.addEventListener('dragstart', function (e) {
        if (dragged) { return; }
        dragged = node;
        node.classList.add('menu-dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', node.getAttribute('data-path'));
        e.stopPropagation();
      });
      node.addEventListener('dragend', function () {
        node.classList.remove('menu-dragging');
        dragged = null;
      });
      node.addEventListener('dragover', function (e) {
        if (dragged && dragged !== node && dragged.parentNode === node.parentNode) {
          e.preventDefault();
          e.stopPropagation();
          node.classList.add('menu-drop');
        }
      });
      node.addEventListener('dragleave', function () { node.classList.remove('menu-drop'); });
      node.addEventListener('drop', function (e) {
        if (!dragged || dragged === node || dragged.parentNode !== node.parentNode) { return; }
        e.preventDefault();
        e.stopPropagation();
        var to = node.getAttribute('data-path').split('.').pop();
        var op = document.getElementById('menu-op');
        op.disabled = false;
        op.value = 'move:' + dragged.getAttribute('data-path') + ':' + to;
        form.submit();
      });
    });
  });
})();
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
/* reach: mass sends, customer service, comments — confirm destructive buttons (data-reach-confirm) */
document.addEventListener('submit', function (e) {
  var b = e.submitter;
  if (b && b.dataset && b.dataset.reachConfirm && !window.confirm(b.dataset.reachConfirm)) {
    e.preventDefault();
  }
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
