/*!
 * Policy map embed loader. Paste where the map should appear:
 *   <div data-policy-map="country=SLV&lang=es" data-height="760"><a href="…"><img src="…/fallback.svg" alt="…"></a></div>
 *   <script async src="https://YOUR-HOST/PATH/embed.js"></script>
 * Each placeholder becomes a lazy, titled iframe of the map (its fallback image stays for readers
 * without JavaScript: AMP, RSS, email). The iframe is resized from the map's own height messages,
 * accepted only from that iframe's window and the map's origin. No dependencies, no cookies.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL('./', script.src);
  var origin = base.origin;
  var frames = [];

  function heightOf(data) {
    if (typeof data === 'string') {
      var pym = data.split('xPYMx');
      if (pym.length === 4 && pym[0] === 'pym' && pym[2] === 'height') return Number(pym[3]);
      try {
        data = JSON.parse(data);
      } catch (e) {
        return NaN;
      }
    }
    if (!data || typeof data !== 'object') return NaN;
    if (data['datawrapper-height']) {
      for (var k in data['datawrapper-height']) return Number(data['datawrapper-height'][k]);
    }
    if (data.sentinel === 'amp' && data.type === 'embed-size') return Number(data.height);
    if (data.context === 'iframe.resize') return Number(data.height);
    return NaN;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var h = heightOf(event.data);
        // Bounded: a message can resize only our own iframe, and only to a sane height.
        if (h > 0 && h < 20000) frames[i].style.height = Math.ceil(h) + 'px';
        return;
      }
    }
  });

  function mount(el) {
    if (el.getAttribute('data-policy-map-mounted')) return;
    el.setAttribute('data-policy-map-mounted', '1');
    var options = new URLSearchParams(el.getAttribute('data-policy-map') || '');
    options.set('embed', '1');
    options.set('embedId', 'policy-map-' + (frames.length + 1));
    var iframe = document.createElement('iframe');
    iframe.src = new URL('./?' + options.toString(), base).href;
    iframe.title = el.getAttribute('data-title') || 'Map: crime-policy measures in six Latin American countries';
    iframe.setAttribute('loading', 'lazy');
    iframe.setAttribute('allow', 'fullscreen; clipboard-write');
    iframe.setAttribute('scrolling', 'no');
    iframe.style.cssText = 'display:block;width:100%;border:0;height:' + (Number(el.getAttribute('data-height')) || 760) + 'px';
    frames.push(iframe);
    el.replaceChildren(iframe);
  }

  var nodes = document.querySelectorAll('[data-policy-map]');
  for (var i = 0; i < nodes.length; i++) mount(nodes[i]);
})();
