/* global document, window, XMLHttpRequest, DOMParser, history */
/*
 * Upload progress, where JavaScript runs. Without it, the same forms post normally.
 *
 * A form marked `data-upload-progress` is sent in the background (XMLHttpRequest: the only
 * browser API that reports upload progress) and shows how much has gone. The server answers
 * as it does for a plain form (a redirect to the page, or the page again with its error), and
 * that page's content replaces this one's, so the messages are the server's own, translated.
 * Loaded with `<script src>` only on the pages that upload: no inline script (strict CSP).
 */
(function () {
  'use strict';

  function statusOf(form) {
    return {
      box: form.querySelector('[data-upload-status]'),
      bar: form.querySelector('[data-upload-status] progress'),
      text: form.querySelector('[data-upload-text]'),
    };
  }

  function show(form, percent, message) {
    var s = statusOf(form);
    if (!s.box) return;
    s.box.hidden = false;
    if (s.bar) {
      if (percent === null) s.bar.removeAttribute('value');
      else s.bar.value = percent;
    }
    if (s.text) {
      s.text.textContent = message;
      s.text.className = 'fr-message ' + (percent === null ? 'fr-message--error' : 'fr-message--info');
    }
  }

  function progressMessage(form, percent) {
    return (form.getAttribute('data-message-progress') || '{percent}').replace('{percent}', String(percent));
  }

  /** Puts the server's page in place of this one, as a navigation would, and moves focus to its message. */
  function replacePage(html, url, redirected) {
    var next = new DOMParser().parseFromString(html, 'text/html');
    var main = document.querySelector('main');
    var nextMain = next.querySelector('main');
    if (!main || !nextMain) {
      window.location.assign(url);
      return;
    }
    document.title = next.title;
    main.replaceWith(document.importNode(nextMain, true));
    // After a redirect the address is the page's own; a refusal is answered at the form's
    // address, which must not become the page's (reloading it would not show the page).
    if (redirected && url && url !== window.location.href) history.replaceState(null, '', url);
    // The first that exists, in this order: the error summary, the success message, the title.
    var target = document.querySelector('#resume-erreurs') || document.querySelector('main [role="status"]') || document.querySelector('main h1');
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof window.HTMLFormElement) || !form.hasAttribute('data-upload-progress')) return;
    if (!window.FormData || !window.DOMParser) return;
    var input = form.querySelector('input[type="file"]');
    var file = input && input.files && input.files[0];
    var max = Number(form.getAttribute('data-max-bytes'));
    // Saves sending megabytes the server would refuse; the server checks again anyway.
    if (file && max && file.size > max) {
      event.preventDefault();
      show(form, null, form.getAttribute('data-message-too-large') || '');
      return;
    }
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        var percent = Math.floor((e.loaded / e.total) * 100);
        show(form, percent, progressMessage(form, percent));
      }
    });
    xhr.addEventListener('load', function () {
      var type = xhr.getResponseHeader('content-type') || '';
      if (type.indexOf('text/html') === 0) replacePage(xhr.responseText, xhr.responseURL, xhr.responseURL !== form.action);
      else window.location.assign(xhr.responseURL || window.location.href);
    });
    xhr.addEventListener('error', function () {
      if (button) button.disabled = false;
      show(form, null, form.getAttribute('data-message-failed') || '');
    });
    show(form, 0, progressMessage(form, 0));
    xhr.send(new FormData(form));
  });
})();
