/**
 * Build step: index.html asks for the boundary file at once, with `<link rel="preload" as="fetch"
 * crossorigin>`, so it downloads while the app bundle does instead of after React has rendered.
 * boundaries.ts's `fetch()` (same URL, mode cors, credentials same-origin) takes the preloaded
 * response. The URL is relative to the page (the build's `base: './'`), so the build works from any
 * folder; the build fails if the file is missing (a preload of nothing would cost every reader a 404).
 *
 * MapLibre's files (code, worker, CSS: about 450 KB gzipped) are deliberately not hinted here:
 * the map hints them once the SVG map has answered (map-adapter.ts `preloadLibrary`). Hinted
 * in index.html (modulepreload, or even prefetch at the lowest priority), they share the reader's
 * bandwidth with the app bundle before the first paint: Lighthouse's mobile run put first
 * contentful paint / largest contentful paint at 2.0 / 4.4 s and the performance score at 53,
 * against 1.9 / 2.1 s and 67 without them (1.9 / 1.9 s and 67 before issue 10), while on
 * 127.0.0.1 the bench could not tell the two apart (README, Performance).
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { BOUNDARIES_PATH } from './policy-data.ts';

export interface PreloadOptions {
  /**
   * Files the page fetches with `fetch(url)` at start, as paths in the build's output (the story's
   * boundary file, which the policy-data plugin emits, or a file from public/).
   */
  fetches?: string[];
}

/** `file` (relative to the output folder) as a URL from the page at `pagePath` ("/index.html"). */
export function urlFrom(pagePath: string, file: string, base: string): string {
  if (base !== './' && base !== '') return `${base}${file}`;
  const rel = posix.relative(posix.dirname(pagePath), `/${file}`);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

export function mapPreloadPlugin({ fetches = [BOUNDARIES_PATH] }: PreloadOptions = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'map-preload',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      for (const file of fetches)
        if (!(file in bundle) && !existsSync(join(config.publicDir, file)))
          this.error(`preload: ${file} is not in the build or in ${config.publicDir}; the page would preload a 404`);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return {
          html,
          tags: fetches.map((file) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'fetch', crossorigin: true, href: urlFrom(ctx.path, file, config.base) },
            injectTo: 'head' as const,
          })),
        };
      },
    },
  };
}
