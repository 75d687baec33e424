/**
 * Build step, the last of all: writes `<file>.br` (brotli, best quality, text mode) and `<file>.gz`
 * (gzip, level 9) beside every text file of the output, so a host that can serve precompressed
 * files (nginx's `gzip_static` and `brotli_static`, `npm start`) sends the smallest bytes without
 * compressing on every request, and at a quality too slow to reach on the fly.
 *
 * It reads the output folder on disk, not the bundle: other plugins write index.html, facts.html,
 * fallback.svg, embed.js and more in their own closeBundle hooks. It runs after them because its
 * closeBundle is `order: 'post'` (Rolldown runs closeBundle hooks one after another, in order) and
 * because vite.config.ts registers it last; a plugin that writes files later than this one would
 * leave them uncompressed, and a unit test keeps it last in vite.config.ts.
 *
 * Every text file gets both variants, the smallest too: the issue is "beside every text asset", and
 * a few bytes more for a file under a kilobyte cost less than a rule about which files have them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { listFiles } from '../list-files.ts';

/** Text formats worth compressing; images and fonts (png, jpg, woff2) are compressed already. */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.svg',
  '.txt',
  '.xml',
  '.map',
  '.webmanifest',
]);

export const isTextFile = (file: string): boolean => TEXT_EXTENSIONS.has(extname(file).toLowerCase());

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export interface Compressed {
  file: string;
  raw: number;
  br: number;
  gz: number;
}

/** Both variants of one file's bytes. */
export async function compress(bytes: Buffer): Promise<{ br: Buffer; gz: Buffer }> {
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzipped(bytes, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { br, gz };
}

/** Writes `.br` and `.gz` beside every text file under `dir`; what each file became. */
export async function precompressDir(dir: string): Promise<Compressed[]> {
  const files = listFiles(dir).filter(isTextFile);
  return Promise.all(
    files.map(async (file) => {
      const path = join(dir, file);
      const bytes = await readFile(path);
      const { br, gz } = await compress(bytes);
      await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
      return { file, raw: bytes.length, br: br.length, gz: gz.length };
    }),
  );
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

export function precompressPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      // Rollup runs closeBundle hooks in parallel unless told; Rolldown always runs them in turn.
      sequential: true,
      async handler(error) {
        if (error) return; // the build failed and says so itself; its output is not worth compressing
        const done = await precompressDir(outDir);
        const sum = (k: 'raw' | 'br' | 'gz') => done.reduce((n, c) => n + c[k], 0);
        this.info(
          `precompress: ${done.length} text files, ${kb(sum('raw'))} → ${kb(sum('br'))} brotli, ${kb(sum('gz'))} gzip`,
        );
      },
    },
  };
}
