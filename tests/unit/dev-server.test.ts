/**
 * `npm run dev` serves the app: Vite's dev server transforms the entry and the story's data module
 * (a content folder is watched file by file; a folder handed to Vite as a dependency broke every
 * page load with "Failed to resolve import").
 */
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: ViteDevServer;
let origin: string;
beforeAll(async () => {
  server = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, ws: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the dev server has no port');
  origin = `http://127.0.0.1:${address.port}`;
}, 60_000);
afterAll(() => server?.close());

/** What the browser gets for `path`: the dev server answers 500 with the error when a transform fails. */
async function get(path: string) {
  const res = await fetch(`${origin}${path}`);
  return { status: res.status, body: await res.text() };
}

describe('the dev server', () => {
  it('serves the story’s data module: the index, and the path of its records', async () => {
    const entry = await get('/src/main.tsx');
    expect(entry.status, entry.body).toBe(200);
    const url = entry.body.match(/from "(\/@id\/__x00__virtual:policy-data)"/)?.[1];
    expect(url, 'main.tsx imports the data module').toBeDefined();
    const data = await get(url as string);
    expect(data.status, data.body.slice(0, 300)).toBe(200);
    expect(data.body).toMatch(/JSON\.parse/);
    expect(data.body).toMatch(/RECORDS_PATH = "data\/records\.[0-9a-f]{10}\.json"/);
  });

  it('serves the map adapter, with MapLibre’s files as URLs', async () => {
    const adapter = await get('/src/map/map-adapter.ts');
    expect(adapter.status, adapter.body.slice(0, 300)).toBe(200);
    expect(adapter.body).toMatch(/maplibre-gl\.mjs\?url/);
    expect(adapter.body).toMatch(/maplibre-gl-worker\.mjs\?url/);
  });
});
