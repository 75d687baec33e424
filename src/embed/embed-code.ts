/**
 * The snippets a newsroom pastes to embed the current view: our embed.js loader (responsive, with
 * a static image inside for AMP, RSS and email, where no script runs), a plain iframe with a fixed
 * height, and a link; and the story scrolled by the article (embed.js, `data-layout="story"`).
 * Pure functions; every value is attribute-escaped.
 */
import { serializeUrlState, type UrlState } from '../state/url-state.ts';

/**
 * Fixed height for the plain iframe snippet (CSS px): the default view's tallest layout at any
 * width from 280 to 1400 px is about 1,280 px (the table embed.js gets at build time). A country
 * opened inside a fixed frame scrolls within it; embed.js and pym.js resize instead.
 */
export const DEFAULT_EMBED_HEIGHT = 1300;
/** Space the embed.js placeholder reserves before the script runs: the shortest layout. */
export const RESERVED_MIN_HEIGHT = 1000;

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface EmbedOptions {
  /** Absolute URL of the app's folder, ending in "/". */
  base: string;
  state: UrlState;
  title: string;
  /** Alt text of the static image. */
  alt: string;
  height?: number;
}

/** `?embed=1&…` for the iframe: embed flag first, then the state. */
export function embedQuery(state: UrlState): string {
  const query = serializeUrlState(state).replace(/^\?/, '');
  return query ? `?embed=1&${query}` : '?embed=1';
}

/**
 * The story layout's snippet: a placeholder that stays on screen as the article scrolls past it
 * (sticky, the screen's height), and where the article's step paragraphs go. It keeps only the
 * language: the steps decide the rest. The README's "Scrolled by the article" has a whole page.
 */
export function storySnippet(o: EmbedOptions): string {
  const options = serializeUrlState(o.state.lang ? { lang: o.state.lang } : {}).replace(/^\?/, '');
  const link = `${o.base}${serializeUrlState(o.state)}`;
  return [
    `<div id="policy-map-story" data-policy-map="${escapeAttr(options)}" data-layout="story" data-title="${escapeAttr(o.title)}" style="position:sticky;top:0;height:100vh;height:100svh">`,
    `  <a href="${escapeAttr(link)}"><img src="${escapeAttr(`${o.base}fallback.svg`)}" alt="${escapeAttr(o.alt)}" width="800" height="600" style="max-width:100%;height:auto"></a>`,
    '</div>',
    '<!-- In the article, beside or over it, one element per step: <p data-policy-map-step="1">…</p> -->',
    `<script async src="${escapeAttr(`${o.base}embed.js`)}"></script>`,
  ].join('\n');
}

export function embedSnippets(o: EmbedOptions): { script: string; iframe: string; link: string; story: string } {
  const height = o.height ?? DEFAULT_EMBED_HEIGHT;
  const link = `${o.base}${serializeUrlState(o.state)}`;
  const options = serializeUrlState(o.state).replace(/^\?/, '');
  const image = `<img src="${escapeAttr(`${o.base}fallback.svg`)}" alt="${escapeAttr(o.alt)}" width="800" height="600" style="max-width:100%;height:auto">`;
  return {
    script: [
      // min-height keeps the page from jumping when embed.js swaps the image for the live map.
      `<div data-policy-map="${escapeAttr(options)}" data-title="${escapeAttr(o.title)}" style="min-height:${RESERVED_MIN_HEIGHT}px">`,
      `  <a href="${escapeAttr(link)}">${image}</a>`,
      '</div>',
      `<script async src="${escapeAttr(`${o.base}embed.js`)}"></script>`,
    ].join('\n'),
    iframe: `<iframe src="${escapeAttr(`${o.base}${embedQuery(o.state)}`)}" title="${escapeAttr(o.title)}" width="100%" height="${height}" style="border:0;width:100%" loading="lazy" allow="fullscreen; clipboard-write"></iframe>`,
    link,
    story: storySnippet(o),
  };
}
