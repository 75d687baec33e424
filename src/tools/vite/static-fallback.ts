/**
 * Build step: for readers where no script runs, index.html's <noscript> links to facts.html, a
 * static page with every measure and its sources (the first screen itself is prerendered). The full text is not inlined: it was most of index.html's bytes (about 16 KB of 17 KB
 * gzipped), downloaded before anything else by every reader who runs the script.
 */
import type { Plugin } from 'vite';
import { escapeAttr } from '../../embed/embed-code.ts';
import { CONTENT_DIR, loadPolicyData, type PolicyData } from '../load-dataset.ts';
import { renderNoscriptHtml } from '../noscript-html.ts';

/** The static text page, next to index.html. */
export const FACTS_PAGE = 'facts.html';

/**
 * index.html's <noscript>: the page's first screen is there without a script (the prerender, map
 * included), so this only says what needs one and links to the full text.
 */
export function noscriptTeaser(_data: PolicyData): string {
  return `<noscript><p class="noscript">This interactive graphic needs JavaScript to change its view. <a href="./${FACTS_PAGE}">Every measure, with its sources, as text</a>.</p></noscript>`;
}

/** facts.html: the <noscript> text of the whole graphic as a page of its own, in the app's styles. */
export function factsPage(data: PolicyData, stylesheets: string[]): string {
  const full = renderNoscriptHtml(data);
  const body = full.replace(/^<noscript>/, '').replace(/<\/noscript>$/, '');
  if (body === full) throw new Error('static-fallback: renderNoscriptHtml no longer returns one <noscript> element');
  const css = stylesheets.map((href) => `<link rel="stylesheet" href="./${escapeAttr(href)}">`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeAttr(data.meta.title.en)}: the measures as text</title><meta name="description" content="${escapeAttr(data.meta.dek.en)}">${css}</head>
<body>${body}</body></html>
`;
}

/** @param dir the content folder (the same as the policy-data plugin's). */
export function staticFallbackPlugin(dir: string = CONTENT_DIR): Plugin {
  // Read once per build and shared by both hooks; a new build reads the files afresh.
  let data: PolicyData | undefined;
  const policyData = () => {
    data ??= loadPolicyData(dir);
    return data;
  };
  return {
    name: 'static-fallback',
    buildStart() {
      data = undefined;
    },
    transformIndexHtml(html) {
      return html.replace('<div id="root"></div>', `<div id="root"></div>\n    ${noscriptTeaser(policyData())}`);
    },
    generateBundle(_options, bundle) {
      // The entry chunk's CSS: the page looks as the <noscript> text did inside index.html.
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      const css = entry?.type === 'chunk' ? [...(entry.viteMetadata?.importedCss ?? [])] : [];
      this.emitFile({ type: 'asset', fileName: FACTS_PAGE, source: factsPage(policyData(), css) });
    },
  };
}
