/**
 * Tells the host page how tall the embedded map is, in the four formats hosts already listen for
 * (pym.js, Datawrapper, AMP, Embedly/Medium). Only when framed, only our own height; the only
 * thing read from the parent is pym's "width" ping, which just triggers a new measurement.
 */

export const PYM_DELIMITER = 'xPYMx';

/** The four messages for one height, exactly as each host expects them. */
export function heightMessages(
  height: number,
  opts: { childId: string | null; embedId: string; href: string },
): unknown[] {
  const px = Math.ceil(height);
  const messages: unknown[] = [
    { 'datawrapper-height': { [opts.embedId]: px } },
    { sentinel: 'amp', type: 'embed-size', height: px },
    JSON.stringify({ src: opts.href, context: 'iframe.resize', height: px }),
  ];
  if (opts.childId) messages.unshift(['pym', opts.childId, 'height', String(px)].join(PYM_DELIMITER));
  return messages;
}

/** True for pym's parent → child "width" message for this child. */
export function isPymWidthMessage(data: unknown, childId: string | null): boolean {
  if (typeof data !== 'string' || !childId) return false;
  const parts = data.split(PYM_DELIMITER);
  return parts.length === 4 && parts[0] === 'pym' && parts[1] === childId && parts[2] === 'width';
}

/** The document's content height in CSS px (html and body are height: auto in embed mode). */
export function documentHeight(doc: Document): number {
  return Math.ceil(doc.documentElement.getBoundingClientRect().height);
}

/**
 * Starts posting height messages whenever the document's height changes (panel opens, filters
 * wrap, resize, fonts load). Returns a stop function. Does nothing when not framed. The app starts
 * it after its first render (app.tsx), so the first message is already the real height.
 */
export function startHeightMessages(win: Window = window): () => void {
  if (win.parent === win) return () => {};
  const params = new URLSearchParams(win.location.search);
  const childId = params.get('childId');
  const embedId = params.get('embedId') ?? 'policy-map';
  let last = -1;
  const send = (force = false) => {
    const height = documentHeight(win.document);
    // Nothing laid out yet (a hidden frame, or before the first render): a 0 would collapse the
    // host's iframe, so say nothing until there is a real height.
    if (height <= 0 || (!force && height === last)) return;
    last = height;
    for (const message of heightMessages(height, { childId, embedId, href: win.location.href }))
      win.parent.postMessage(message, '*');
  };
  const observer = new ResizeObserver(() => send());
  observer.observe(win.document.documentElement);
  win.document.fonts?.ready.then(() => send()).catch(() => {});
  const onMessage = (e: MessageEvent) => {
    if (e.source === win.parent && isPymWidthMessage(e.data, childId)) send(true);
  };
  win.addEventListener('message', onMessage);
  send(true);
  return () => {
    observer.disconnect();
    win.removeEventListener('message', onMessage);
  };
}
