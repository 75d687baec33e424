/**
 * The map's lifecycle, in one place: create it once the frame nears the viewport (boundaries and
 * the library download in parallel), pick the SVG renderer where there is no WebGL, turn a hang
 * into an error after a timeout, say what failed and retry only that, re-apply everything after
 * a lost and restored WebGL context, and remove the map on unmount. Errors are always logged.
 * What to draw is not its business: the component's callbacks (`attach`, `onLoad`, `onLost`,
 * `onRestored`) feed the one state path (apply.ts).
 */
import { type RefObject, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { type Boundaries, loadBoundaries } from './boundaries.ts';
import {
  type CreateMap,
  type MapInit,
  type MapLike,
  MapLoadError,
  type MapStage,
  NoWebGLError,
} from './map-adapter.ts';

/** A load that has not finished by then is reported as failed, with what was still pending. */
export const MAP_TIMEOUT_MS = 15_000;

export type MapStatus =
  | { kind: 'loading' }
  /**
   * The map answers. `upgrading`: the SVG map answers while MapLibre loads (svgFirst), so it is
   * not the no-WebGL map and says nothing about itself.
   */
  | { kind: 'ready'; renderer: 'webgl' | 'svg'; upgrading?: boolean }
  | {
      kind: 'error';
      stage: MapStage;
      timedOut: boolean;
      /**
       * A corrupt script (a truncated chunk) stays broken in the browser's module map for the
       * page's life: only a reload can fetch it again. The reader's view is in the URL, so it survives.
       */
      needsReload: boolean;
      /** MapLibre failed after the SVG map had answered: the SVG map stays, working (svgFirst). */
      svgKept?: boolean;
    };

export interface MapHandlers {
  /** The camera for the frame's current size (known before anything has loaded). */
  view(): Pick<MapInit, 'bounds' | 'fitBoundsOptions' | 'maxBounds'>;
  /** The style for these boundaries. */
  style(boundaries: Boundaries): unknown;
  /** Interaction listeners and images, once per map, before it loads. */
  attach(map: MapLike): void;
  /**
   * The style has loaded (first time, after a retry, or MapLibre taking over from the SVG map):
   * this map is now the one; apply everything.
   */
  onLoad(map: MapLike): void;
  /** WebGL context lost: stop touching the map until it is back. */
  onLost(): void;
  /** Context restored: the map may have dropped state; re-apply everything. */
  onRestored(map: MapLike): void;
  /** The map is gone (unmount or retry). */
  onRemoved(): void;
}

interface Options {
  containerRef: RefObject<HTMLElement | null>;
  createMap: CreateMap;
  /** Used where there is no WebGL (loaded lazily). */
  createFallbackMap: CreateMap;
  webgl: () => boolean;
  /**
   * Draw the SVG map first, and let MapLibre take over once it is ready (the real app): the map
   * answers clicks long before MapLibre's code has arrived. Off, MapLibre is drawn directly.
   */
  svgFirst?: boolean;
  /**
   * Starts downloading MapLibre's files (map-adapter.ts `preloadLibrary`), once the SVG map has
   * answered: nothing the first screen needs shares the network or the main thread with it.
   */
  preload?: () => void;
  boundariesUrl: string;
  cooperativeGestures: boolean;
  handlers: MapHandlers;
  timeoutMs?: number;
}

/** Resolves when `el` comes within `margin` of the viewport (at once where the API is missing). */
function nearViewport(el: Element, margin = '300px'): Promise<void> {
  if (typeof IntersectionObserver === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          resolve();
        }
      },
      { rootMargin: margin },
    );
    io.observe(el);
  });
}

declare global {
  interface Window {
    /** Set only under automation (navigator.webdriver), so end-to-end tests can project points. */
    __POLICY_MAP__?: MapLike;
    /** Read only under automation: a shorter timeout, so tests of hung requests run quickly. */
    __POLICY_MAP_TIMEOUT_MS__?: number;
    /**
     * Read only under automation: MapLibre takes over at once, not at the reader's first move
     * over the map (the browser tests that need MapLibre; tests/e2e/browser.ts sets it).
     */
    __POLICY_MAP_EAGER__?: boolean;
  }
}

/** One attempt at drawing the map: what it needs, and what it reports back. */
interface Attempt {
  container: HTMLElement;
  options: Options;
  handlers(): MapHandlers;
  /** Boundaries that loaded survive a retry: Retry fetches only what failed. */
  boundaries: { current: { url: string; data: Promise<Boundaries> } | null };
  abort: AbortController;
  /** Whether the attempt still counts (not failed, not cleaned up). */
  alive(): boolean;
  /** What it is waiting for now (named in a failure). */
  pending: MapStage;
  /** The map once created (removed on failure or cleanup). */
  map: MapLike | null;
  /** MapLibre while it loads under the SVG map (svgFirst); removed on failure or cleanup. */
  next?: MapLike | null;
  /** The SVG map has answered (svgFirst): a failure of MapLibre's then leaves it in place. */
  answered?: boolean;
  /** Turns a hang into an error (started once the frame nears the viewport). */
  timer?: ReturnType<typeof setTimeout>;
  timeoutMs: number;
  ready(renderer: 'webgl' | 'svg', upgrading?: boolean): void;
  fail(error: unknown): void;
}

/** The boundaries, from this attempt's request or a previous one that succeeded. */
function boundariesFor(a: Attempt): Promise<Boundaries> {
  const url = a.options.boundariesUrl;
  if (a.boundaries.current?.url !== url) {
    const data = loadBoundaries(url, a.abort.signal).catch((e: unknown) => {
      a.boundaries.current = null; // a failure is retried; a success is kept
      throw e instanceof DOMException && e.name === 'AbortError' ? e : new MapLoadError('boundaries', e);
    });
    a.boundaries.current = { url, data };
  }
  return a.boundaries.current.data;
}

/** The map's first options: the camera for the frame's size now, and the style once the boundaries are in. */
function initFor(a: Attempt, boundaries: Promise<Boundaries>, next: MapStage): MapInit {
  return {
    ...a.handlers().view(),
    style: boundaries.then((b) => {
      if (a.pending === 'boundaries') a.pending = next;
      return a.handlers().style(b);
    }),
    cooperativeGestures: a.options.cooperativeGestures,
  };
}

/** Creates MapLibre's map, or the SVG map where there is no WebGL (or MapLibre could not get it). */
async function createRenderer(a: Attempt, boundaries: Promise<Boundaries>, svg: boolean) {
  const { createMap, createFallbackMap } = a.options;
  // The library downloads while the boundaries do: the style is handed over as a promise.
  const init = initFor(a, boundaries, svg ? 'start' : 'library');
  try {
    const map = await (svg ? createFallbackMap : createMap)(a.container, init);
    return { map, renderer: svg ? 'svg' : 'webgl' } as const;
  } catch (error) {
    if (!(error instanceof NoWebGLError)) throw error;
    // The probe said yes but MapLibre could not get a context: draw the SVG map instead.
    console.error(error);
    return { map: await createFallbackMap(a.container, init), renderer: 'svg' } as const;
  }
}

/**
 * Listens to the map's life: errors (never swallowed), a lost and restored context, load, idle.
 * `drawn` runs once the map has first gone idle after `load` (default: the attempt is ready);
 * `last`: no map follows this one, so its load ends the timeout.
 */
function watch(a: Attempt, m: MapLike, renderer: 'webgl' | 'svg', drawn = () => a.ready(renderer), last = true) {
  let loaded = false;
  // MapLibre logs nothing itself once a listener exists, so we always do.
  m.on('error', (e: { error?: Error }) => {
    if (!loaded) a.fail(new MapLoadError('start', e.error ?? e));
    else console.error(e.error ?? e);
  });
  m.on('webglcontextlost', () => a.handlers().onLost());
  // MapLibre rebuilds its style after a restored context and refuses setters until that is
  // done: re-apply everything once it is idle again.
  m.on('webglcontextrestored', () => m.once('idle', () => a.alive() && a.handlers().onRestored(m)));
  a.handlers().attach(m);
  m.on('load', () => {
    if (!a.alive()) return;
    loaded = true;
    if (last) clearTimeout(a.timer);
    a.handlers().onLoad(m);
    // Ready is said as the map goes idle, within MapLibre's frame: not a task later, after
    // the browser has composited that frame (which, with software WebGL, is a readback).
    m.once('idle', () => a.alive() && drawn());
  });
}

/** Draws the map once the frame nears the viewport: boundaries and library in parallel. */
async function start(a: Attempt): Promise<void> {
  // The SVG map costs little and answers at once (svgFirst): no waiting for the viewport. MapLibre
  // waits for the reader anyway (readerReaches).
  if (!a.options.svgFirst) await nearViewport(a.container);
  if (!a.alive()) return;
  a.timer = startTimer(a);
  const boundaries = boundariesFor(a);
  // svgFirst: the WebGL probe (a context of its own: tens of ms) waits until MapLibre is wanted.
  if (a.options.svgFirst) return startSvgFirst(a, boundaries);
  const webgl = a.options.webgl();
  const { map, renderer } = await createRenderer(a, boundaries, !webgl);
  if (!(await adopt(a, map, boundaries))) return;
  watch(a, map, renderer);
}

/** Makes `map` the attempt's map once the boundaries are in; false (and removes it) when the attempt ended. */
async function adopt(a: Attempt, map: MapLike, boundaries: Promise<Boundaries>): Promise<boolean> {
  if (!a.alive()) {
    map.remove();
    return false;
  }
  a.map = map;
  a.pending = 'start';
  await boundaries;
  if (typeof navigator !== 'undefined' && navigator.webdriver) window.__POLICY_MAP__ = map;
  return true;
}

/**
 * The SVG map first — it answers as soon as the boundaries are in — then, once the reader reaches
 * for the map, MapLibre in the same frame, under it; at MapLibre's first idle the SVG map is
 * removed and MapLibre is the map. The
 * controller re-applies the whole state to MapLibre at its `load` (selection, filter, date, hover,
 * camera), and the HTML over the map (labels, symbols, links, their dialogs and focus) never moves.
 */
async function startSvgFirst(a: Attempt, boundaries: Promise<Boundaries>): Promise<void> {
  const svg = await a.options.createFallbackMap(a.container, initFor(a, boundaries, 'start'));
  if (!(await adopt(a, svg, boundaries))) return;
  await new Promise<void>((answered) =>
    watch(
      a,
      svg,
      'svg',
      () => {
        a.answered = true;
        a.ready('svg', true);
        answered();
      },
      false,
    ),
  );
  // The SVG map is the map until the reader reaches for it: nothing hangs meanwhile.
  clearTimeout(a.timer);
  a.options.preload?.();
  await readerReaches(a);
  if (!a.alive()) return;
  if (!a.options.webgl()) {
    // No WebGL: the SVG map stays, and now says what it is.
    a.ready('svg');
    return;
  }
  a.timer = startTimer(a);
  a.pending = 'library';
  const { map, renderer } = await createRenderer(a, boundaries, false);
  if (!a.alive()) {
    map.remove();
    return;
  }
  if (renderer === 'svg') {
    // MapLibre could not get a context after all: the SVG map there is stays the map.
    map.remove();
    clearTimeout(a.timer);
    a.ready('svg');
    return;
  }
  a.next = map;
  a.pending = 'start';
  watch(a, map, renderer, () => {
    // MapLibre has drawn its first frame with everything applied: it takes over.
    svg.remove();
    a.map = map;
    a.next = null;
    if (typeof navigator !== 'undefined' && navigator.webdriver) window.__POLICY_MAP__ = map;
    a.ready(renderer);
  });
}

/** What says the reader is reaching for the map: a pointer over it, a touch, the wheel, focus in it. */
const REACH = ['pointerover', 'pointerdown', 'touchstart', 'wheel', 'focusin'] as const;

/**
 * Resolves when the reader first reaches for the map (REACH, on its region): only then does
 * MapLibre start — its code has been downloading since the first paint. The SVG map answers
 * clicks, hover, the filter and the date; only panning and zooming need MapLibre, and a reader who
 * reads past the map never pays its main-thread time (seconds on a phone).
 */
function readerReaches(a: Attempt): Promise<void> {
  const automated = typeof navigator !== 'undefined' && navigator.webdriver;
  if (automated && window.__POLICY_MAP_EAGER__) return Promise.resolve();
  const region = a.container.closest('section') ?? a.container;
  return new Promise((resolve) => {
    const done = () => {
      for (const type of REACH) region.removeEventListener(type, done);
      a.abort.signal.removeEventListener('abort', done);
      resolve();
    };
    for (const type of REACH) region.addEventListener(type, done, { passive: true });
    a.abort.signal.addEventListener('abort', done);
  });
}

/** Turns a hang into an error after the timeout (shorter under automation, for tests of hangs). */
function startTimer(a: Attempt) {
  const automated = typeof navigator !== 'undefined' && navigator.webdriver;
  const limit = (automated && window.__POLICY_MAP_TIMEOUT_MS__) || a.timeoutMs;
  return setTimeout(
    () =>
      a.fail(Object.assign(new Error(`map: nothing drawn after ${limit / 1000} s (${a.pending})`), { timedOut: true })),
    limit,
  );
}

export function useMapInstance(options: Options): { status: MapStatus; retry(): void } {
  const { containerRef, timeoutMs = MAP_TIMEOUT_MS } = options;
  const [status, setStatus] = useState<MapStatus>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const boundaries = useRef<{ url: string; data: Promise<Boundaries> } | null>(null);
  const { createMap, createFallbackMap, webgl, svgFirst, boundariesUrl, cooperativeGestures } = options;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger; the options listed restart the map.
  useEffect(() => {
    const a = newAttempt(containerRef.current as HTMLElement, optionsRef, boundaries, setStatus, timeoutMs);
    start(a).catch((error: unknown) => {
      if (!(error instanceof DOMException && error.name === 'AbortError')) a.fail(error);
    });
    return () => a.end();
  }, [
    attempt,
    containerRef,
    createMap,
    createFallbackMap,
    webgl,
    svgFirst,
    boundariesUrl,
    cooperativeGestures,
    timeoutMs,
  ]);

  return {
    status,
    retry() {
      if (status.kind === 'error' && status.needsReload) {
        window.location.reload();
        return;
      }
      setStatus({ kind: 'loading' });
      setAttempt((n) => n + 1);
    },
  };
}

/** A new attempt: failing says what failed (once), removes the map and stops everything pending. */
function newAttempt(
  container: HTMLElement,
  options: { current: Options },
  boundaries: Attempt['boundaries'],
  setStatus: (s: MapStatus) => void,
  timeoutMs: number,
): Attempt & { end(): void } {
  let alive = true;
  const remove = () => {
    if (a.next && a.next !== a.map) a.next.remove();
    a.next = null;
    if (a.map && window.__POLICY_MAP__ === a.map) delete window.__POLICY_MAP__;
    if (!a.map) return;
    a.map.remove();
    a.map = null;
    a.handlers().onRemoved();
  };
  const a: Attempt & { end(): void } = {
    container,
    options: options.current,
    handlers: () => options.current.handlers,
    boundaries,
    abort: new AbortController(),
    alive: () => alive,
    pending: 'boundaries',
    map: null,
    timeoutMs,
    ready: (renderer, upgrading) =>
      flushSync(() => setStatus(upgrading ? { kind: 'ready', renderer, upgrading } : { kind: 'ready', renderer })),
    fail(error) {
      if (!alive) return;
      alive = false;
      console.error(error);
      const stage = error instanceof MapLoadError ? error.stage : a.pending;
      clearTimeout(a.timer);
      a.abort.abort();
      // The SVG map answers already: only MapLibre goes (Retry, or leaving, removes the SVG map too).
      const svgKept = a.answered === true;
      if (svgKept) {
        a.next?.remove();
        a.next = null;
      } else remove();
      const timedOut = (error as { timedOut?: boolean }).timedOut === true;
      const needsReload = error instanceof MapLoadError && stage === 'library' && error.cause instanceof SyntaxError;
      setStatus({ kind: 'error', stage, timedOut, needsReload, ...(svgKept ? { svgKept } : {}) });
    },
    end() {
      alive = false;
      clearTimeout(a.timer);
      a.abort.abort();
      remove();
    },
  };
  return a;
}
