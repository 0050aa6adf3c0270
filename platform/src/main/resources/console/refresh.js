/* Cadre console: keeps the inbox current. The page works without it (reload, or follow a filter link);
   with it, the queue (#queue) is fetched again every data-refresh seconds while the tab is visible, and
   replaced unless the person is using something inside it. No inline script: the CSP allows only files. */
(function () {
  'use strict';
  var queue = document.getElementById('queue');
  if (!queue || !window.fetch || !window.DOMParser) {
    return;
  }
  var seconds = parseInt(queue.getAttribute('data-refresh'), 10);
  if (!(seconds >= 2)) {
    seconds = 30;
  }
  var busy = false;
  function refresh() {
    var current = document.getElementById('queue');
    if (busy || document.hidden || !current || current.contains(document.activeElement)) {
      return;
    }
    busy = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (answer) {
        return answer.ok && !answer.redirected ? answer.text() : null;
      })
      .then(function (html) {
        if (!html) {
          return;
        }
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('queue');
        var now = document.getElementById('queue');
        if (next && now && !now.contains(document.activeElement)) {
          next.setAttribute('data-refreshed', String((parseInt(now.getAttribute('data-refreshed'), 10) || 0) + 1));
          now.parentNode.replaceChild(next, now);
        }
      })
      .catch(function () { /* the next round tries again */ })
      .then(function () { busy = false; });
  }
  window.setInterval(refresh, seconds * 1000);
}());
