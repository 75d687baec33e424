/**
 * Vite plugin that serves the validated data as the module `virtual:policy-data`. Validation runs
 * in Node at build (and dev/test) time, so a malformed file fails `vite build` with every problem
 * listed, and the browser bundle carries plain, already-checked JSON (no schema library at runtime).
 */
import { relative } from 'node:path';
import type { Plugin } from 'vite';
import { CONTENT_DIR, loadPolicyData } from './load-dataset.ts';

const ID = 'virtual:policy-data';
const RESOLVED = `\0${ID}`;

/** @param dir the content folder; the default is the shipped `src/data/content`. */
export function policyDataPlugin(dir: string = CONTENT_DIR): Plugin {
  return {
    name: 'policy-data',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const data = loadPolicyData(dir); // throws DataError → the build fails with the full list
      this.addWatchFile(dir);
      return `export default ${JSON.stringify(data)};`;
    },
    handleHotUpdate({ file, server }) {
      if (!relative(dir, file).startsWith('..')) {
        const mod = server.moduleGraph.getModuleById(RESOLVED);
        if (mod) server.moduleGraph.invalidateModule(mod);
        server.ws.send({ type: 'full-reload' });
      }
    },
  };
}
