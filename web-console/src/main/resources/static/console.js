// maillab console: live parts of a page. Elements with data-live="<event kinds>" and an id are fetched again
// (this same URL, parsed, the element swapped) when the console's /events stream brings one of those kinds. The
// page's own server-rendered HTML is the only markup ever inserted; event data is never put into the page.
(function () {
  'use strict';

  var MIN_GAP_MS = 700; // at most one refresh in this time, however many events come
  var status = document.getElementById('live-status');
  var live = document.querySelectorAll('[data-live][id]');
  var byKind = {};
  live.forEach(function (el) {
    el.dataset.live.split(/\s+/).forEach(function (kind) {
      if (kind) {
        (byKind[kind] = byKind[kind] || []).push(el.id);
      }
    });
  });

  function setStatus(text, state) {
    if (status) {
      status.textContent = text;
      status.classList.remove('up', 'down');
      status.classList.add(state);
    }
  }

  if (live.length === 0) {
    // nothing on this page changes with events: no stream held open for it
    if (status) {
      status.remove();
    }
    return;
  }
  if (!window.EventSource) {
    setStatus('no live updates in this browser', 'down');
    return;
  }

  var wanted = new Set();
  var timer = null;
  var running = false;
  var lastRun = 0;

  function schedule(ids) {
    ids.forEach(function (id) { wanted.add(id); });
    if (timer || running) {
      return;
    }
    var wait = Math.max(0, lastRun + MIN_GAP_MS - Date.now());
    timer = setTimeout(refresh, wait);
  }

  function refresh() {
    timer = null;
    if (wanted.size === 0) {
      return;
    }
    var ids = Array.from(wanted);
    wanted.clear();
    running = true;
    lastRun = Date.now();
    fetch(location.href, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error('HTTP ' + r.status)); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        ids.forEach(function (id) {
          var now = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (now && next) {
            now.replaceWith(document.adoptNode(next));
          }
        });
        document.body.dataset.liveRefreshes = String(Number(document.body.dataset.liveRefreshes || 0) + 1);
      })
      .catch(function () { /* the next event tries again */ })
      .finally(function () {
        running = false;
        if (wanted.size > 0) {
          schedule([]);
        }
      });
  }

  var after = document.body.dataset.eventsAfter;
  var source = new EventSource('/events' + (after ? '?after=' + encodeURIComponent(after) : ''));
  source.onopen = function () { setStatus('live', 'up'); };
  source.onerror = function () { setStatus('reconnecting…', 'down'); };
  Object.keys(byKind).forEach(function (kind) {
    source.addEventListener(kind, function () { schedule(byKind[kind]); });
  });
  // events this page would have needed are gone (the console restarted, or it fell far behind): reload every part
  source.addEventListener('console.reset', function () { schedule(Object.keys(byKind).reduce(function (all, k) {
    return all.concat(byKind[k]);
  }, [])); });
}());
