/**
 * The one component that owns the MapLibre instance. It creates the map once, feeds it from the
 * store through setters and feature-state (never rebuilding the style), positions the HTML labels
 * on camera moves, and removes the map on unmount. Nothing else imports maplibre-gl.
 *
 * Contract other tests rely on: the wrapper is a <section> (role region) named "…map…", with
 * `aria-busy="true"` until MapLibre's first `idle` with the boundaries drawn.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { colourByCountry } from '../data/selectors.ts';
import { type CountryCode, FOCUS_COUNTRIES } from '../data/vocabulary.ts';
import { useMatchingCounts, useStrings } from '../state/data-context.ts';
import { useAppStore, useAppStoreApi } from '../state/store.ts';
import { useResolvedTheme } from '../state/theme.ts';
import { BOUNDARIES_URL, type Boundaries, loadBoundaries } from './boundaries.ts';
import { CountryLabels, type CountryLabelsHandle } from './country-labels.tsx';
import { layoutLabels } from './label-layout.ts';
import { type CreateMap, createMaplibreMap, type MapLike } from './map-adapter.ts';
import {
  buildStyle,
  FOCUS_BOUNDS,
  fillColourExpression,
  fitPadding,
  hatchImage,
  hatchImageId,
  LAYERS,
  MAX_BOUNDS,
  noneFilter,
  outlineColourExpression,
  SOURCE_ID,
  themePaint,
} from './map-style.ts';

interface Props {
  /** Injected in tests (a fake map); the real app uses MapLibre, loaded lazily. */
  createMap?: CreateMap;
  boundariesUrl?: string;
  /** Embeds: let page scroll pass over the map (MapLibre's cooperative gestures). */
  cooperativeGestures?: boolean;
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

type Status = 'loading' | 'ready' | 'error';

declare global {
  interface Window {
    /** Set only under automation (navigator.webdriver), so end-to-end tests can project points. */
    __POLICY_MAP__?: MapLike;
  }
}

export function MapView({
  createMap = createMaplibreMap,
  boundariesUrl = BOUNDARIES_URL,
  cooperativeGestures = false,
}: Props) {
  const store = useAppStoreApi();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const selected = useAppStore((s) => s.selected);
  const counts = useMatchingCounts();
  const theme = useResolvedTheme();
  const [status, setStatus] = useState<Status>('loading');

  const containerRef = useRef<HTMLDivElement>(null);
  const printImageRef = useRef<HTMLImageElement>(null);
  const labelsRef = useRef<CountryLabelsHandle>(null);
  const mapRef = useRef<MapLike | null>(null);
  const loadedRef = useRef(false);
  const labelPointsRef = useRef<Boundaries['labels']>({});
  const canvasLabelRef = useRef(t.mapCanvasLabel);
  canvasLabelRef.current = t.mapCanvasLabel;
  const countsRef = useRef(counts);
  countsRef.current = counts;
  const themeRef = useRef(theme);
  themeRef.current = theme;

  /** Lays the labels out for the current camera. Called on move, resize and label-text changes. */
  const positionLabels = useRef(() => {
    const map = mapRef.current;
    const container = containerRef.current;
    const labels = labelsRef.current;
    if (!map || !container || !labels || !loadedRef.current) return;
    const sizes = labels.sizes();
    const inputs = FOCUS_COUNTRIES.flatMap((c) => {
      const point = labelPointsRef.current[c];
      return point ? [{ id: c, anchor: map.project(point), ...sizes[c] }] : [];
    });
    labels.place(layoutLabels(inputs, { width: container.clientWidth, height: container.clientHeight }));
  }).current;

  const applyCounts = useRef(() => {
    const map = mapRef.current;
    if (!map || !loadedRef.current) return;
    const theme = themeRef.current;
    const colours = colourByCountry(countsRef.current, theme);
    const zero = FOCUS_COUNTRIES.filter((c) => colours[c] === null);
    map.setPaintProperty(LAYERS.focus, 'fill-color', fillColourExpression(colours, theme));
    map.setPaintProperty(LAYERS.outline, 'line-color', outlineColourExpression(zero, theme));
    map.setFilter(LAYERS.none, noneFilter(zero));
  }).current;

  // Create the map once; remove it on unmount.
  useEffect(() => {
    let alive = true;
    let map: MapLike | null = null;
    let userMoved = false;
    const abort = new AbortController();
    const container = containerRef.current as HTMLDivElement;
    const setFeature = (id: CountryCode | null, state: Record<string, boolean>) => {
      if (id && map) map.setFeatureState({ source: SOURCE_ID, id }, state);
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (!loadedRef.current) return;
      if (s.hovered !== prev.hovered) {
        setFeature(prev.hovered, { hover: false });
        setFeature(s.hovered, { hover: true });
      }
      if (s.selected !== prev.selected) {
        setFeature(prev.selected, { selected: false });
        setFeature(s.selected, { selected: true });
      }
    });
    // A WebGL canvas prints blank: swap in a snapshot of the current frame while printing.
    const onBeforePrint = () => {
      if (!map || !loadedRef.current || !printImageRef.current) return;
      map.redraw();
      printImageRef.current.src = map.getCanvas().toDataURL('image/png');
    };
    window.addEventListener('beforeprint', onBeforePrint);
    const resizeObserver = new ResizeObserver(() => {
      if (!map || !loadedRef.current) return;
      map.resize();
      if (!userMoved) map.fitBounds(FOCUS_BOUNDS, { padding: fitPadding(container.clientWidth), animate: false });
      positionLabels();
    });

    (async () => {
      // Browsers cap WebGL contexts per page and throttle off-screen frames: create the map only
      // when it nears the viewport (the text UI works meanwhile). Nothing is released later.
      await nearViewport(container);
      if (!alive) return;
      // Boundaries and MapLibre's code download in parallel.
      const boundaries = loadBoundaries(boundariesUrl, abort.signal);
      map = await createMap(container, {
        style: boundaries.then((b) => buildStyle(b.geojson, themeRef.current)),
        bounds: FOCUS_BOUNDS,
        fitBoundsOptions: { padding: fitPadding(container.clientWidth), animate: false },
        maxBounds: MAX_BOUNDS,
        cooperativeGestures,
      });
      if (!alive) {
        map.remove();
        return;
      }
      labelPointsRef.current = (await boundaries).labels;
      const m = map;
      mapRef.current = m;
      // MapLibre makes its canvas a second region named "Map"; the region is ours (the contract),
      // the canvas is the keyboard pan/zoom surface inside it.
      m.getCanvas().setAttribute('role', 'application');
      m.getCanvas().setAttribute('aria-label', canvasLabelRef.current);
      if (typeof navigator !== 'undefined' && navigator.webdriver) window.__POLICY_MAP__ = m;
      m.setMissingStyleImageResolver((id: string) => {
        for (const name of ['light', 'dark'] as const) if (id === hatchImageId(name)) m.addImage(id, hatchImage(name));
      });
      m.on('error', (e: { error?: Error }) => {
        if (!loadedRef.current) {
          console.error(e.error);
          if (alive) setStatus('error');
        }
      });
      m.on('load', () => {
        loadedRef.current = true;
        applyCounts();
        setFeature(store.getState().selected, { selected: true });
        positionLabels();
        resizeObserver.observe(container);
        m.once('idle', () => alive && setStatus('ready'));
      });
      m.on('move', positionLabels);
      m.on('movestart', (e: { originalEvent?: Event }) => {
        if (e.originalEvent) userMoved = true;
      });
      m.on('mousemove', LAYERS.focus, (e: { features?: { id?: string | number }[] }) => {
        m.getCanvas().style.cursor = 'pointer';
        store.getState().hover((e.features?.[0]?.id as CountryCode | undefined) ?? null);
      });
      m.on('mouseleave', LAYERS.focus, () => {
        m.getCanvas().style.cursor = '';
        store.getState().hover(null);
      });
      m.on('click', LAYERS.focus, (e: { features?: { id?: string | number }[] }) => {
        const id = e.features?.[0]?.id as CountryCode | undefined;
        if (id) store.getState().select(id);
      });
    })().catch((error: unknown) => {
      if (!alive || (error instanceof DOMException && error.name === 'AbortError')) return;
      console.error(error);
      setStatus('error');
    });

    return () => {
      alive = false;
      abort.abort();
      window.removeEventListener('beforeprint', onBeforePrint);
      unsubscribe();
      resizeObserver.disconnect();
      loadedRef.current = false;
      mapRef.current = null;
      if (window.__POLICY_MAP__ === map) delete window.__POLICY_MAP__;
      map?.remove();
    };
  }, [createMap, boundariesUrl, cooperativeGestures, store, positionLabels, applyCounts]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `counts` and `theme` are the triggers; applyCounts reads refs.
  useEffect(() => applyCounts(), [counts, theme, applyCounts]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loadedRef.current) return;
    for (const [layer, prop, value] of themePaint(theme)) map.setPaintProperty(layer, prop, value);
  }, [theme]);
  // Label text (count, language, selection) changes its size: lay out again after React paints it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: these change the labels' size, so they trigger a new layout.
  useLayoutEffect(() => positionLabels(), [counts, lang, selected, status, positionLabels]);

  return (
    <section
      className="map"
      aria-label={t.mapRegionLabel}
      aria-describedby="map-description"
      aria-busy={status === 'loading'}
    >
      <p id="map-description" className="visually-hidden">
        {t.mapDescription}
      </p>
      <div ref={containerRef} className="map-canvas" data-status={status} />
      <img ref={printImageRef} className="map-print" alt="" />
      <CountryLabels
        ref={labelsRef}
        counts={counts}
        lang={lang}
        selected={selected}
        onSelect={(c) => store.getState().select(c)}
        onHover={(c) => store.getState().hover(c)}
      />
      {status === 'loading' && (
        <p className="map-status" role="status">
          {t.mapLoading}
        </p>
      )}
      {status === 'error' && (
        <p className="map-status" role="alert">
          {t.mapFailed}
        </p>
      )}
    </section>
  );
}
