/** Loads the boundary file built by `npm run geo` and turns it into GeoJSON plus label points. */
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { CountryCode } from '../data/vocabulary.ts';

export interface CountryProperties {
  iso3: string;
  name_en: string;
  name_es: string;
  focus: boolean;
  label: [number, number];
}

export interface Boundaries {
  geojson: GeoJSON.FeatureCollection<GeoJSON.Geometry, CountryProperties>;
  labels: Partial<Record<CountryCode, [number, number]>>;
}

export const BOUNDARIES_URL = `${import.meta.env.BASE_URL}geo/region.topo.json`;

export function parseBoundaries(topo: Topology<{ countries: GeometryCollection<CountryProperties> }>): Boundaries {
  const geojson = feature(topo, topo.objects.countries) as Boundaries['geojson'];
  const labels: Boundaries['labels'] = {};
  for (const f of geojson.features)
    if (f.properties.focus) labels[f.properties.iso3 as CountryCode] = f.properties.label;
  return { geojson, labels };
}

type Topo = Parameters<typeof parseBoundaries>[0];

async function fetchTopo(url: string, signal?: AbortSignal): Promise<Topo> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`boundaries: HTTP ${res.status} for ${url}`);
  return (await res.json()) as Topo;
}

interface EarlyDownload {
  url: string;
  topo: Promise<Topo>;
  state: 'pending' | 'ok' | 'failed';
  /** Callers waiting for it now. */
  waiting: number;
  /** A caller gave up on it (its attempt failed for another reason, or timed out). */
  abandoned: boolean;
  cancel: AbortController;
}

/** The download main.tsx started before React rendered, until a caller has received it. */
let early: EarlyDownload | null = null;

/**
 * Starts downloading the boundaries now (main.tsx, before React renders; `fetch` takes index.html's
 * preload). The map's first `loadBoundaries(url)` takes this download, failure included. A caller
 * that gives up stops its own wait, not the download: when the map gives up because another of its
 * files failed, the boundaries finish meanwhile and its Retry takes them (Retry fetches only what
 * failed). A failure is logged here at once, and reported again by the map.
 */
export function startLoadingBoundaries(url = BOUNDARIES_URL): void {
  const cancel = new AbortController();
  const d: EarlyDownload = {
    url,
    state: 'pending',
    waiting: 0,
    abandoned: false,
    cancel,
    topo: fetchTopo(url, cancel.signal),
  };
  d.topo.then(
    () => {
      d.state = 'ok';
    },
    (error: unknown) => {
      d.state = 'failed';
      if (!cancel.signal.aborted) console.error('map: loading the boundaries early failed', error);
    },
  );
  early = d;
}

/** Resolves as `p` does, or rejects with the signal's reason (an AbortError) once it aborts. */
function unlessAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The boundaries as GeoJSON: from the early download while there is one for `url` (its failure
 * too, once: the map reports it and its Retry fetches again), else fetched now and cancelled by
 * `signal`. An early download a caller gave up on that is still pending with nobody waiting (a hung
 * request, given up after the map's timeout), or that failed after it was given up on, is dropped
 * (cancelled if need be) and the file fetched afresh.
 */
export async function loadBoundaries(url = BOUNDARIES_URL, signal?: AbortSignal): Promise<Boundaries> {
  const e = early?.url === url ? early : null;
  // Given up on with nobody waiting: still pending (hung), or failed since (a hung request that then
  // dropped, whose failure nobody was told of), it is not what a Retry wants. Finished, it is.
  if (e && e.state !== 'ok' && e.abandoned && e.waiting === 0) {
    e.cancel.abort();
    early = null;
  } else if (e) {
    e.waiting++;
    try {
      const topo = await unlessAborted(e.topo, signal);
      if (early === e) early = null; // received: later callers fetch as usual
      return parseBoundaries(topo);
    } catch (error) {
      if (signal?.aborted) e.abandoned = true;
      else if (early === e) early = null; // its failure is reported now: the next caller fetches again
      throw error;
    } finally {
      e.waiting--;
    }
  }
  return parseBoundaries(await fetchTopo(url, signal));
}
