/**
 * Build step: writes fallback.svg (the default map, drawn with d3-geo) next to index.html and puts
 * a <noscript> version of the graphic — title, dek, image, every measure with its sources — into
 * the page, for readers and hosts where no script runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { CONTENT_DIR, loadPolicyData, type PolicyData } from '../data/load-dataset.ts';
import { BOUNDARIES_FILE } from '../data/vite-plugin-policy-data.ts';
import { renderFallbackSvg, renderNoscriptHtml } from './fallback-svg.ts';

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
      return html.replace('<div id="root"></div>', `<div id="root"></div>\n    ${renderNoscriptHtml(policyData())}`);
    },
    generateBundle() {
      const topo = JSON.parse(readFileSync(join(dir, BOUNDARIES_FILE), 'utf8'));
      this.emitFile({ type: 'asset', fileName: 'fallback.svg', source: renderFallbackSvg(topo, policyData()) });
    },
  };
}
