// @vitest-environment node
/**
 * The page's one download of the boundary file (boundaries.ts): shared by its callers, kept when a
 * caller gives up for another reason (so the map's Retry fetches only what failed), fetched again
 * after a failure, and restarted when it hangs with nobody waiting.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const TOPO = readFileSync(resolve(import.meta.dirname, '../../public/geo/region.topo.json'), 'utf8');

interface Call {
  url: string;
  signal: AbortSignal | undefined;
  respond(status: number, body?: string): void;
}

/** Like the real fetch: pending until answered, and rejected with the signal's reason when it aborts. */
function stubFetch() {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    const signal = init?.signal ?? undefined;
    return new Promise<Response>((ok, fail) => {
      if (signal?.aborted) return fail(signal.reason);
      signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
      calls.push({ url, signal, respond: (status, body = TOPO) => ok(new Response(body, { status })) });
    });
  });
  return calls;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

let calls: Call[];
let loadBoundaries: typeof import('../../src/map/boundaries.ts').loadBoundaries;
beforeEach(async () => {
  calls = stubFetch();
  vi.resetModules(); // a fresh page: no download yet
  ({ loadBoundaries } = await import('../../src/map/boundaries.ts'));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the boundaries download', () => {
  it('is shared by callers, each getting its own parsed copy', async () => {
    const a = loadBoundaries('geo/region.topo.json');
    const b = loadBoundaries('geo/region.topo.json');
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]?.respond(200);
    const [ba, bb] = await Promise.all([a, b]);
    expect(ba.geojson.features.length).toBeGreaterThan(6);
    expect(ba).not.toBe(bb);
    expect(ba.labels).toEqual(bb.labels);
    // Once done, it is kept for the page.
    await loadBoundaries('geo/region.topo.json');
    expect(calls).toHaveLength(1);
  });

  it('goes on when its only caller gives up, and the next caller (Retry) takes it', async () => {
    const abort = new AbortController();
    const first = loadBoundaries('geo/region.topo.json', abort.signal);
    await flush();
    abort.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[0]?.signal?.aborted).toBe(false);
    calls[0]?.respond(200);
    await flush();
    const again = await loadBoundaries('geo/region.topo.json');
    expect(again.geojson.features.length).toBeGreaterThan(6);
    expect(calls).toHaveLength(1);
  });

  it('is fetched again after it failed', async () => {
    const first = loadBoundaries('geo/region.topo.json');
    await flush();
    calls[0]?.respond(404, 'not found');
    await expect(first).rejects.toThrow(/HTTP 404/);
    const second = loadBoundaries('geo/region.topo.json');
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]?.respond(200);
    expect((await second).geojson.features.length).toBeGreaterThan(6);
  });

  it('is cancelled and started afresh when it is still pending with nobody waiting (a hung request)', async () => {
    const abort = new AbortController();
    const first = loadBoundaries('geo/region.topo.json', abort.signal);
    await flush();
    abort.abort(); // the map's timeout
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    const second = loadBoundaries('geo/region.topo.json');
    await flush();
    expect(calls).toHaveLength(2);
    expect(calls[0]?.signal?.aborted).toBe(true);
    calls[1]?.respond(200);
    expect((await second).geojson.features.length).toBeGreaterThan(6);
  });

  it('rejects at once for a caller whose signal has already aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(loadBoundaries('geo/region.topo.json', abort.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
