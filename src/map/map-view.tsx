/**
 * The one component that owns the map (MapLibre, or the SVG renderer where there is no WebGL).
 * It gathers the view state — store, filter, date, theme, language, composition — into `wanted`
 * and hands it to `applyMapState` (apply.ts) along one path; the lifecycle (create, time out,
 * retry, lost context, remove) is use-map-instance.ts; the HTML over the map (labels, prison
 * symbols, caption) is placed by place-overlays.ts on every camera move, without React renders.
 * Nothing here imports maplibre-gl (map-adapter.ts does, lazily).
 *
 * Contract other tests rely on: the wrapper is a <section> (role region) named "…map…", with
 * `aria-busy="true"` until the map's first `idle` with the boundaries drawn, or until it failed.
 */
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { type FacilityAt, mappedFacilities } from '../data/facilities.ts';
import { formatDate } from '../data/format.ts';
import { linksShownAt, outsideActors } from '../data/links.ts';
import { colourByCountry } from '../data/selectors.ts';
import { countryCodes, outsideAnchor } from '../data/story.ts';
import { asOfMonth } from '../data/timeline.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import { useMatchingCounts, usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore, useAppStoreApi } from '../state/store.ts';
import { useResolvedTheme } from '../state/theme.ts';
import { applyMapState, type MapViewState } from './apply.ts';
import { BOUNDARIES_URL, type Boundaries } from './boundaries.ts';
import {
  type Bounds,
  type Composition,
  compose,
  composeFeatures,
  compositionConfig,
  labelExtents,
  PADDING,
} from './composition.ts';
import { CountryLabels, type CountryLabelsHandle } from './country-labels.tsx';
import { FacilitySymbols, type FacilitySymbolsHandle } from './facility-symbols.tsx';
import { useFirstScreenOffset } from './first-screen.ts';
import type { LinkInput } from './link-layout.ts';
import { type CreateMap, createMaplibreMap, type MapLike, MapLoadError, webglAvailable } from './map-adapter.ts';
import { buildStyle, FOCUS_FILL_LAYERS, hatchImage, hatchImageId } from './map-style.ts';
import { placeOverlays } from './place-overlays.ts';
import { PolicyLinks, type PolicyLinksHandle, type ShownLink } from './policy-links.tsx';
import { type MapHandlers, useMapInstance } from './use-map-instance.ts';

interface Props {
  /** Injected in tests (a fake map); the real app uses MapLibre, loaded lazily. */
  createMap?: CreateMap;
  /** Drawn where there is no WebGL: the SVG renderer, loaded lazily. */
  createFallbackMap?: CreateMap;
  /** Whether WebGL is available (injected in tests). */
  webgl?: () => boolean;
  boundariesUrl?: string;
  /** Embeds: let page scroll pass over the map (MapLibre's cooperative gestures). */
  cooperativeGestures?: boolean;
  /** The full page: size the map to end inside the first screen (never in embeds). */
  fitFirstScreen?: boolean;
  /** The body of a policy link's dialog (the app passes ui/'s LinkDetails; map/ does not import ui/). */
  linkDetails?(link: ShownLink, done: () => void): React.ReactNode;
}

const noDetails = () => null;

/** The SVG renderer's own chunk; failing to fetch it is a library failure like MapLibre's. */
const createSvgMapLazily: CreateMap = async (container, init) => {
  let mod: typeof import('./svg-map.ts');
  try {
    mod = await import('./svg-map.ts');
  } catch (error) {
    throw new MapLoadError('library', error);
  }
  return mod.createSvgMap(container, init);
};

export function MapView({
  createMap = createMaplibreMap,
  createFallbackMap = createSvgMapLazily,
  webgl = webglAvailable,
  boundariesUrl = BOUNDARIES_URL,
  cooperativeGestures = false,
  fitFirstScreen = false,
  linkDetails = noDetails,
}: Props) {
  const store = useAppStoreApi();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const selected = useAppStore((s) => s.selected);
  const counts = useMatchingCounts();
  const theme = useResolvedTheme();
  const colours = useMemo(() => colourByCountry(counts, theme), [counts, theme]);
  const data = usePolicyData();
  // The story's region (fixed for the app's life, like the data it comes from).
  const config = useMemo(() => compositionConfig(data.story.region), [data]);
  const date = useAppStore((s) => s.date);
  const activeTypes = useAppStore((s) => s.activeTypes);
  // Prisons with sourced coordinates that exist at the date and match the filter.
  const facilities = useMemo(
    () =>
      (date === null ? mappedFacilities(data) : mappedFacilities(data, date)).filter(
        (f) => f.exists && activeTypes.includes(f.type),
      ),
    [data, date, activeTypes],
  );
  const facilitiesRef = useRef(facilities);
  facilitiesRef.current = facilities;
  // Policy links that exist at the date, oldest first (undated last), unless the reader hid them.
  const showLinks = useAppStore((s) => s.links);
  const links = useMemo(() => (showLinks ? linksShownAt(data, date ?? asOfMonth(data)) : []), [data, date, showLinks]);
  const outside = useMemo(
    () =>
      outsideActors(
        data,
        links.map((l) => l.link),
      ),
    [data, links],
  );
  const linksRef = useRef<LinkInput[]>([]);
  linksRef.current = links.map(({ link, ended }) => ({
    id: link.id,
    from: link.from,
    to: link.to,
    mutual: link.mutual,
    ended,
  }));

  const openFacility = useCallback((f: FacilityAt) => store.getState().openMeasure(f.country, f.id), [store]);
  const sectionRef = useRef<HTMLElement>(null);
  useFirstScreenOffset(sectionRef, fitFirstScreen);
  const containerRef = useRef<HTMLDivElement>(null);
  const printImageRef = useRef<HTMLImageElement>(null);
  const captionRef = useRef<HTMLParagraphElement>(null);
  const stampRef = useRef<HTMLParagraphElement>(null);
  const labelsRef = useRef<CountryLabelsHandle>(null);
  const facilitiesHandle = useRef<FacilitySymbolsHandle>(null);
  const linksHandle = useRef<PolicyLinksHandle>(null);
  const mapRef = useRef<MapLike | null>(null);
  const boundariesRef = useRef<Boundaries | null>(null);
  const compositionRef = useRef<Composition | null>(null);
  const extentsRef = useRef<Record<string, Bounds>>({});
  const userMovedRef = useRef(false);
  /** What the map should show… */
  const wanted = useRef<Omit<MapViewState, 'features'> & { features: GeoJSON.FeatureCollection | null }>({
    theme,
    colours,
    selected,
    hovered: store.getState().hovered,
    canvasLabel: t.mapCanvasLabel,
    features: null,
  });
  /** …and what it was last given: null while it cannot take anything (before load, context lost). */
  const applied = useRef<Partial<MapViewState> | null>(null);
  /** What the style was built with (handed to `applied` at load). */
  const builtWith = useRef<Partial<MapViewState>>({});
  /** The frame's size when the map measured its canvas (creation, or the last resize handled). */
  const mapSize = useRef({ width: 0, height: 0 });
  /** The composition the map's camera was first fitted to (`view`). */
  const viewMagnification = useRef<number | null>(null);
  /** Whether the frame's size differs from the map canvas's; if so, records the new size. */
  const sizeChanged = useRef((): boolean => {
    const container = containerRef.current;
    if (!container) return false;
    const { clientWidth: width, clientHeight: height } = container;
    // A hidden tab (Table, Overview) lays the frame out at 0 × 0: that is not a size to draw at, and
    // the map keeps the size, composition and camera it had for when the reader comes back.
    if (width === 0 || height === 0) return false;
    if (mapSize.current.width === width && mapSize.current.height === height) return false;
    mapSize.current = { width, height };
    return true;
  }).current;

  /** The one way state reaches the map: applies the difference whenever the map can take it. */
  const sync = useRef(() => {
    const map = mapRef.current;
    const next = wanted.current;
    if (!map || !applied.current || !next.features) return;
    const full = next as MapViewState;
    applyMapState(map, applied.current, full);
    applied.current = full;
  }).current;

  /** Places the HTML over the map for the current camera (move, resize, text changes). */
  const positionOverlays = useRef(() => {
    const map = mapRef.current;
    const container = containerRef.current;
    const labels = labelsRef.current;
    const anchors = boundariesRef.current?.labels;
    const composition = compositionRef.current;
    if (!map || !container || !labels || !anchors || !composition || !applied.current) return;
    placeOverlays({
      map,
      container,
      composition,
      anchors,
      extents: extentsRef.current,
      labels,
      facilities: facilitiesRef.current,
      symbols: facilitiesHandle.current,
      caption: captionRef.current,
      stamp: stampRef.current,
      links: linksRef.current,
      linksHandle: linksHandle.current,
      outsideAnchor: (code) => outsideAnchor(data, code),
    });
  }).current;

  /** Composes the map for the frame's current size; true when the composition changed. */
  const recompose = useRef((): boolean => {
    const container = containerRef.current;
    const boundaries = boundariesRef.current;
    if (!container || !boundaries) return false;
    const next = compose({ width: container.clientWidth, height: container.clientHeight }, config);
    if (compositionRef.current?.magnification === next.magnification) return false;
    compositionRef.current = next;
    const features = composeFeatures(boundaries.geojson, next, config);
    extentsRef.current = labelExtents(features, countryCodes(data));
    wanted.current = { ...wanted.current, features };
    return true;
  }).current;

  /** Fits the composition unless the reader has moved the map (a new composition always fits). */
  const fitComposition = useRef((force: boolean) => {
    const map = mapRef.current;
    const composition = compositionRef.current;
    if (!map || !composition || (userMovedRef.current && !force)) return;
    userMovedRef.current = false;
    map.fitBounds(composition.bounds, { padding: PADDING, animate: false });
  }).current;

  const handlers = useRef<MapHandlers>({
    view() {
      const container = containerRef.current as HTMLElement;
      const first = compose({ width: container.clientWidth, height: container.clientHeight }, config);
      viewMagnification.current = first.magnification;
      return {
        bounds: first.bounds,
        fitBoundsOptions: { padding: PADDING, animate: false },
        maxBounds: first.maxBounds,
      };
    },
    style(boundaries) {
      boundariesRef.current = boundaries;
      compositionRef.current = null;
      recompose();
      // The style carries the features, theme and colours of now, and a new style has no
      // feature-state (no country selected or hovered): `load` applies only what differs.
      const { features, theme, colours } = wanted.current;
      builtWith.current = { features: features ?? undefined, theme, colours, selected: null, hovered: null };
      return buildStyle(features as GeoJSON.FeatureCollection, theme, colours);
    },
    attach(m) {
      mapRef.current = m;
      sizeChanged(); // the size MapLibre gave its canvas when it was created
      // MapLibre makes its canvas a second region named "Map"; the region is ours (the contract),
      // the canvas is the keyboard pan/zoom surface inside it.
      m.getCanvas().setAttribute('role', 'application');
      // The hatch of the theme of now is there before the style loads: the worker's first tiles
      // find it, with no round trip through the resolver and no redraw for its arrival. The
      // other theme's is made when a switch asks for it.
      const { theme } = wanted.current;
      m.addImage(hatchImageId(theme), hatchImage(theme));
      m.setMissingStyleImageResolver((id: string) => {
        for (const name of ['light', 'dark'] as const) if (id === hatchImageId(name)) m.addImage(id, hatchImage(name));
      });
      m.on('move', positionOverlays);
      m.on('movestart', (e: { originalEvent?: Event }) => {
        if (e.originalEvent) userMovedRef.current = true;
      });
      m.on('mousemove', FOCUS_FILL_LAYERS, (e: { features?: { id?: string | number }[] }) => {
        m.getCanvas().style.cursor = 'pointer';
        store.getState().hover((e.features?.[0]?.id as CountryCode | undefined) ?? null);
      });
      m.on('mouseleave', FOCUS_FILL_LAYERS, () => {
        m.getCanvas().style.cursor = '';
        store.getState().hover(null);
      });
      m.on('click', FOCUS_FILL_LAYERS, (e: { features?: { id?: string | number }[] }) => {
        const id = e.features?.[0]?.id as CountryCode | undefined;
        if (id) store.getState().select(id);
      });
    },
    onLoad(m) {
      // The style was built with these features, theme and colours: only what differs is applied
      // now. MapLibre fires `idle` in the frame that fired `load` only if this leaves nothing to
      // redraw, so nothing is touched that has not changed (each setter, and a camera move, costs
      // a frame before the map is ready).
      applied.current = { ...builtWith.current };
      // The frame may have changed size while loading: then resize, and compose and fit again.
      const resized = sizeChanged();
      if (resized) m.resize();
      const recomposed = recompose();
      sync();
      if (resized || recomposed || compositionRef.current?.magnification !== viewMagnification.current)
        fitComposition(true);
      positionOverlays();
      resizeObserver.current?.observe(containerRef.current as HTMLElement);
    },
    onLost() {
      applied.current = null;
    },
    onRestored() {
      // A restored context may have dropped data, paint and feature-state: re-apply everything.
      applied.current = {};
      sync();
      positionOverlays();
    },
    onRemoved() {
      applied.current = null;
      mapRef.current = null;
      resizeObserver.current?.disconnect();
    },
  }).current;

  const resizeObserver = useRef<ResizeObserver | null>(null);
  useLayoutEffect(() => {
    const observer = new ResizeObserver(() => {
      const map = mapRef.current;
      // Its first report (on observe, at load) is the size the map already has: nothing to redraw.
      if (!map || !applied.current || !sizeChanged()) return;
      map.resize();
      const changed = recompose();
      sync();
      fitComposition(changed);
      positionOverlays();
    });
    resizeObserver.current = observer;
    // A WebGL canvas prints blank: swap in a snapshot of the current frame while printing.
    const onBeforePrint = () => {
      const map = mapRef.current;
      const canvas = map?.getCanvas();
      if (!map || !applied.current || !printImageRef.current || !(canvas instanceof HTMLCanvasElement)) return;
      map.redraw();
      printImageRef.current.src = canvas.toDataURL('image/png');
    };
    window.addEventListener('beforeprint', onBeforePrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', onBeforePrint);
    };
  }, [fitComposition, positionOverlays, recompose, sizeChanged, sync]);

  // Hover reaches the map without re-rendering React.
  useLayoutEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.hovered === prev.hovered) return;
        wanted.current = { ...wanted.current, hovered: s.hovered };
        sync();
      }),
    [store, sync],
  );

  const { status, retry } = useMapInstance({
    containerRef,
    createMap,
    createFallbackMap,
    webgl,
    boundariesUrl,
    cooperativeGestures,
    handlers,
  });

  // Everything React knows (filter → colours, theme, selection, language) reaches the map here.
  useLayoutEffect(() => {
    wanted.current = { ...wanted.current, theme, colours, selected, canvasLabel: t.mapCanvasLabel };
    sync();
  }, [theme, colours, selected, t.mapCanvasLabel, sync]);
  // Label text (count, language) changes its size: lay out again after React paints it. Selection
  // does not (the selected label has a ring of the same size), so a click lays out nothing here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: these change the labels' size, so they trigger a new layout.
  useLayoutEffect(() => positionOverlays(), [counts, lang, status, facilities, links, date, positionOverlays]);

  const failure =
    status.kind === 'error'
      ? `${t[status.timedOut ? (`mapSlow_${status.stage}` as const) : (`mapFailed_${status.stage}` as const)]} ${t.mapStillWorks}`
      : null;
  return (
    <section
      ref={sectionRef}
      className="map"
      aria-label={t.mapRegionLabel.replace('{title}', data.meta.title[lang])}
      aria-describedby="map-description"
      aria-busy={status.kind === 'loading'}
      data-renderer={status.kind === 'ready' ? status.renderer : undefined}
    >
      <p id="map-description" className="visually-hidden">
        {t.mapDescription.replace('{inset}', data.story.region.inset?.description[lang] ?? '')}
      </p>
      <div ref={containerRef} className="map-canvas" data-status={status.kind} />
      <img ref={printImageRef} className="map-print" alt="" />
      {data.story.region.inset ? (
        <p ref={captionRef} className="inset-caption" aria-hidden="true">
          {data.story.region.inset.caption[lang]}
        </p>
      ) : null}
      {/* The month shown, on the map itself (the slider's value text says it to screen readers). */}
      <p ref={stampRef} className="map-date" aria-hidden="true">
        {formatDate(date ?? asOfMonth(data), lang)}
      </p>
      <FacilitySymbols ref={facilitiesHandle} facilities={facilities} lang={lang} onOpen={openFacility} />
      <PolicyLinks ref={linksHandle} links={links} outside={outside} lang={lang} details={linkDetails} />
      <CountryLabels
        ref={labelsRef}
        counts={counts}
        lang={lang}
        selected={selected}
        onSelect={(c) => store.getState().select(c)}
        onHover={(c) => store.getState().hover(c)}
      />
      {status.kind === 'loading' && (
        <p className="map-status" role="status">
          {t.mapLoading}
        </p>
      )}
      {status.kind === 'ready' && status.renderer === 'svg' && <p className="map-note">{t.mapSvgNote}</p>}
      {failure && (
        <div className="map-status map-failure" role="alert">
          <p>{failure}</p>
          <button type="button" className="retry-button" onClick={retry}>
            {t.mapRetry}
          </button>
        </div>
      )}
    </section>
  );
}
