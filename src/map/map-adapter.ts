/**
 * The narrow surface of MapLibre the app uses. The map component talks only to `MapLike`; the
 * real implementation loads maplibre-gl lazily (its own file, which the map starts downloading
 * once the SVG map has answered, and which runs only when the reader reaches for the map; never in
 * the app bundle), and
 * jsdom tests pass a fake. `MAP_METHODS` lists every method called, and one unit test checks the
 * real maplibre-gl Map still has each of them, so the fake cannot drift from the real API.
 */
// MapLibre's own ES module builds, as files of their own (URLs only: nothing is requested here).
// The library is imported from its URL, so `preloadLibrary` can ask for that same file early; the
// worker's file MapLibre fetches itself.
import libraryUrl from 'maplibre-gl/dist/maplibre-gl.mjs?url';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

export interface MapLike {
  on<E>(type: string, listener: (e: E) => void): unknown;
  on<E>(type: string, layers: string | string[], listener: (e: E) => void): unknown;
  off<E>(type: string, listener: (e: E) => void): unknown;
  off<E>(type: string, layers: string | string[], listener: (e: E) => void): unknown;
  once<E>(type: string, listener: (e: E) => void): unknown;
  addImage(id: string, image: { width: number; height: number; data: Uint8Array }): unknown;
  /** Generates the hatch pattern when the style first needs it (no sprite file). */
  setMissingStyleImageResolver(resolver: (id: string) => void): unknown;
  setFeatureState(feature: { source: string; id: string }, state: Record<string, unknown>): void;
  setPaintProperty(layer: string, name: string, value: unknown): unknown;
  setFilter(layer: string, filter: unknown): unknown;
  /** The GeoJSON source, to replace its data when the composition changes (apply.ts checks its kind). */
  getSource(id: string): object | undefined;
  fitBounds(bounds: [[number, number], [number, number]], options?: Record<string, unknown>): unknown;
  /** How far the reader may pan (and, so, zoom out); set with each fit of the composition. */
  setMaxBounds(bounds: [[number, number], [number, number]]): unknown;
  project(lngLat: [number, number]): { x: number; y: number };
  /** MapLibre's canvas (the SVG renderer's drawing): the keyboard surface, named for screen readers. */
  getCanvas(): HTMLElement;
  resize(): unknown;
  /** Draws the current frame synchronously (used to snapshot the canvas for printing). */
  redraw(): unknown;
  remove(): void;
}

export const MAP_METHODS = [
  'on',
  'off',
  'once',
  'addImage',
  'setMissingStyleImageResolver',
  'setFeatureState',
  'setPaintProperty',
  'setFilter',
  'getSource',
  'fitBounds',
  'setMaxBounds',
  'project',
  'getCanvas',
  'resize',
  'redraw',
  'remove',
] as const satisfies readonly (keyof MapLike)[];

export interface MapInit {
  /** The style, or a promise of it: MapLibre's code then downloads while the boundaries do. */
  style: unknown | Promise<unknown>;
  bounds: [[number, number], [number, number]];
  fitBoundsOptions: Record<string, unknown>;
  maxBounds: [[number, number], [number, number]];
  /** Page scroll passes over the map; zoom needs ctrl/⌘ + wheel or two fingers (embeds). */
  cooperativeGestures?: boolean;
}

export type CreateMap = (container: HTMLElement, init: MapInit) => Promise<MapLike>;

/** What failed while the map was being drawn: named to the reader, retried on its own. */
export type MapStage = 'boundaries' | 'library' | 'start';

export class MapLoadError extends Error {
  constructor(
    readonly stage: MapStage,
    cause: unknown,
  ) {
    super(`${stage}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MapLoadError';
  }
}

type Maplibre = typeof import('maplibre-gl');
let library: Promise<Maplibre> | null = null;
/**
 * MapLibre's self-contained ES module build (maplibre-gl.mjs, what `import('maplibre-gl')` resolves
 * to), imported by its URL and typed by the package's own declarations.
 */
const importLibrary = (): Promise<Maplibre> => import(/* @vite-ignore */ libraryUrl);

/**
 * maplibre-gl and its CSS, run once, when the map asks for them. A failure stays here until a map
 * has been refused by it (`createMaplibreMap`), so it is reported like any other failure, with
 * Retry; then it is forgotten, so Retry fetches again (and only this).
 */
function loadLibrary(): Promise<Maplibre> {
  library ??= Promise.all([importLibrary(), import('maplibre-gl/dist/maplibre-gl.css')]).then(
    ([maplibre]) => {
      // The worker is a file of its own; without this MapLibre cannot start it (see stack.md).
      maplibre.setWorkerUrl(workerUrl);
      return maplibre;
    },
    (error: unknown) => {
      throw new MapLoadError('library', error);
    },
  );
  return library;
}

let preloaded = false;

/**
 * Starts downloading MapLibre's code and worker (about 440 KB gzipped) without running them: the map
 * calls it once the SVG map has answered (use-map-instance.ts), so the download shares the network
 * and the main thread with nothing the first screen needs (started with the page, Lighthouse's
 * slow-phone model counted it against the first paint: FCP / LCP 2.5 / 4.2 s against 1.6 / 1.8 s;
 * at the first paint, its hints cost the SVG map's answer about 30 ms). The code runs only when
 * MapLibre is wanted (a `modulepreload` fetches and compiles; it never evaluates).
 * The worker is prefetched into the HTTP cache, where MapLibre's `new Worker(url)` finds it
 * (Chromium has no `preload as="worker"`). Skipped where the browser has no WebGL at all; a browser
 * whose WebGL turns out unusable (the map's probe, after the first paint) downloads it for nothing
 * and draws the SVG map.
 */
export function preloadLibrary(): void {
  if (preloaded || typeof WebGLRenderingContext === 'undefined') return;
  preloaded = true;
  for (const [rel, href] of [
    ['modulepreload', libraryUrl],
    ['prefetch', workerUrl],
  ] as const) {
    const hint = document.createElement('link');
    hint.rel = rel;
    hint.href = href;
    document.head.append(hint);
  }
}

let webgl: boolean | undefined;

/**
 * Whether this browser can give MapLibre a WebGL context at all (else the SVG map is drawn). Probed
 * once per page, by the map, after the first paint: creating the context takes 10–15 ms.
 */
export function webglAvailable(): boolean {
  if (webgl === undefined) {
    const canvas = document.createElement('canvas');
    webgl = Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  }
  return webgl;
}

/** Raised when MapLibre cannot get a WebGL context although the probe said it could. */
export class NoWebGLError extends Error {
  override name = 'NoWebGLError';
}

/** Creates a real MapLibre map; maplibre-gl runs now (downloaded already, when main.tsx preloaded it). */
export const createMaplibreMap: CreateMap = async (container, init) => {
  // The map may ask before main.tsx's hint (the first paint is reported a frame or two after it is
  // drawn): the worker's prefetch then starts here, alongside the code, not after it has run.
  preloadLibrary();
  const loading = loadLibrary();
  // Forget a failure once a map has seen it: the next attempt (Retry) fetches again.
  loading.catch(() => {
    if (library === loading) library = null;
  });
  const [maplibre, style] = await Promise.all([loading, init.style]);
  let map: InstanceType<Maplibre['Map']>;
  try {
    map = new maplibre.Map({
      container,
      style: style as never,
      bounds: init.bounds,
      fitBoundsOptions: init.fitBoundsOptions,
      maxBounds: init.maxBounds,
      renderWorldCopies: false,
      // The map room's controller resizes the map from its one observer (map-controller.ts): with
      // MapLibre's own as well, every size change resized the map twice.
      trackResize: false,
      // The style is built by map-style.ts and checked against the style specification by its unit
      // test, in every theme; MapLibre's own check of it cost 3–12 ms of the first screen.
      validateStyle: false,
      cooperativeGestures: init.cooperativeGestures ?? false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: false,
    });
  } catch (error) {
    // MapLibre throws when it cannot create a WebGL context (GPU blocklisted, WebGL disabled).
    if (error instanceof Error && /webgl|gpu/i.test(`${error.name} ${error.message}`))
      throw new NoWebGLError(error.message, { cause: error });
    throw new MapLoadError('start', error);
  }
  map.addControl(new maplibre.AttributionControl({ compact: true, customAttribution: 'Natural Earth' }), 'bottom-left');
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  // Bottom left is open sea in every composition (composition.ts): the controls cover no country.
  map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'bottom-left');
  // MapLike is a structural subset of MapLibre's own Map: no cast needed (or allowed).
  return map;
};
