/**
 * The map room's one controller. It owns the map instance (MapLibre, or the SVG renderer), what it
 * last applied, the composition, the camera and the one resize observer; the React component hands
 * it the whole wanted state (`setProps`) from one layout effect, hover from a store subscription.
 * Everything — load, retry, a restored WebGL context, a resize, a theme or language change, a
 * selection under the phones' bottom sheet — goes through `apply`, which measures the frame,
 * composes, issues the style setters that differ (apply.ts), aims the camera and places the HTML
 * overlays. Like react-map-gl's controller: resizing is ours alone (MapLibre's `trackResize` is
 * off), and the camera is never moved while the reader is moving it.
 */
import type { FacilityAt } from '../data/facilities.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import { applyMapState, type MapViewState } from './apply.ts';
import type { Boundaries } from './boundaries.ts';
import {
  type Bounds,
  type Composition,
  type CompositionConfig,
  compose,
  composeFeatures,
  type LngLat,
  labelExtents,
  mercY,
  PADDING,
  widenedLimits,
} from './composition.ts';
import type { CountryLabelsHandle } from './country-labels.tsx';
import type { FacilitySymbolsHandle } from './facility-symbols.tsx';
import type { PairInput } from './link-layout.ts';
import type { MapLike } from './map-adapter.ts';
import { buildStyle, FOCUS_FILL_LAYERS, hatchImage, hatchImageId } from './map-style.ts';
import { placeOverlays } from './place-overlays.ts';
import type { PolicyLinksHandle } from './policy-links.tsx';
import type { MapHandlers } from './use-map-instance.ts';

/** Everything the map shows, as the component wants it now. */
export interface MapProps extends Omit<MapViewState, 'features' | 'hovered'> {
  /** Prisons drawn as symbols (at the date, matching the filter). */
  facilities: FacilityAt[];
  /**
   * Policy links drawn, one per pair of places (at the date; empty when the reader hid them), in the
   * order of their first link; in a story step, the pairs that hold none of its links are faded.
   */
  links: PairInput[];
  /** How much of the viewport's bottom a panel covers (the phones' bottom sheet), CSS px; 0 = none. */
  sheetHeight: number;
  /** Anything that changes the overlays' text, hence their sizes (counts, language, date). */
  textKey: string;
}

/** The elements the controller measures and places (the component's refs). */
export interface MapElements {
  section: HTMLElement;
  container: HTMLElement;
  labels: CountryLabelsHandle;
  symbols: FacilitySymbolsHandle | null;
  links: PolicyLinksHandle | null;
  caption: HTMLElement | null;
  stamp: HTMLElement | null;
  printImage: HTMLImageElement | null;
}

export interface MapControllerOptions {
  config: CompositionConfig;
  /** The focus countries, in the story's order. */
  codes: readonly CountryCode[];
  outsideAnchor(code: string): LngLat | undefined;
  elements(): MapElements | null;
  hover(country: CountryCode | null): void;
  select(country: CountryCode): void;
  /** The full page sizes the map to end inside the first screen (`--map-top`); never in embeds. */
  fitFirstScreen: boolean;
}

/** The room kept between a selected country and the bottom sheet's edge, CSS px. */
const SHEET_MARGIN = 12;
/** The sheet may push the composition into no less than this share of the frame's height. */
const MIN_STRIP = 0.4;

/** What the camera was fitted to: the composition, the room kept for the sheet, and why. */
type Camera = { magnification: number; bottom: number; selected: CountryCode | null; sheetHeight: number };

/**
 * Where the bottom of `extent` falls, in px from the frame's top, when `bounds` is fitted into a
 * frame of `size` with `padding` (as MapLibre's fitBounds does it: Web Mercator, uniform scale,
 * centred in the padded box).
 */
export function bottomInFit(bounds: Bounds, extent: Bounds, size: { width: number; height: number }): number {
  const [[w, s], [e, n]] = bounds;
  const dx = ((e - w) * Math.PI) / 180;
  const dy = mercY(n) - mercY(s);
  const scale = Math.min((size.width - 2 * PADDING) / dx, (size.height - 2 * PADDING) / dy);
  const middle = (mercY(n) + mercY(s)) / 2;
  return size.height / 2 + (middle - mercY(extent[0][1])) * scale;
}

export class MapController {
  private map: MapLike | null = null;
  private props: MapProps;
  private hovered: CountryCode | null = null;
  /** What the map was last given; null while it can take nothing (before load, context lost). */
  private applied: Partial<MapViewState> | null = null;
  private builtWith: Partial<MapViewState> = {};
  private composition: Composition | null = null;
  private boundaries: Boundaries | null = null;
  private features: GeoJSON.FeatureCollection | null = null;
  private extents: Record<string, Bounds> = {};
  /** The frame's size when the map last measured its canvas. */
  private size = { width: 0, height: 0 };
  /** What the camera was last fitted to. */
  private camera: Camera | null = null;
  private readerMoved = false;
  private readerMoving = false;
  /** True while the controller itself moves the camera (its events are not the reader's). */
  private ownMove = false;
  private placedWith: unknown[] = [];

  constructor(
    private readonly options: MapControllerOptions,
    props: MapProps,
  ) {
    this.props = props;
  }

  /** The whole wanted state (from the component's one layout effect). */
  setProps(props: MapProps): void {
    this.props = props;
    this.apply();
  }

  /** Hover, from the store without a React render. */
  hover(country: CountryCode | null): void {
    this.hovered = country;
    this.apply();
  }

  /** The one path to the map: measure, compose, style, camera, overlays — each only if it differs. */
  apply(): void {
    const map = this.map;
    const el = this.options.elements();
    if (!map || !this.applied || !el) return;
    const resized = this.measure(el.container);
    if (resized) this.own(() => map.resize());
    const recomposed = this.recompose(el.container);
    const next = this.viewState();
    if (!next) return;
    applyMapState(map, this.applied, next);
    this.applied = next;
    const moved = this.aim(map, el.container, resized || recomposed);
    if (moved || resized || this.overlaysStale()) this.place();
  }

  /** The lifecycle's callbacks (use-map-instance.ts): each ends in `apply`. */
  readonly handlers: MapHandlers = {
    view: () => {
      const el = this.options.elements() as MapElements;
      const first = this.composeFor(el.container);
      // Fitted to the whole composition, the sheet not yet judged: the first `apply` judges a sheet
      // already open over a country selected in the address.
      this.camera = { magnification: first.magnification, bottom: 0, selected: null, sheetHeight: 0 };
      return {
        bounds: first.bounds,
        fitBoundsOptions: { padding: PADDING, animate: false },
        maxBounds: first.maxBounds,
      };
    },
    style: (boundaries) => {
      this.boundaries = boundaries;
      this.composition = null;
      this.recompose((this.options.elements() as MapElements).container);
      // The style carries the features, theme and colours of now, and a new style has no
      // feature-state (no country selected or hovered): `load` applies only what differs.
      const { theme, colours } = this.props;
      const features = this.features as GeoJSON.FeatureCollection;
      this.builtWith = { features, theme, colours, selected: null, hovered: null };
      return buildStyle(features, theme, colours);
    },
    attach: (m) => this.attach(m),
    onLoad: (m) => {
      // This map is now the one (the first, a retry's, or MapLibre taking over from the SVG map:
      // then the camera is fitted afresh to the composition and sheet of now).
      if (this.map && this.map !== m) this.camera = null;
      this.map = m;
      // Only what differs from what the style was built with is applied (so MapLibre can go idle
      // in the frame that fired `load`); a size changed while loading is measured here.
      this.applied = { ...this.builtWith };
      this.placedWith = [];
      this.apply();
    },
    onLost: () => {
      this.applied = null;
    },
    onRestored: () => {
      // The context may have dropped data, paint and feature-state, and the frame may have changed
      // size meanwhile (the observer's reports were ignored): measure and re-apply everything.
      this.applied = {};
      this.placedWith = [];
      this.apply();
    },
    onRemoved: () => {
      this.applied = null;
      this.map = null;
      this.readerMoved = false;
      this.readerMoving = false;
    },
  };

  /** The one resize observer (frame, and the page for `--map-top`) and the print snapshot. */
  connect(): () => void {
    const el = this.options.elements() as MapElements;
    // One report may hold the page and the frame; `--map-top` is set first, so the frame is
    // measured at the size that follows from it (one resize, not one per step of the layout).
    const observer = new ResizeObserver(() => {
      if (this.options.fitFirstScreen) this.updateMapTop(el.section);
      this.apply();
    });
    observer.observe(el.container);
    if (this.options.fitFirstScreen) {
      observer.observe(document.body);
      this.updateMapTop(el.section);
    }
    const onBeforePrint = () => this.snapshot(el);
    window.addEventListener('beforeprint', onBeforePrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', onBeforePrint);
    };
  }

  /** A new map's listeners and images (before its style loads; it becomes the map at `load`). */
  private attach(m: MapLike): void {
    this.measure((this.options.elements() as MapElements).container); // the size MapLibre gives its canvas
    // MapLibre makes its canvas a second region named "Map"; the region is ours (the contract),
    // the canvas is the keyboard pan/zoom surface inside it.
    m.getCanvas().setAttribute('role', 'application');
    // The hatch of the theme of now is there before the style loads: the first tiles find it.
    m.addImage(hatchImageId(this.props.theme), hatchImage(this.props.theme));
    m.setMissingStyleImageResolver((id: string) => {
      for (const name of ['light', 'dark'] as const) if (id === hatchImageId(name)) m.addImage(id, hatchImage(name));
    });
    m.on('move', () => this.place());
    m.on('movestart', (e: { originalEvent?: Event }) => {
      if (!e.originalEvent) return;
      this.readerMoved = true;
      this.readerMoving = true;
    });
    m.on('moveend', () => {
      // Our own resize and fits end with a `moveend` too (synchronously): not the reader letting go.
      if (!this.readerMoving || this.ownMove) return;
      this.readerMoving = false;
      this.apply(); // a fit held back while the reader moved
    });
    m.on('mousemove', FOCUS_FILL_LAYERS, (e: { features?: { id?: string | number }[] }) => {
      m.getCanvas().style.cursor = 'pointer';
      this.options.hover((e.features?.[0]?.id as CountryCode | undefined) ?? null);
    });
    m.on('mouseleave', FOCUS_FILL_LAYERS, () => {
      m.getCanvas().style.cursor = '';
      this.options.hover(null);
    });
    m.on('click', FOCUS_FILL_LAYERS, (e: { features?: { id?: string | number }[] }) => {
      const id = e.features?.[0]?.id as CountryCode | undefined;
      if (id) this.options.select(id);
    });
  }

  private own(move: () => unknown): void {
    this.ownMove = true;
    try {
      move();
    } finally {
      this.ownMove = false;
    }
  }

  private viewState(): MapViewState | null {
    if (!this.features) return null;
    const { theme, colours, selected, canvasLabel } = this.props;
    return { theme, colours, selected, hovered: this.hovered, canvasLabel, features: this.features };
  }

  /** Whether the frame's size differs from the map canvas's; if so, records the new size. */
  private measure(container: HTMLElement): boolean {
    const { clientWidth: width, clientHeight: height } = container;
    // A hidden tab (Table, Overview) lays the frame out at 0 × 0: not a size to draw at. The map
    // keeps its size, composition and camera for when the reader comes back.
    if (width === 0 || height === 0) return false;
    if (this.size.width === width && this.size.height === height) return false;
    this.size = { width, height };
    return true;
  }

  private composeFor(container: HTMLElement): Composition {
    return compose({ width: container.clientWidth, height: container.clientHeight }, this.options.config);
  }

  /** Composes the map for the frame's size; true when the composition changed. */
  private recompose(container: HTMLElement): boolean {
    if (!this.boundaries) return false;
    // A hidden tab's 0 × 0 frame keeps the composition there is (see `measure`).
    if (this.composition && (container.clientWidth === 0 || container.clientHeight === 0)) return false;
    const next = this.composeFor(container);
    if (this.composition?.magnification === next.magnification) return false;
    this.composition = next;
    const features = composeFeatures(this.boundaries.geojson, next, this.options.config);
    this.features = features;
    this.extents = labelExtents(features, this.options.codes);
    return true;
  }

  /**
   * Fits the camera to the composition when what it should fit changed (a new composition, the
   * bottom sheet over a selected country, or its closing), or the size changed and the reader has
   * not moved the map; never while the reader is moving it. True when the camera moved.
   */
  private aim(map: MapLike, container: HTMLElement, resized: boolean): boolean {
    const composition = this.composition;
    if (!composition || this.readerMoving) return false;
    const { selected, sheetHeight } = this.props;
    const was = this.camera;
    // The sheet is judged when the selection or the sheet changes (or the composition): not on
    // every hover, nor after the reader has scrolled the page on purpose.
    const sheetChanged = !was || was.selected !== selected || was.sheetHeight !== sheetHeight;
    const magnification = composition.magnification;
    const bottom =
      sheetChanged || resized || was.magnification !== magnification ? this.sheetPadding(container) : was.bottom;
    const target: Camera = { magnification, bottom, selected, sheetHeight };
    const changed = !was || was.magnification !== magnification || was.bottom !== bottom;
    this.camera = target;
    if (!changed && (!resized || this.readerMoved)) return false;
    this.readerMoved = false;
    const padding = { top: PADDING, right: PADDING, left: PADDING, bottom: PADDING + bottom };
    // The strip above the sheet shows the composition smaller: MapLibre must be let zoom out that far.
    const share = bottom / Math.max(1, container.clientHeight - bottom - 2 * PADDING);
    const limits =
      bottom > 0 ? widenedLimits(composition.maxBounds, composition.bounds, share + 0.1) : composition.maxBounds;
    this.own(() => {
      map.setMaxBounds(limits);
      map.fitBounds(composition.bounds, { padding, animate: false });
    });
    return true;
  }

  /**
   * On phones, the px the composition must keep clear at the frame's bottom so the selected
   * country is not under the bottom sheet: 0 when nothing is selected, no sheet is open, or the
   * country already shows above it. When the sheet would leave too thin a strip of the map, the
   * page is first scrolled to bring the map's top to the screen's top (at once: no animation).
   */
  private sheetPadding(container: HTMLElement): number {
    const { selected, sheetHeight } = this.props;
    const extent = selected ? this.extents[selected] : undefined;
    if (!extent || sheetHeight <= 0 || !this.composition) return 0;
    const sheetTop = window.innerHeight - sheetHeight;
    let frame = container.getBoundingClientRect();
    if (frame.top > 0 && sheetTop - frame.top < frame.height * MIN_STRIP) {
      window.scrollBy({ top: frame.top, behavior: 'instant' });
      frame = container.getBoundingClientRect();
    }
    const hidden = Math.min(frame.bottom - sheetTop, frame.height * (1 - MIN_STRIP));
    if (hidden <= 0) return 0;
    const bottom = bottomInFit(this.composition.bounds, extent, { width: frame.width, height: frame.height });
    return bottom + SHEET_MARGIN <= frame.height - hidden ? 0 : Math.round(hidden);
  }

  /** Whether what the overlays show (or their text, hence their sizes) changed since they were placed. */
  private overlaysStale(): boolean {
    const { facilities, links, textKey } = this.props;
    return [facilities, links, textKey].some((v, i) => v !== this.placedWith[i]) || this.placedWith.length === 0;
  }

  /** Places the HTML over the map for the current camera (every move, resize and text change). */
  private place(): void {
    const map = this.map;
    const el = this.options.elements();
    const anchors = this.boundaries?.labels;
    if (!map || !el || !anchors || !this.composition || !this.applied) return;
    const { facilities, links, textKey } = this.props;
    this.placedWith = [facilities, links, textKey];
    placeOverlays({
      map,
      container: el.container,
      composition: this.composition,
      anchors,
      extents: this.extents,
      labels: el.labels,
      facilities,
      symbols: el.symbols,
      caption: el.caption,
      stamp: el.stamp,
      links,
      linksHandle: el.links,
      outsideAnchor: this.options.outsideAnchor,
    });
  }

  /** Keeps `--map-top` equal to the frame's distance from the page top (sizes the first screen). */
  private updateMapTop(section: HTMLElement): void {
    if (section.offsetParent === null) return; // hidden (another view): keep the last value
    const top = `${Math.round(section.getBoundingClientRect().top + window.scrollY)}px`;
    if (section.style.getPropertyValue('--map-top') !== top) section.style.setProperty('--map-top', top);
  }

  /** A WebGL canvas prints blank: a snapshot of the current frame is printed instead. */
  private snapshot(el: MapElements): void {
    const canvas = this.map?.getCanvas();
    if (!this.map || !this.applied || !el.printImage || !(canvas instanceof HTMLCanvasElement)) return;
    this.map.redraw();
    el.printImage.src = canvas.toDataURL('image/png');
  }
}
