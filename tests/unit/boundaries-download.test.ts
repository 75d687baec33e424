// @vitest-environment node
/**
 * The boundaries download main.tsx starts before React renders (boundaries.ts): the map's first
 * call takes it, failure included; it survives the map giving up for another reason (so Retry
 * fetches only what failed); it is restarted when it hangs with nobody waiting; without it, a
 * caller's signal cancels its own fetch as before.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const TOPO = readFileSync(resolve(import.meta.dirname, '../../src/data/content/boundaries.topo.json'), 'utf8');

interface Call {
  url: string;
  signal: AbortSignal | undefined;
  respond(status: number, body?: string): void;
  /** The connection drops: fetch rejects, as the browser's does. */
  drop(): void;
}

/** Like the real fetch: pending until answered, and rejected with the signal's reason when it aborts. */
function stubFetch() {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    const signal = init?.signal ?? undefined;
    return new Promise<Response>((ok, fail) => {
      if (signal?.aborted) return fail(signal.reason);
      signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
      calls.push({
        url,
        signal,
        respond: (status, body = TOPO) => ok(new Response(body, { status })),
        drop: () => fail(new TypeError('Failed to fetch')),
      });
    });
  });
  return calls;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

let calls: Call[];
let boundaries: typeof import('../../src/map/boundaries.ts');
const URL_ = 'geo/region.topo.json';
beforeEach(async () => {
  calls = stubFetch();
  vi.resetModules(); // a fresh page: no early download
  boundaries = await import('../../src/map/boundaries.ts');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The early download starts, the map's first call waits for it and gives up (the map's timeout). */
async function giveUpOnEarlyDownload(): Promise<void> {
  boundaries.startLoadingBoundaries(URL_);
  const abort = new AbortController();
  const first = boundaries.loadBoundaries(URL_, abort.signal);
  await flush();
  abort.abort();
  await expect(first).rejects.toMatchObject({ name: 'AbortError' });
}

describe('the early boundaries download', () => {
  it('is taken by the map’s first call; later callers fetch as usual', async () => {
    boundaries.startLoadingBoundaries(URL_);
    const first = boundaries.loadBoundaries(URL_);
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]?.respond(200);
    expect((await first).geojson.features.length).toBeGreaterThan(6);
    const later = boundaries.loadBoundaries(URL_);
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]?.respond(200);
    await later;
  });

  it('goes on when the map gives up for another reason, and its Retry takes it', async () => {
    boundaries.startLoadingBoundaries(URL_);
    const abort = new AbortController();
    const first = boundaries.loadBoundaries(URL_, abort.signal);
    await flush();
    abort.abort(); // e.g. maplibre-gl failed first
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[0]?.signal?.aborted).toBe(false);
    calls[0]?.respond(200);
    await flush();
    const retry = await boundaries.loadBoundaries(URL_);
    expect(retry.geojson.features.length).toBeGreaterThan(6);
    expect(calls).toHaveLength(1);
  });

  it('fails the map’s first call when it failed (logged at once), and Retry fetches again', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    boundaries.startLoadingBoundaries(URL_);
    await flush();
    calls[0]?.respond(404, 'not found');
    await flush();
    expect(logged).toHaveBeenCalledWith('map: loading the boundaries early failed', expect.any(Error));
    // Not fetched again behind the map's back: the map is told, and shows Retry.
    await expect(boundaries.loadBoundaries(URL_)).rejects.toThrow(/HTTP 404/);
    expect(calls).toHaveLength(1);
    const retry = boundaries.loadBoundaries(URL_);
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]?.respond(200);
    expect((await retry).geojson.features.length).toBeGreaterThan(6);
  });

  it('is cancelled and fetched afresh when still pending with nobody waiting (a hung request)', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await giveUpOnEarlyDownload();
    const retry = boundaries.loadBoundaries(URL_);
    await flush();
    expect(calls).toHaveLength(2);
    expect(calls[0]?.signal?.aborted).toBe(true);
    calls[1]?.respond(200);
    expect((await retry).geojson.features.length).toBeGreaterThan(6);
    expect(logged).not.toHaveBeenCalled(); // cancelling our own request is not an error
  });

  it('hung, given up on, then dropped: the first Retry fetches afresh (issue 21, defect 16)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await giveUpOnEarlyDownload();
    calls[0]?.drop(); // the hung request fails later, before the reader presses Retry
    await flush();
    const retry = boundaries.loadBoundaries(URL_);
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]?.respond(200);
    expect((await retry).geojson.features.length).toBeGreaterThan(6);
  });

  it('is not used for another URL', async () => {
    boundaries.startLoadingBoundaries(URL_);
    const other = boundaries.loadBoundaries('other/region.topo.json');
    await flush();
    expect(calls.map((c) => c.url)).toEqual([URL_, 'other/region.topo.json']);
    calls[1]?.respond(200);
    await other;
  });
});

describe('without an early download', () => {
  it('a caller’s signal cancels its fetch, as before', async () => {
    const abort = new AbortController();
    const p = boundaries.loadBoundaries(URL_, abort.signal);
    await flush();
    abort.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[0]?.signal?.aborted).toBe(true);
  });
});
