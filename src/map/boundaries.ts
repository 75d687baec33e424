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

interface Download {
  url: string;
  topo: Promise<Topo>;
  state: 'pending' | 'ok' | 'failed';
  /** Callers still waiting for it. */
  waiting: number;
  cancel: AbortController;
}

/** The page's one download of the boundary file (index.html preloads it; `fetch` takes the preload). */
let download: Download | null = null;

function fetchTopo(url: string): Download {
  const cancel = new AbortController();
  const d: Download = {
    url,
    state: 'pending',
    waiting: 0,
    cancel,
    topo: fetch(url, { signal: cancel.signal }).then(async (res) => {
      if (!res.ok) throw new Error(`boundaries: HTTP ${res.status} for ${url}`);
      return (await res.json()) as Topo;
    }),
  };
  // Bookkeeping only: the error itself reaches every caller through `d.topo`.
  d.topo.then(
    () => {
      d.state = 'ok';
    },
    () => {
      d.state = 'failed';
    },
  );
  return d;
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
 * The boundaries as GeoJSON, parsed afresh for each caller from the page's one download of `url`.
 * A caller's `signal` stops its wait, not the download: when the map gives up because another of
 * its files failed, the boundaries finish downloading meanwhile and its Retry takes them (Retry
 * fetches only what failed). A download that failed, or that nobody waits for and is still pending
 * when asked again (a hung request, given up after the map's timeout), is started afresh.
 */
export async function loadBoundaries(url = BOUNDARIES_URL, signal?: AbortSignal): Promise<Boundaries> {
  const reuse =
    download?.url === url && (download.state === 'ok' || (download.state === 'pending' && download.waiting > 0));
  if (!reuse) {
    if (download?.waiting === 0) download.cancel.abort();
    download = fetchTopo(url);
  }
  const d = download as Download;
  d.waiting++;
  try {
    return parseBoundaries(await unlessAborted(d.topo, signal));
  } finally {
    d.waiting--;
  }
}
