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
  | { kind: 'ready'; renderer: 'webgl' | 'svg' }
  | {
      kind: 'error';
      stage: MapStage;
      timedOut: boolean;
      /**
       * A corrupt script (a truncated chunk) stays broken in the browser's module map for the
       * page's life: only a reload can fetch it again. The reader's view is in the URL, so it survives.
       */
      needsReload: boolean;
    };

export interface MapHandlers {
  /** The camera for the frame's current size (known before anything has loaded). */
  view(): Pick<MapInit, 'bounds' | 'fitBoundsOptions' | 'maxBounds'>;
  /** The style for these boundaries. */
  style(boundaries: Boundaries): unknown;
  /** Interaction listeners, once per map. */
  attach(map: MapLike): void;
  /** The style has loaded (first time, or after a retry): apply everything. */
  onLoad(map: MapLike, boundaries: Boundaries): void;
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
  }
}

export function useMapInstance({
  containerRef,
  createMap,
  createFallbackMap,
  webgl,
  boundariesUrl,
  cooperativeGestures,
  handlers,
  timeoutMs = MAP_TIMEOUT_MS,
}: Options): { status: MapStatus; retry(): void } {
  const [status, setStatus] = useState<MapStatus>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  /** Boundaries that loaded survive a retry: Retry fetches only what failed. */
  const boundariesRef = useRef<{ url: string; data: Promise<Boundaries> } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    let alive = true;
    let map: MapLike | null = null;
    const abort = new AbortController();
    const container = containerRef.current as HTMLElement;
    const h = () => handlersRef.current;
    let pending: MapStage = 'boundaries';
    const fail = (error: unknown, timedOut = false) => {
      if (!alive) return;
      alive = false;
      console.error(error);
      const stage = error instanceof MapLoadError ? error.stage : pending;
      abort.abort();
      if (map) {
        map.remove();
        map = null;
        h().onRemoved();
      }
      const needsReload = error instanceof MapLoadError && stage === 'library' && error.cause instanceof SyntaxError;
      setStatus({ kind: 'error', stage, timedOut, needsReload });
    };
    let timer: ReturnType<typeof setTimeout> | undefined;

    (async () => {
      await nearViewport(container);
      if (!alive) return;
      const automated = typeof navigator !== 'undefined' && navigator.webdriver;
      const limit = (automated && window.__POLICY_MAP_TIMEOUT_MS__) || timeoutMs;
      timer = setTimeout(() => fail(new Error(`map: nothing drawn after ${limit / 1000} s (${pending})`), true), limit);
      if (boundariesRef.current?.url !== boundariesUrl) {
        const data = loadBoundaries(boundariesUrl, abort.signal).catch((e: unknown) => {
          boundariesRef.current = null; // a failure is retried; a success is kept
          throw e instanceof DOMException && e.name === 'AbortError' ? e : new MapLoadError('boundaries', e);
        });
        boundariesRef.current = { url: boundariesUrl, data };
      }
      const boundaries = boundariesRef.current.data;
      const useSvg = !webgl();
      // The library downloads while the boundaries do: the style is handed over as a promise.
      const init = {
        ...h().view(),
        style: boundaries.then((b) => {
          if (pending === 'boundaries') pending = useSvg ? 'start' : 'library';
          return h().style(b);
        }),
        cooperativeGestures,
      };
      let m: MapLike;
      let renderer: 'webgl' | 'svg' = useSvg ? 'svg' : 'webgl';
      try {
        m = await (useSvg ? createFallbackMap : createMap)(container, init);
      } catch (error) {
        if (!(error instanceof NoWebGLError)) throw error;
        // The probe said yes but MapLibre could not get a context: draw the SVG map instead.
        console.error(error);
        renderer = 'svg';
        m = await createFallbackMap(container, init);
      }
      if (!alive) {
        m.remove();
        return;
      }
      map = m;
      pending = 'start';
      const b = await boundaries;
      if (typeof navigator !== 'undefined' && navigator.webdriver) window.__POLICY_MAP__ = m;
      let loaded = false;
      // Never swallowed: MapLibre logs nothing itself once a listener exists, so we always do.
      m.on('error', (e: { error?: Error }) => {
        if (!loaded) fail(new MapLoadError('start', e.error ?? e));
        else console.error(e.error ?? e);
      });
      m.on('webglcontextlost', () => h().onLost());
      // MapLibre rebuilds its style after a restored context and refuses setters until that is
      // done: re-apply everything once it is idle again.
      m.on('webglcontextrestored', () => m.once('idle', () => alive && h().onRestored(m)));
      h().attach(m);
      m.on('load', () => {
        if (!alive) return;
        loaded = true;
        clearTimeout(timer);
        h().onLoad(m, b);
        // Ready is said as the map goes idle, within MapLibre's frame: not a task later, after
        // the browser has composited that frame (which, with software WebGL, is a readback).
        m.once('idle', () => alive && flushSync(() => setStatus({ kind: 'ready', renderer })));
      });
    })().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      fail(error);
    });

    return () => {
      alive = false;
      clearTimeout(timer);
      abort.abort();
      if (map && window.__POLICY_MAP__ === map) delete window.__POLICY_MAP__;
      if (map) {
        map.remove();
        h().onRemoved();
      }
    };
  }, [attempt, containerRef, createMap, createFallbackMap, webgl, boundariesUrl, cooperativeGestures, timeoutMs]);

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
