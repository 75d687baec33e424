/**
 * The map without WebGL: a small SVG renderer for this app's own style (map-style.ts), behind the
 * same `MapLike` surface as MapLibre. So the component, the one state path (apply.ts), the
 * composition, the labels and every test that drives the map work the same on both renderers:
 * same boundaries, composition, colours, hatching, hover and selection outlines, clicks.
 * It draws once per change (no pan or zoom: a still, fitted map). Loaded only when needed.
 */
import { mercX, mercY } from './composition.ts';
import { LayerEvents } from './layer-events.ts';
import type { MapInit, MapLike } from './map-adapter.ts';
import { fitProjection, type Padding, type Planar, paddingOf, StyleDrawing, type StyleImage } from './style-drawing.ts';

const SVG = 'http://www.w3.org/2000/svg';

export class SvgMap implements MapLike {
  private readonly root: HTMLDivElement;
  private readonly svg: SVGSVGElement;
  private readonly drawing: StyleDrawing;
  private readonly events = new LayerEvents();
  private bounds: [[number, number], [number, number]];
  private padding: Padding;
  private loaded = false;
  private scheduled = false;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private removed = false;
  private hovered = new Map<string, string | null>();
  private projection: Planar | null = null;

  constructor(
    private readonly container: HTMLElement,
    init: MapInit & { style: unknown },
  ) {
    this.drawing = new StyleDrawing(init.style);
    this.drawing.onError = (error) => this.fire('error', { error });
    this.bounds = init.bounds;
    this.padding = paddingOf(init.fitBoundsOptions.padding);
    this.root = document.createElement('div');
    this.root.className = 'svg-map';
    this.root.tabIndex = 0;
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('aria-hidden', 'true');
    this.root.append(this.svg);
    container.append(this.root);
    this.svg.addEventListener('click', (e) => this.pointer('click', e));
    this.svg.addEventListener('pointermove', (e) => this.pointer('mousemove', e));
    this.svg.addEventListener('pointerleave', () => this.leaveAll());
    // Like MapLibre: `load` comes after the caller has had a chance to listen.
    setTimeout(() => {
      if (this.removed) return;
      this.loaded = true;
      this.fire('load');
      // The first frame in the task that loaded (as MapLibre draws and goes idle in the frame that
      // fired `load`): what the load handlers applied is drawn at once, not a task later.
      if (this.removed) return;
      clearTimeout(this.pending);
      this.scheduled = false;
      this.render();
      this.fire('idle');
    }, 0);
  }

  // --- events ---------------------------------------------------------------------------------
  on<E>(type: string, a: string | string[] | ((e: E) => void), b?: (e: E) => void) {
    this.events.on(type, a, b);
    return this;
  }
  off<E>(type: string, a: string | string[] | ((e: E) => void), b?: (e: E) => void) {
    this.events.off(type, a, b);
    return this;
  }
  once<E>(type: string, fn: (e: E) => void) {
    this.events.once(type, fn);
    return this;
  }
  private fire(type: string, event: unknown = {}, layer?: string) {
    this.events.fire(type, event, layer);
  }
  private pointer(type: 'click' | 'mousemove', e: Event) {
    const target = (e.target as Element | null)?.closest('[data-layer]');
    const layer = target?.getAttribute('data-layer') ?? null;
    const id = target?.getAttribute('data-id') ?? null;
    for (const [l, was] of this.hovered) if (l !== layer && was !== null) this.leave(l);
    if (!layer || id === null) return;
    if (type === 'mousemove') this.hovered.set(layer, id);
    this.fire(type, { features: [{ id }], originalEvent: e }, layer);
  }
  private leave(layer: string) {
    this.hovered.set(layer, null);
    this.fire('mouseleave', {}, layer);
  }
  private leaveAll() {
    for (const [layer, id] of this.hovered) if (id !== null) this.leave(layer);
  }

  // --- style setters (MapLibre's rules: nothing before load; unknown layers are errors) --------
  private assertLoaded() {
    if (!this.loaded) throw new Error('Style is not done loading.');
  }
  setPaintProperty(layer: string, name: string, value: unknown) {
    this.assertLoaded();
    if (this.drawing.setPaintProperty(layer, name, value)) this.schedule();
    return this;
  }
  setFilter(layer: string, filter: unknown) {
    this.assertLoaded();
    if (this.drawing.setFilter(layer, filter)) this.schedule();
    return this;
  }
  setFeatureState(feature: { source: string; id: string }, state: Record<string, unknown>) {
    this.assertLoaded();
    if (this.drawing.setFeatureState(feature, state)) this.schedule();
  }
  getSource(id: string) {
    if (!this.drawing.hasSource(id)) return undefined;
    return {
      setData: (data: GeoJSON.GeoJSON) => {
        this.assertLoaded();
        this.drawing.setData(id, data as GeoJSON.FeatureCollection);
        this.schedule();
      },
    };
  }
  addImage(id: string, image: StyleImage) {
    this.drawing.addImage(id, image);
    this.schedule();
    return this;
  }
  setMissingStyleImageResolver(resolver: (id: string) => void) {
    this.drawing.resolveImage = resolver;
    return this;
  }

  // --- camera ---------------------------------------------------------------------------------
  /** A still map: nothing to limit (the reader cannot pan it). */
  setMaxBounds() {
    return this;
  }
  fitBounds(bounds: [[number, number], [number, number]], options?: Record<string, unknown>) {
    this.bounds = bounds;
    if (options?.padding !== undefined) this.padding = paddingOf(options.padding);
    this.fit();
    this.schedule();
    this.fire('move');
    return this;
  }
  private size() {
    return { width: this.container.clientWidth, height: this.container.clientHeight };
  }
  private fit() {
    const { width, height } = this.size();
    this.projection = fitProjection(this.bounds, this.padding, { width, height });
    this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.svg.setAttribute('width', String(width));
    this.svg.setAttribute('height', String(height));
  }
  project([lng, lat]: [number, number]) {
    if (!this.projection) this.fit();
    const [x, y] = this.projection?.([mercX(lng), mercY(lat)]) ?? [Number.NaN, Number.NaN];
    return { x, y };
  }
  getCanvas() {
    return this.root;
  }
  resize() {
    this.fit();
    this.schedule();
    return this;
  }
  redraw() {
    this.render();
    return this;
  }
  remove() {
    this.removed = true;
    this.events.clear();
    this.root.remove();
  }

  // --- drawing --------------------------------------------------------------------------------
  private schedule() {
    if (this.scheduled || !this.loaded || this.removed) return;
    this.scheduled = true;
    this.pending = setTimeout(() => {
      this.scheduled = false;
      if (this.removed) return;
      this.render();
      this.fire('idle');
    }, 0);
  }
  private render() {
    if (!this.projection) this.fit();
    if (this.projection) this.svg.innerHTML = this.drawing.draw(this.projection, this.size());
  }
}

/** A CreateMap for browsers without WebGL: the same map as an SVG drawing. */
export async function createSvgMap(container: HTMLElement, init: MapInit): Promise<MapLike> {
  return new SvgMap(container, { ...init, style: await init.style });
}
