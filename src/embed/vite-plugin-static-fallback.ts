/**
 * Build step: writes fallback.svg (the default map, drawn with d3-geo) next to index.html and puts
 * a <noscript> version of the graphic — title, dek, image, every measure with its sources — into
 * the page, for readers and hosts where no script runs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { loadPolicyData } from '../data/load-dataset.ts';
import { renderFallbackSvg, renderNoscriptHtml } from './fallback-svg.ts';

const BOUNDARIES = fileURLToPath(new URL('../../public/geo/region.topo.json', import.meta.url));

export function staticFallbackPlugin(): Plugin {
  return {
    name: 'static-fallback',
    transformIndexHtml(html) {
      return html.replace(
        '<div id="root"></div>',
        `<div id="root"></div>\n    ${renderNoscriptHtml(loadPolicyData())}`,
      );
    },
    generateBundle() {
      const topo = JSON.parse(readFileSync(BOUNDARIES, 'utf8'));
      this.emitFile({ type: 'asset', fileName: 'fallback.svg', source: renderFallbackSvg(topo, loadPolicyData()) });
    },
  };
}
