/**
 * The one component that owns the map (the SVG map first on the page, then MapLibre; the SVG map
 * alone where there is no WebGL), and shows the build's drawing of it until it answers. It
 * gathers the view state — store, filter, date, theme, language — and hands all of it to the map
 * room's controller (map-controller.ts) from one layout effect; the controller applies it along
 * one path. The lifecycle (create, time out, retry, lost context, remove) is use-map-instance.ts.
 * This file renders the frame and the HTML over the map (labels, prison symbols, link markers,
 * caption), which the controller places on every camera move without React renders.
 * Nothing here imports maplibre-gl (map-adapter.ts does, lazily).
 *
 * Contract other tests rely on: the wrapper is a <section> (role region) named "…map…", with
 * `aria-busy="true"` until the map answers clicks (its first `idle` with the boundaries drawn: the
 * SVG map's on the page), or until it failed; `data-renderer` says which map answers.
 */
import './map-view.css';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatDate } from '../data/format.ts';
import { outsideAnchor } from '../data/story.ts';
import { asOfMonth } from '../data/timeline.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStoreApi } from '../state/store.ts';
import { BOUNDARIES_URL } from './boundaries.ts';
import { compositionConfig } from './composition.ts';
import { CountryLabels, type CountryLabelsHandle } from './country-labels.tsx';
import { FacilitySymbols, type FacilitySymbolsHandle } from './facility-symbols.tsx';
import { type CreateMap, createMaplibreMap, preloadLibrary, webglAvailable } from './map-adapter.ts';
import { MapController, type MapElements } from './map-controller.ts';
import { MapStatusNotes } from './map-status-notes.tsx';
import { PolicyLinks, type PolicyLinksHandle, type ShownLink } from './policy-links.tsx';
import { createSvgMap } from './svg-map.ts';
import { useMapInstance } from './use-map-instance.ts';
import { useWantedMap } from './use-wanted-map.ts';

interface Props {
  /** Injected in tests (a fake map); the real app uses MapLibre, loaded lazily. */
  createMap?: CreateMap;
  /** The SVG renderer: drawn first (svgFirst), and where there is no WebGL. */
  createFallbackMap?: CreateMap;
  /** Whether WebGL is available (injected in tests). */
  webgl?: () => boolean;
  /** The SVG map answers first, then MapLibre takes over (the app; use-map-instance.ts). */
  svgFirst?: boolean;
  /**
   * The map as the build drew it into index.html (tools/vite/prerender.ts), shown until the live
   * map answers. main.tsx reads it from the page before hydrating, so React finds what it renders.
   */
  firstPaint?: string;
  boundariesUrl?: string;
  /** Embeds: let page scroll pass over the map (MapLibre's cooperative gestures). */
  cooperativeGestures?: boolean;
  /** The full page: size the map to end inside the first screen (never in embeds). */
  fitFirstScreen?: boolean;
  /** The body of a policy link's dialog (the app passes ui/'s LinkDetails; map/ does not import ui/). */
  linkDetails?(link: ShownLink, done: () => void, index: number): React.ReactNode;
}

const noDetails = () => null;

/** The elements the controller measures and places, as refs the JSX fills in. */
function useMapElements() {
  const refs = {
    section: useRef<HTMLElement>(null),
    container: useRef<HTMLDivElement>(null),
    labels: useRef<CountryLabelsHandle>(null),
    symbols: useRef<FacilitySymbolsHandle>(null),
    links: useRef<PolicyLinksHandle>(null),
    caption: useRef<HTMLParagraphElement>(null),
    stamp: useRef<HTMLParagraphElement>(null),
    printImage: useRef<HTMLImageElement>(null),
  };
  const elements = (): MapElements | null => {
    const { section, container, labels } = refs;
    if (!section.current || !container.current || !labels.current) return null;
    return {
      section: section.current,
      container: container.current,
      labels: labels.current,
      symbols: refs.symbols.current,
      links: refs.links.current,
      caption: refs.caption.current,
      stamp: refs.stamp.current,
      printImage: refs.printImage.current,
    };
  };
  return { refs, elements };
}

/**
 * The map room's wiring: one controller for the component's life, the map's lifecycle feeding it,
 * its one observer connected, hover from the store, and everything else from one layout effect.
 */
function useMapRoom({
  createMap = createMaplibreMap,
  createFallbackMap = createSvgMap,
  webgl = webglAvailable,
  boundariesUrl = BOUNDARIES_URL,
  svgFirst = false,
  fitFirstScreen = false,
  cooperativeGestures = false,
}: Props) {
  const store = useAppStoreApi();
  const data = usePolicyData();
  const { refs, elements } = useMapElements();
  const wanted = useWantedMap();
  const [controller] = useState(() => {
    const { select, hover } = store.getState();
    const config = compositionConfig(data.story.region);
    const codes = data.story.countries.map((c) => c.code);
    const anchor = (code: string) => outsideAnchor(data, code);
    return new MapController(
      { config, codes, outsideAnchor: anchor, elements, select, hover, fitFirstScreen },
      wanted.props,
    );
  });
  const handlers = controller.handlers;
  const { status, retry } = useMapInstance({
    containerRef: refs.container,
    ...{ createMap, createFallbackMap, webgl, svgFirst, boundariesUrl, cooperativeGestures, handlers },
    preload: createMap === createMaplibreMap ? preloadLibrary : undefined,
  });
  useLayoutEffect(() => controller.connect(), [controller]);
  // Hover reaches the map without re-rendering React.
  useLayoutEffect(
    () => store.subscribe((s, prev) => s.hovered !== prev.hovered && controller.hover(s.hovered)),
    [store, controller],
  );
  // Everything React knows reaches the map here, after React has painted the overlays' text.
  const props = useMemo(
    () => ({ ...wanted.props, textKey: `${wanted.props.textKey}|${status.kind}` }),
    [wanted.props, status.kind],
  );
  useLayoutEffect(() => controller.setProps(props), [controller, props]);
  return { refs, wanted, status, retry };
}

/** The build's drawing of the map (prerender), until the live map answers. */
function FirstPaint({ markup }: { markup: string }) {
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: the build's own drawing of this map (tools/vite/prerender.ts), read back from this page.
    <div className="map-first-paint" aria-hidden="true" dangerouslySetInnerHTML={{ __html: markup }} />
  );
}

export function MapView(props: Props) {
  const { firstPaint, linkDetails = noDetails } = props;
  const store = useAppStoreApi();
  const data = usePolicyData();
  const t = useStrings();
  const { refs, wanted, status, retry } = useMapRoom(props);
  const { lang, selected, counts, facilities, links, outside, date } = wanted;
  return (
    <section
      ref={refs.section}
      className="map"
      aria-label={t.mapRegionLabel.replace('{title}', data.meta.title[lang])}
      aria-describedby="map-description"
      aria-busy={status.kind === 'loading'}
      data-renderer={
        status.kind === 'ready' ? status.renderer : status.kind === 'error' && status.svgKept ? 'svg' : undefined
      }
    >
      <p id="map-description" className="visually-hidden">
        {t.mapDescription.replace('{inset}', data.story.region.inset?.description[lang] ?? '')}
      </p>
      <div ref={refs.container} className="map-canvas" data-status={status.kind} />
      {firstPaint && status.kind === 'loading' ? <FirstPaint markup={firstPaint} /> : null}
      <img ref={refs.printImage} className="map-print" alt="" />
      {data.story.region.inset ? (
        <p ref={refs.caption} className="inset-caption" aria-hidden="true">
          {data.story.region.inset.caption[lang]}
        </p>
      ) : null}
      {/* The month shown, on the map itself (the slider's value text says it to screen readers). */}
      <p ref={refs.stamp} className="map-date" aria-hidden="true">
        {formatDate(date ?? asOfMonth(data), lang)}
      </p>
      <FacilitySymbols
        ref={refs.symbols}
        facilities={facilities}
        lang={lang}
        onOpen={(f) => store.getState().openMeasure(f.country, f.id)}
      />
      <PolicyLinks ref={refs.links} links={links} outside={outside} lang={lang} details={linkDetails} />
      <CountryLabels
        ref={refs.labels}
        counts={counts}
        lang={lang}
        selected={selected}
        onSelect={(c) => store.getState().select(c)}
        onHover={(c) => store.getState().hover(c)}
      />
      <MapStatusNotes status={status} retry={retry} />
    </section>
  );
}
