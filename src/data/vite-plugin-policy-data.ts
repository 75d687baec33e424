/**
 * Vite plugin for the story's content folder. It serves the validated data as the module
 * `virtual:policy-data` (validation runs in Node at build, dev and test time, so a malformed file
 * fails `vite build` with every problem listed, and the browser bundle carries plain, already-checked
 * JSON: no schema library at runtime); it serves the folder's boundary file as `geo/region.topo.json`
 * (emitted into the build, and from memory in dev); and it writes the story's title, description and
 * first language into index.html. Another story is another folder: `POLICY_DATA=<folder>`.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { CONTENT_DIR, loadPolicyData, type PolicyData } from './load-dataset.ts';

const ID = 'virtual:policy-data';
const RESOLVED = `\0${ID}`;

/** The boundary file in a content folder (built by `npm run geo <folder>`). */
export const BOUNDARIES_FILE = 'boundaries.topo.json';
/** Where the app fetches it, relative to index.html (`src/map/boundaries.ts`). */
export const BOUNDARIES_PATH = 'geo/region.topo.json';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** index.html with the story's own title, description and language. */
export function storyHtml(html: string, data: PolicyData): string {
  const lang = data.story.languages[0] ?? 'en';
  return html
    .replace(/<html lang="[^"]*">/, `<html lang="${lang}">`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(data.meta.title[lang])}</title>`)
    .replace(
      /<meta name="description" content="[^"]*" \/>/,
      `<meta name="description" content="${escapeHtml(data.meta.dek[lang])}" />`,
    );
}

/** @param dir the content folder; the default is the shipped `src/data/content`. */
export function policyDataPlugin(dir: string = CONTENT_DIR): Plugin {
  const boundaries = () => readFileSync(join(dir, BOUNDARIES_FILE));
  // Read and checked once per build (the module and index.html both need it); dev reloads drop it.
  let data: PolicyData | undefined;
  const policyData = () => {
    data ??= loadPolicyData(dir); // throws DataError → the build fails with the full list
    return data;
  };
  return {
    name: 'policy-data',
    buildStart() {
      data = undefined;
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(dir);
      return `export default ${JSON.stringify(policyData())};`;
    },
    transformIndexHtml(html) {
      return storyHtml(html, policyData());
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: BOUNDARIES_PATH, source: boundaries() });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0]?.endsWith(`/${BOUNDARIES_PATH}`)) {
          res.setHeader('Content-Type', 'application/json');
          res.end(boundaries());
        } else next();
      });
    },
    handleHotUpdate({ file, server }) {
      if (!relative(dir, file).startsWith('..')) {
        data = undefined;
        const mod = server.moduleGraph.getModuleById(RESOLVED);
        if (mod) server.moduleGraph.invalidateModule(mod);
        server.ws.send({ type: 'full-reload' });
      }
    },
  };
}
