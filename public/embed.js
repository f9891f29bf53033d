/*
 * The host page's half of the embed resize protocol (the embed view's half is
 * src/charts/interact/embed-frame.ts). Include it once on a page that frames the site's
 * embed views (/embed/<chart>/, /en/embed/<chart>/): it sets each such iframe's height to
 * the height its chart reports. It accepts messages only from this script's own origin and
 * only for iframes whose window sent them; it reads and sends nothing else.
 */
(function () {
  'use strict';
  if (window.__uctEmbed) return;
  window.__uctEmbed = true;
  var script = document.currentScript;
  var origin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== 'uct-embed-height') return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0 || height > 20000) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + 'px';
        frames[i].setAttribute('data-uct-height', String(Math.ceil(height)));
      }
    }
  });
})();
