/**
 * Vite plugin for the story's content folder. Validation runs in Node at build, dev and test time,
 * so a malformed file fails `vite build` with every problem listed, and the browser gets plain,
 * already-checked JSON (no schema library at runtime), in two parts (policy-index.ts):
 * - the module `virtual:policy-data`: the index as its default export (parsed with `JSON.parse`,
 *   which V8 reads faster than an object literal), and `RECORDS_PATH`, where the records are;
 * - the records file, `data/records.<hash>.json` (emitted into the build, from memory in dev; the
 *   content hash keeps a cached copy from an older build from meeting a newer index).
 * It also serves the folder's boundary file as `geo/region.topo.json` and writes the story's title,
 * description and first language into index.html. Another story is another folder:
 * `POLICY_DATA=<folder>`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { policyIndex, policyRecords } from '../../data/policy-index.ts';
import { formatWarnings } from '../figures-in-prose.ts';
import { BOUNDARIES_FILE, CONTENT_DIR, type DataProblem, loadPolicyData, type PolicyData } from '../load-dataset.ts';

const ID = 'virtual:policy-data';
const RESOLVED = `\0${ID}`;

export { BOUNDARIES_FILE };
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

/** The story's data and its records file, and a way to drop them (a new build, an edit in dev). */
function storyCache(dir: string) {
  // Read and checked once per build (the module, the records and index.html all need it); dev
  // reloads drop it.
  let data: PolicyData | undefined;
  let records: { path: string; json: string } | undefined;
  const policyData = () => {
    if (!data) {
      const warnings: DataProblem[] = [];
      data = loadPolicyData(dir, warnings); // throws DataError → the build fails with the full list
      if (warnings.length > 0) console.warn(formatWarnings(warnings)); // valid, but worth a look
    }
    return data;
  };
  const recordsFile = () => {
    if (!records) {
      const json = JSON.stringify(policyRecords(policyData()));
      const hash = createHash('sha256').update(json).digest('hex').slice(0, 10);
      records = { path: `data/records.${hash}.json`, json };
    }
    return records;
  };
  const drop = () => {
    data = undefined;
    records = undefined;
  };
  return { policyData, recordsFile, drop };
}

/**
 * Dev server middleware: the boundary file and the records file, which the build emits, answered
 * from the folder and from memory.
 */
function serveFiles(boundaries: () => Buffer, recordsFile: () => { json: string }): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = req.url?.split('?')[0] ?? '';
    const body = url.endsWith(`/${BOUNDARIES_PATH}`)
      ? boundaries()
      : // Any hash: a reload after an edit asks for the new one, and joinRecords refuses a mismatch.
        /\/data\/records\.[0-9a-f]+\.json$/.test(url)
        ? recordsFile().json
        : null;
    if (body === null) return next();
    res.setHeader('Content-Type', 'application/json');
    res.end(body);
  };
}

/** @param dir the content folder; the default is the shipped `src/data/content`. */
export function policyDataPlugin(dir: string = CONTENT_DIR): Plugin {
  const boundaries = () => readFileSync(join(dir, BOUNDARIES_FILE));
  const { policyData, recordsFile, drop } = storyCache(dir);
  let serving = false;
  return {
    name: 'policy-data',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    buildStart() {
      drop();
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      // `vite build --watch` rebuilds when the folder changes. Not in dev: the dev server watches the
      // project itself (handleHotUpdate below), and it takes a watched path for an import, which a
      // folder cannot be (every page load failed with "Failed to resolve import").
      if (this.meta.watchMode && !serving) this.addWatchFile(dir);
      const index = JSON.stringify(policyIndex(policyData()));
      return [
        `export default JSON.parse(${JSON.stringify(index)});`,
        `export const RECORDS_PATH = ${JSON.stringify(recordsFile().path)};`,
      ].join('\n');
    },
    transformIndexHtml(html) {
      return storyHtml(html, policyData());
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: BOUNDARIES_PATH, source: boundaries() });
      const { path, json } = recordsFile();
      this.emitFile({ type: 'asset', fileName: path, source: json });
    },
    configureServer(server) {
      server.middlewares.use(serveFiles(boundaries, recordsFile));
    },
    handleHotUpdate({ file, server }) {
      if (!relative(dir, file).startsWith('..')) {
        drop();
        const mod = server.moduleGraph.getModuleById(RESOLVED);
        if (mod) server.moduleGraph.invalidateModule(mod);
        server.ws.send({ type: 'full-reload' });
      }
    },
  };
}
