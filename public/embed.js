/*! Policy map embed loader: each <div data-policy-map="country=SLV"> becomes an iframe of the map
 * (README, "Embedding"). No dependencies, no cookies. */
(() => {
  const script = document.currentScript;
  if (!script?.src) return;
  const base = new URL('./', script.src);
  const origin = base.origin;
  const frames = [];
  // Height by width, measured from the build (src/tools/vite/embed-heights.ts); else 1300 px.
  const HEIGHTS = /* embed-heights */ [];

  function estimate(width) {
    if (HEIGHTS.length === 0) return 1300;
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
      if (frames[i].iframe.contentWindow === event.source && !frames[i].story) {
        const h = heightOf(event.data, frames[i]);
        // Bounded: a message can resize only our own iframe, to 1–19999 px (rounded up).
        const px = typeof h === 'number' ? Math.ceil(h) : NaN;
        if (px > 0 && px < 20000) frames[i].iframe.style.height = `${px}px`;
        return;
      }
    }
  });

  function mount(el) {
    if (el.dataset.policyMapMounted) return;
    el.dataset.policyMapMounted = '1';
    const options = new URLSearchParams(el.dataset.policyMap || '');
    const id = `policy-map-${frames.length + 1}`;
    const story = el.dataset.layout === 'story';
    options.set('embed', '1');
    options.set('embedId', id);
    if (story) options.set('layout', 'story');
    const iframe = document.createElement('iframe');
    iframe.src = new URL(`./?${options}`, base).href;
    iframe.title = el.dataset.title || 'Map: crime-policy measures in six Latin American countries';
    iframe.setAttribute('loading', 'lazy');
    iframe.setAttribute('allow', 'fullscreen; clipboard-write');
    iframe.setAttribute('scrolling', 'no');
    const fixed = Number(el.dataset.height);
    const reserved = fixed || estimate(el.getBoundingClientRect().width || 640);
    // A story fills its (sticky) placeholder.
    iframe.style.cssText = `display:block;width:100%;border:0;height:${story && !fixed ? '100%' : `${reserved}px`}`;
    el.style.minHeight = '';
    const frame = { iframe, id, el, story, childId: options.get('childId') };
    iframe.onload = () => send(Object.assign(frame, { loaded: 1 }));
    frames.push(frame);
    el.replaceChildren(iframe);
  }

  function send(frame) {
    if (frame.loaded && frame.step)
      frame.iframe.contentWindow.postMessage({ type: 'policy-map:step', step: frame.step }, origin);
  }

  for (const el of document.querySelectorAll('[data-policy-map]')) mount(el);

  // A story goes to its last step whose middle is above the viewport's (else, once begun, its first).
  if (!window.IntersectionObserver) return;
  const steps = document.querySelectorAll('[data-policy-map-step]');
  const above = new Map();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) above.set(e.target, e.intersectionRatio >= 0.5);
      const to = new Map();
      for (const el of steps) {
        const id = el.dataset.policyMapFor;
        const f = frames.find((f) => (id ? f.el.id === id : f.story));
        if (f && (above.get(el) || (f.step && !to.has(f)))) to.set(f, +el.dataset.policyMapStep);
      }
      for (const [f, step] of to) if (step !== f.step) send(Object.assign(f, { step }));
    },
    { rootMargin: '100000px 0px -50%', threshold: 0.5 },
  );
  for (const el of steps) observer.observe(el);
})();
