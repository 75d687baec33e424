/*!
 * Policy map embed loader. Paste where the map should appear:
 *   <div data-policy-map="country=SLV&lang=es" data-height="760"><a href="…"><img src="…/fallback.svg" alt="…"></a></div>
 *   <script async src="https://YOUR-HOST/PATH/embed.js"></script>
 * Each placeholder becomes a lazy, titled iframe of the map (its fallback image stays for readers
 * without JavaScript: AMP, RSS, email). The iframe is resized from the map's own height messages,
 * accepted only from that iframe's window and the map's origin. No dependencies, no cookies.
 */
(() => {
  const script = document.currentScript;
  if (!script?.src) return;
  const base = new URL('./', script.src);
  const origin = base.origin;
  const frames = [];
  // The embedded map's height (CSS px) by width for its default view: measured from the build
  // itself in headless Chromium (src/tools/vite/embed-heights.ts fills this table in).
  // Reserving it up front keeps the host page from jumping when the map reports its height.
  const HEIGHTS = /* embed-heights */ [];
  /** Without a measured table (built without Chromium): a height that fits most widths. */
  const DEFAULT_HEIGHT = 1300;

  function estimate(width) {
    if (HEIGHTS.length === 0) return DEFAULT_HEIGHT;
    if (width <= HEIGHTS[0][0]) return HEIGHTS[0][1];
    for (let i = 1; i < HEIGHTS.length; i++) {
      const a = HEIGHTS[i - 1],
        b = HEIGHTS[i];
      if (width <= b[0]) return Math.round(a[1] + ((b[1] - a[1]) * (width - a[0])) / (b[0] - a[0]));
    }
    return HEIGHTS[HEIGHTS.length - 1][1];
  }

  // Only numbers (pym: a decimal string); Datawrapper only for our embedId, pym for our childId if set.
  function heightOf(data, frame) {
    if (typeof data === 'string') {
      const pym = data.split('xPYMx');
      if (pym.length === 4 && pym[0] === 'pym' && pym[2] === 'height')
        return (frame.childId === null || pym[1] === frame.childId) && /^\d+(\.\d+)?$/.test(pym[3])
          ? Number(pym[3])
          : NaN;
      try {
        data = JSON.parse(data);
      } catch (_e) {
        return NaN;
      }
    }
    if (!data || typeof data !== 'object') return NaN;
    const dw = data['datawrapper-height'];
    if (dw) {
      const own = typeof dw === 'object' && Object.getOwnPropertyDescriptor(dw, frame.id);
      return own ? own.value : NaN;
    }
    if ((data.sentinel === 'amp' && data.type === 'embed-size') || data.context === 'iframe.resize') return data.height;
    return NaN;
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== origin) return;
    for (let i = 0; i < frames.length; i++) {
      if (frames[i].iframe.contentWindow === event.source) {
        const h = heightOf(event.data, frames[i]);
        // Bounded: a message can resize only our own iframe, to 1–19999 px (rounded up).
        const px = typeof h === 'number' ? Math.ceil(h) : NaN;
        if (px > 0 && px < 20000) frames[i].iframe.style.height = `${px}px`;
        return;
      }
    }
  });

  function mount(el) {
    if (el.getAttribute('data-policy-map-mounted')) return;
    el.setAttribute('data-policy-map-mounted', '1');
    const options = new URLSearchParams(el.getAttribute('data-policy-map') || '');
    const id = `policy-map-${frames.length + 1}`;
    options.set('embed', '1');
    options.set('embedId', id);
    const iframe = document.createElement('iframe');
    iframe.src = new URL(`./?${options.toString()}`, base).href;
    iframe.title = el.getAttribute('data-title') || 'Map: crime-policy measures in six Latin American countries';
    iframe.setAttribute('loading', 'lazy');
    iframe.setAttribute('allow', 'fullscreen; clipboard-write');
    iframe.setAttribute('scrolling', 'no');
    const reserved = Number(el.getAttribute('data-height')) || estimate(el.getBoundingClientRect().width || 640);
    iframe.style.cssText = `display:block;width:100%;border:0;height:${reserved}px`;
    el.style.minHeight = '';
    frames.push({ iframe, id, childId: options.get('childId') });
    el.replaceChildren(iframe);
  }

  const nodes = document.querySelectorAll('[data-policy-map]');
  for (let i = 0; i < nodes.length; i++) mount(nodes[i]);
})();
