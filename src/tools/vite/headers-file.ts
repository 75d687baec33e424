/**
 * Build step, after every plugin that writes files: writes `_headers` into the output folder — the
 * caching, `Vary` and security headers for each file (src/tools/deploy-headers.ts), with each HTML
 * page's Content Security Policy allowing that page's inline scripts by their hashes. It reads the
 * output on disk, as the pages will be served: another plugin may still edit index.html in its
 * closeBundle, so this one's is `order: 'post'` and vite.config.ts registers it after them (before
 * precompress, which compresses the pages this one has read).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { deployRules, formatHeadersFile, HEADERS_FILE } from '../deploy-headers.ts';
import { listFiles } from '../list-files.ts';
import { isTextFile } from './precompress.ts';

/** The rules for the output folder `dir` as it is on disk, as the text of `_headers`. */
export function headersFileFor(dir: string): string {
  const files = listFiles(dir);
  const pages = new Map(
    files.filter((f) => f.endsWith('.html')).map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const),
  );
  return formatHeadersFile(deployRules(files, pages, isTextFile));
}

export function headersFilePlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'deploy-headers',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      // Rollup runs closeBundle hooks in parallel unless told; Rolldown always runs them in turn.
      sequential: true,
      handler(error) {
        if (error) return; // the build failed and says so itself
        const text = headersFileFor(outDir);
        writeFileSync(join(outDir, HEADERS_FILE), text);
        this.info(`deploy headers: ${HEADERS_FILE} written, ${text.split('\n\n').length - 1} rules`);
      },
    },
  };
}
