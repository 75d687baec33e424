/**
 * Build step: index.html asks for the map's files at once, so they download while the app bundle
 * does instead of after React has rendered (the waterfall that made the map twice as slow as a bare
 * MapLibre page):
 *
 *   - `<link rel="modulepreload">` for the maplibre-gl chunk (the app still imports it lazily, so it
 *     is fetched and compiled early but runs only when the map asks for it);
 *   - `<link rel="preload" as="style">` for MapLibre's CSS (Vite's dynamic-import helper waits for it);
 *   - `<link rel="preload" as="fetch" crossorigin>` for the boundary file: boundaries.ts's `fetch()`
 *     (same URL, mode cors, credentials same-origin) takes the preloaded response;
 *   - `<link rel="prefetch">` for MapLibre's worker script. MapLibre 6 starts a same-origin worker
 *     with `new Worker(url, { type: 'module' })`, which no preload is matched to: Chromium has no
 *     `as="worker"` ("unsupported `as` value"), a modulepreload fills the page's module map, not the
 *     worker's, and a `preload as="fetch"`/`"script"` is downloaded once but then warned about in the
 *     console as unused on every load. A prefetch lands in the HTTP cache (assets/ is immutable),
 *     where the worker's own request finds it (one download, checked by tests/e2e/preload.e2e.ts and
 *     the bench), with no warning.
 *
 * URLs are relative to the page (the build's `base: './'`), so the build works from any folder.
 * The build fails if a file is missing: a preload of nothing would cost every reader a 404.
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { HtmlTagDescriptor, IndexHtmlTransformContext, Plugin, ResolvedConfig } from 'vite';

type OutputBundle = NonNullable<IndexHtmlTransformContext['bundle']>;
type OutputChunk = Extract<OutputBundle[string], { type: 'chunk' }>;
type OutputAsset = Extract<OutputBundle[string], { type: 'asset' }>;

const MAPLIBRE_JS = 'node_modules/maplibre-gl/dist/maplibre-gl.mjs';
const MAPLIBRE_WORKER = 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs';
const MAPLIBRE_CSS = 'node_modules/maplibre-gl/dist/maplibre-gl.css';

export interface PreloadOptions {
  /** Files from public/ the page fetches with `fetch(url)` at start (paths relative to public/). */
  fetches?: string[];
}

/** The boundary file (boundaries.ts's BOUNDARIES_URL, relative to the page). */
export const BOUNDARIES_FILE = 'geo/region.topo.json';

/** The map's files in a build: maplibre-gl's chunk, its worker and CSS (output file names). */
export function mapFiles(bundle: OutputBundle): { js: string; worker: string; css: string } {
  const items = Object.values(bundle);
  const chunk = items.find(
    (c): c is OutputChunk => c.type === 'chunk' && Boolean(c.facadeModuleId?.endsWith(MAPLIBRE_JS)),
  );
  const asset = (source: string) =>
    items.find(
      (a): a is OutputAsset =>
        a.type === 'asset' && a.originalFileNames.some((f) => f === source || f.endsWith(`/${source}`)),
    );
  const worker = asset(MAPLIBRE_WORKER);
  const css = asset(MAPLIBRE_CSS);
  if (!chunk || !worker || !css)
    throw new Error(
      `preload: maplibre-gl's ${!chunk ? 'chunk' : !worker ? 'worker' : 'CSS'} is not in the bundle (is it still imported lazily by map-adapter.ts?)`,
    );
  return { js: chunk.fileName, worker: worker.fileName, css: css.fileName };
}

/** `file` (relative to the output folder) as a URL from the page at `pagePath` ("/index.html"). */
export function urlFrom(pagePath: string, file: string, base: string): string {
  if (base !== './' && base !== '') return `${base}${file}`;
  const rel = posix.relative(posix.dirname(pagePath), `/${file}`);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

export function mapPreloadPlugin({ fetches = [BOUNDARIES_FILE] }: PreloadOptions = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'map-preload',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      for (const file of fetches)
        if (!existsSync(join(config.publicDir, file)))
          this.error(`preload: ${file} is not in ${config.publicDir}; the page would preload a 404`);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const files = mapFiles(ctx.bundle);
        const url = (file: string) => urlFrom(ctx.path, file, config.base);
        const link = (attrs: Record<string, string | boolean>): HtmlTagDescriptor => ({
          tag: 'link',
          attrs,
          injectTo: 'head',
        });
        return {
          html,
          tags: [
            ...fetches.map((file) => link({ rel: 'preload', as: 'fetch', crossorigin: true, href: url(file) })),
            link({ rel: 'modulepreload', crossorigin: true, href: url(files.js) }),
            link({ rel: 'prefetch', href: url(files.worker) }),
            link({ rel: 'preload', as: 'style', crossorigin: true, href: url(files.css) }),
          ],
        };
      },
    },
  };
}
