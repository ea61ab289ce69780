// Search as you type, completions, keyboard navigation and copy buttons. The form and the links work without
// this file; it only makes them quicker. No inline script and no eval: the pages' CSP allows neither.
(function () {
  'use strict';
  var DEBOUNCE_MS = 120;

  function onReady(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }

  function searchParams(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (value !== '') { params.set(name, value); } });
    // Filters chosen by facet links live in the address; keep them while the words change.
    var current = new URLSearchParams(location.search);
    ['course', 'module', 'language', 'kind', 'lang'].forEach(function (name) {
      if (current.has(name) && !params.has(name)) { params.set(name, current.get(name)); }
    });
    return params;
  }

  function initSearch() {
    var form = document.querySelector('form.search');
    var box = document.getElementById('q');
    var results = document.getElementById('results');
    var completions = document.getElementById('completions');
    if (!form || !box || !results) { return; }
    var timer = null;
    var latest = 0;

    function load(params, push) {
      var ticket = ++latest;
      var url = '/search/results?' + params.toString();
      return fetch(url, { headers: { 'Accept': 'text/html' } }).then(function (r) { return r.text(); }).then(function (html) {
        if (ticket !== latest) { return; }
        results.innerHTML = html;
        var address = params.get('q') ? '/?' + params.toString() : '/';
        if (push && address !== location.pathname + location.search) {
          history.pushState({ q: params.get('q') || '' }, '', address);
        }
        document.title = params.get('q') ? params.get('q') + ' — kb' : document.title;
        // Two frames later the results have been painted: the browser test reads this mark.
        requestAnimationFrame(function () { requestAnimationFrame(function () {
          performance.mark('kb-results-painted');
        }); });
      }).catch(function () { /* the form still works: Enter submits it */ });
    }

    function suggest(q) {
      if (!completions) { return; }
      if (q.length < 2) { completions.hidden = true; completions.textContent = ''; return; }
      var params = new URLSearchParams({ q: q, limit: '5' });
      var course = new URLSearchParams(location.search).get('course');
      if (course) { params.set('course', course); }
      fetch(form.getAttribute('data-suggest') + '?' + params.toString()).then(function (r) {
        return r.ok ? r.json() : { suggestions: [] };
      }).then(function (answer) {
        if (box.value !== q) { return; }
        completions.textContent = '';
        (answer.suggestions || []).forEach(function (s) {
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = '/topics/' + encodeURIComponent(s.topicId) + (s.anchor ? '#' + encodeURIComponent(s.anchor) : '');
          a.textContent = s.text;
          li.appendChild(a);
          completions.appendChild(li);
        });
        completions.hidden = completions.children.length === 0;
      }).catch(function () { completions.hidden = true; });
    }

    box.addEventListener('input', function () {
      performance.clearMarks('kb-results-painted');
      performance.mark('kb-typed');
      clearTimeout(timer);
      timer = setTimeout(function () {
        // Completions after the results, so that they do not compete with them for the server.
        var q = box.value.trim();
        load(searchParams(form), true).then(function () { suggest(q); });
      }, DEBOUNCE_MS);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      load(searchParams(form), true);
    });
    window.addEventListener('popstate', function () {
      var params = new URLSearchParams(location.search);
      box.value = params.get('q') || '';
      load(params, false);
    });

    function hitLinks() { return Array.prototype.slice.call(results.querySelectorAll('a.hit-link')); }

    // Arrow keys move from the box through the results and back; Enter follows the focused link by itself.
    document.addEventListener('keydown', function (e) {
      var target = e.target;
      var typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        box.focus();
        box.select();
        return;
      }
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') { return; }
      var links = hitLinks();
      if (links.length === 0) { return; }
      var at = links.indexOf(target);
      if (target === box && e.key === 'ArrowDown') {
        e.preventDefault();
        links[0].focus();
      } else if (at >= 0) {
        e.preventDefault();
        if (e.key === 'ArrowDown') { links[Math.min(at + 1, links.length - 1)].focus(); }
        else if (at === 0) { box.focus(); }
        else { links[at - 1].focus(); }
      }
    });
  }

  function initSlashOnOtherPages() {
    if (document.getElementById('q')) { return; }
    document.addEventListener('keydown', function (e) {
      var typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        location.href = '/';
      }
    });
  }

  function initCopyButtons() {
    var doc = document.querySelector('.document');
    if (!doc || !navigator.clipboard) { return; }
    var label = doc.getAttribute('data-copy') || 'Copy';
    var done = doc.getAttribute('data-copied') || 'Copied';
    doc.querySelectorAll('pre').forEach(function (pre) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = label;
      button.addEventListener('click', function () {
        var code = pre.querySelector('code') || pre;
        navigator.clipboard.writeText(code.textContent).then(function () {
          button.textContent = done;
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
      pre.appendChild(button);
    });
  }

  onReady(function () {
    initSearch();
    initSlashOnOtherPages();
    initCopyButtons();
  });
}());
