/**
 * The prerendered first screen's contract between the build (tools/vite/prerender.ts, which writes
 * the default view into index.html, and the first script in its <head>) and the page (main.tsx,
 * which hydrates it or renders afresh). The prerender is the default view: the story's first
 * language, the light theme, no parameter of the app's own in the address, not framed.
 */
import type { EmbedLayout } from '../embed/layout.ts';
import type { AppState } from './store.ts';
import { serializeUrlState, toUrlState } from './url-state.ts';

export const FIRST_PAINT = {
  /** On #root: the language the prerender was written in (absent: nothing was prerendered). */
  langAttribute: 'data-first-paint',
  /** `dataset` key of <html> set by the head script when this reader's view is not the prerender's. */
  staleKey: 'firstPaintStale',
  /** The map's drawing inside the prerender (map-view.tsx). */
  mapClass: 'map-first-paint',
} as const;

type ViewState = Parameters<typeof toUrlState>[0];

/** Whether the page may hydrate the prerender: it was written for exactly this reader's view. */
export function firstPaintFits(
  root: HTMLElement,
  state: ViewState & Pick<AppState, 'lang'>,
  framing: { embed: boolean; layout: EmbedLayout | undefined },
): boolean {
  const lang = root.getAttribute(FIRST_PAINT.langAttribute);
  if (!lang || document.documentElement.dataset[FIRST_PAINT.staleKey] !== undefined) return false;
  if (framing.embed || framing.layout) return false;
  const { lang: _lang, ...rest } = toUrlState(state);
  return state.lang === lang && serializeUrlState(rest) === '';
}
