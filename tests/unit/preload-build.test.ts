// @vitest-environment node
/**
 * Issue 10 in the production build: index.html starts the boundary file itself (a relative URL, so
 * the build works from any folder) but not MapLibre's files (they would share the bandwidth with
 * the app bundle before the text paints), and keeps the no-script text out of the page (facts.html).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type Plugin, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinRecords, policyIndex } from '../../src/data/policy-index.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { BOUNDARIES_PATH, policyDataPlugin } from '../../src/tools/vite/policy-data.ts';
import { mapPreloadPlugin, urlFrom } from '../../src/tools/vite/preload.ts';
import { FACTS_PAGE, staticFallbackPlugin } from '../../src/tools/vite/static-fallback.ts';

const ROOT = resolve(import.meta.dirname, '../..');

async function buildApp(plugins: Plugin[] = [mapPreloadPlugin()]): Promise<Rollup.OutputBundle> {
  const out = (await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    base: './',
    plugins: [react(), policyDataPlugin(), staticFallbackPlugin(), ...plugins],
    build: { write: false, target: 'es2022', chunkSizeWarningLimit: 1200 },
  })) as Rollup.RollupOutput;
  return Object.fromEntries(out.output.map((o) => [o.fileName, o]));
}

const source = (bundle: Rollup.OutputBundle, file: string) => {
  const item = bundle[file];
  if (!item) throw new Error(`${file} is not in the build`);
  return String(item.type === 'asset' ? item.source : item.code);
};

/** Every <link> in index.html's <head>, as attribute maps. */
function headLinks(html: string) {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<link\b([^>]*)>/g)].map(([, attrs]) =>
    Object.fromEntries(
      [...(attrs as string).matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, k, v]) => [k as string, v ?? true]),
    ),
  );
}

let bundle: Rollup.OutputBundle;
let html: string;
beforeAll(async () => {
  bundle = await buildApp();
  html = source(bundle, 'index.html');
}, 60_000);

/** maplibre-gl's code and worker in the build: MapLibre's own ES module files, each a file of its own. */
function maplibreFiles(bundle: Rollup.OutputBundle) {
  const asset = (name: string) =>
    Object.values(bundle).find(
      (a) => a.type === 'asset' && a.originalFileNames.some((f) => f.endsWith(`maplibre-gl/dist/${name}`)),
    );
  const js = asset('maplibre-gl.mjs');
  const worker = asset('maplibre-gl-worker.mjs');
  if (!js || !worker) throw new Error('maplibre-gl is not in the build');
  return { js: js.fileName, worker: worker.fileName };
}

describe('index.html starts the boundaries with the app bundle, and MapLibre after it', () => {
  it('preloads the boundaries as the app fetches them', () => {
    // Same URL, mode and credentials as boundaries.ts's fetch(), so the fetch takes the preload.
    expect(headLinks(html).filter((l) => l.href === `./${BOUNDARIES_PATH}`)).toEqual([
      { rel: 'preload', as: 'fetch', crossorigin: true, href: `./${BOUNDARIES_PATH}` },
    ]);
  });

  it('does not hint MapLibre’s files (main.tsx starts them once the app bundle has arrived)', () => {
    expect(html).not.toMatch(/maplibre-gl/);
    expect(html).not.toMatch(/modulepreload|prefetch/);
  });

  it('points every link at a file of the build or of public/, by a relative URL', () => {
    for (const { href } of headLinks(html)) {
      if (typeof href !== 'string' || href.startsWith('data:')) continue;
      expect(href, href).toMatch(/^\.\/(?!\/)/);
      const file = href.slice(2);
      expect(bundle[file] !== undefined || existsSync(join(ROOT, 'public', file)), file).toBe(true);
    }
  });

  it('preloads the URL the app fetches the boundaries from', () => {
    // boundaries.ts: `${import.meta.env.BASE_URL}geo/region.topo.json`, BASE_URL being './'.
    const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry) as Rollup.OutputChunk;
    expect(entry.code).toContain(`./${BOUNDARIES_PATH}`);
  });

  it('keeps maplibre-gl and its worker out of the app bundle: the bundle has their URLs only', () => {
    const files = maplibreFiles(bundle);
    const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry) as Rollup.OutputChunk;
    expect(entry.imports).not.toContain(files.js);
    for (const file of [files.js, files.worker]) expect(entry.code).toContain(file.replace(/^.*\//, ''));
    // MapLibre is in the build once: no chunk of it besides its own file.
    const code = (id: string) => id.includes('node_modules/maplibre-gl/') && !/\?url$|\.css$/.test(id);
    const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
    expect(chunks.filter((c) => c.moduleIds.some(code)).map((c) => c.fileName)).toEqual([]);
  });

  it('fails the build when a preloaded public file is missing (every reader would get a 404)', async () => {
    await expect(buildApp([mapPreloadPlugin({ fetches: ['geo/no-such-file.json'] })])).rejects.toThrow(
      /geo\/no-such-file\.json is not in/,
    );
  }, 60_000);
});

describe('preload URLs', () => {
  it('are relative to the page, wherever it is, with a relative base', () => {
    expect(urlFrom('/index.html', 'assets/a.js', './')).toBe('./assets/a.js');
    expect(urlFrom('/sub/page.html', 'assets/a.js', './')).toBe('../assets/a.js');
    expect(urlFrom('/index.html', 'geo/region.topo.json', '')).toBe('./geo/region.topo.json');
  });

  it('follow an absolute base', () => {
    expect(urlFrom('/index.html', 'assets/a.js', '/maps/')).toBe('/maps/assets/a.js');
  });
});

describe('the no-script text is a page of its own', () => {
  it('index.html stays small and links to facts.html, which has every measure and its sources', () => {
    expect(html.length).toBeLessThan(4000);
    const noscript = html.match(/<noscript>[\s\S]*<\/noscript>/)?.[0] ?? '';
    expect(noscript).toContain(`<a href="./${FACTS_PAGE}">`);
    // The prerendered first screen shows the map; the <noscript> does not repeat it.
    expect(noscript).not.toContain('<img');
    const facts = source(bundle, FACTS_PAGE);
    const data = loadPolicyData();
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const c of data.countries)
      for (const m of c.measures) expect(facts, m.title.en).toContain(esc(m.title.en).replace(/"/g, '&quot;'));
    const sources = data.countries.flatMap((c) => c.measures.flatMap((m) => m.sources));
    expect(facts.match(/<a href="https?:/g)?.length).toBe(sources.length);
    // Styled as the <noscript> was: with the app's own stylesheet, by a relative URL.
    const css = [...facts.matchAll(/<link rel="stylesheet" href="\.\/(assets\/[^"]+\.css)">/g)].map((m) => m[1]);
    expect(css.length).toBe(1);
    expect(bundle[css[0] as string]).toBeDefined();
  });
});

describe('the sourced records are a file of their own, not part of the app bundle', () => {
  it('emits one records file, named by its content, that joins the index in the bundle', () => {
    const files = Object.keys(bundle).filter((f) => f.startsWith('data/'));
    expect(files).toHaveLength(1);
    const file = files[0] as string;
    expect(file).toMatch(/^data\/records\.[0-9a-f]{10}\.json$/);
    const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry) as Rollup.OutputChunk;
    expect(entry.code).toContain(file);
    const data = loadPolicyData();
    expect(joinRecords(policyIndex(data), JSON.parse(source(bundle, file)))).toEqual(data);
  });

  it('keeps every source, summary and concern out of the app bundle, and index.html does not preload them', () => {
    const data = loadPolicyData();
    const js = Object.values(bundle)
      .filter((c): c is Rollup.OutputChunk => c.type === 'chunk')
      .map((c) => c.code)
      .join('\n');
    for (const c of data.countries)
      for (const m of c.measures) {
        for (const s of m.sources) expect(js, m.id).not.toContain(s.url);
        expect(js, m.id).not.toContain(m.summary.en);
      }
    expect(html).not.toMatch(/records\./);
  });
});
