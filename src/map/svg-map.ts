/**
 * The map without WebGL: a small SVG renderer for this app's own style (map-style.ts), behind the
 * same `MapLike` surface as MapLibre. So the component, the one state path (apply.ts), the
 * composition, the labels and every test that drives the map work the same on both renderers:
 * same boundaries, composition, colours, hatching, hover and selection outlines, clicks.
 * It draws once per change (no pan or zoom: a still, fitted map). Loaded only when needed.
 */
import { type GeoPermissibleObjects, geoIdentity, geoPath } from 'd3-geo';
import { mercX, mercY, toMercator } from './composition.ts';
import { type Expression, evaluate, type Feature } from './expression.ts';
import { LayerEvents } from './layer-events.ts';
import type { MapInit, MapLike } from './map-adapter.ts';

interface StyleLayer {
  id: string;
  type: 'background' | 'fill' | 'line';
  source?: string;
  filter?: Expression;
  paint?: Record<string, Expression>;
}
interface Style {
  layers: StyleLayer[];
  sources: Record<string, { type: 'geojson'; data: GeoJSON.FeatureCollection; promoteId?: string }>;
}
interface Image {
  width: number;
  height: number;
  data: Uint8Array;
}

const SVG = 'http://www.w3.org/2000/svg';

export class SvgMap implements MapLike {
  private readonly root: HTMLDivElement;
  private readonly svg: SVGSVGElement;
  private readonly defs: SVGDefsElement;
  private readonly style: Style;
  private readonly data = new Map<string, { features: Feature[]; projected: GeoJSON.Geometry[] }>();
  private readonly states = new Map<string, Record<string, unknown>>();
  private readonly images = new Map<string, Image>();
  private readonly events = new LayerEvents();
  private resolver: ((id: string) => void) | null = null;
  private bounds: [[number, number], [number, number]];
  private padding: { top: number; right: number; bottom: number; left: number };
  private loaded = false;
  private scheduled = false;
  private removed = false;
  private hovered = new Map<string, string | null>();
  private projection = geoIdentity().reflectY(true);

  constructor(
    private readonly container: HTMLElement,
    init: MapInit & { style: unknown },
  ) {
    this.style = structuredClone(init.style) as Style;
    this.bounds = init.bounds;
    const padding = init.fitBoundsOptions.padding;
    const p = typeof padding === 'number' ? padding : 0;
    this.padding = { top: p, right: p, bottom: p, left: p };
    for (const [id, source] of Object.entries(this.style.sources)) this.setData(id, source.data);
    this.root = document.createElement('div');
    this.root.className = 'svg-map';
    this.root.tabIndex = 0;
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('aria-hidden', 'true');
    this.defs = document.createElementNS(SVG, 'defs');
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
      this.schedule();
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
  private layer(id: string): StyleLayer | null {
    const layer = this.style.layers.find((l) => l.id === id);
    if (!layer) this.fire('error', { error: new Error(`Cannot style non-existing layer "${id}".`) });
    return layer ?? null;
  }
  setPaintProperty(layer: string, name: string, value: unknown) {
    this.assertLoaded();
    const l = this.layer(layer);
    if (l) {
      l.paint = { ...l.paint, [name]: value };
      this.schedule();
    }
    return this;
  }
  setFilter(layer: string, filter: unknown) {
    this.assertLoaded();
    const l = this.layer(layer);
    if (l) {
      l.filter = filter;
      this.schedule();
    }
    return this;
  }
  setFeatureState(feature: { source: string; id: string }, state: Record<string, unknown>) {
    this.assertLoaded();
    if (!this.data.has(feature.source)) {
      this.fire('error', { error: new Error(`The source '${feature.source}' does not exist in the map's style.`) });
      return;
    }
    this.states.set(feature.id, { ...this.states.get(feature.id), ...state });
    this.schedule();
  }
  getSource(id: string) {
    if (!this.data.has(id)) return undefined;
    return {
      setData: (data: GeoJSON.GeoJSON) => {
        this.assertLoaded();
        this.setData(id, data as GeoJSON.FeatureCollection);
        this.schedule();
      },
    };
  }
  private setData(id: string, data: GeoJSON.FeatureCollection) {
    const features = data.features as Feature[];
    this.data.set(id, { features, projected: features.map((f) => toMercator(f.geometry)) });
  }
  addImage(id: string, image: Image) {
    this.images.set(id, image);
    this.schedule();
    return this;
  }
  setMissingStyleImageResolver(resolver: (id: string) => void) {
    this.resolver = resolver;
    return this;
  }

  // --- camera ---------------------------------------------------------------------------------
  /** A still map: nothing to limit (the reader cannot pan it). */
  setMaxBounds() {
    return this;
  }
  fitBounds(bounds: [[number, number], [number, number]], options?: Record<string, unknown>) {
    this.bounds = bounds;
    const padding = options?.padding;
    if (typeof padding === 'number') this.padding = { top: padding, right: padding, bottom: padding, left: padding };
    else if (padding && typeof padding === 'object')
      this.padding = { top: 0, right: 0, bottom: 0, left: 0, ...padding };
    this.fit();
    this.schedule();
    this.fire('move');
    return this;
  }
  private fit() {
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    const [[w, s], [e, n]] = this.bounds;
    const { top, right, bottom, left } = this.padding;
    this.projection = geoIdentity()
      .reflectY(true)
      .fitExtent(
        [
          [left, top],
          [Math.max(left + 1, width - right), Math.max(top + 1, height - bottom)],
        ],
        {
          type: 'MultiPoint',
          coordinates: [
            [mercX(w), mercY(s)],
            [mercX(e), mercY(n)],
          ],
        },
      );
    this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.svg.setAttribute('width', String(width));
    this.svg.setAttribute('height', String(height));
  }
  project([lng, lat]: [number, number]) {
    const [x, y] = this.projection([mercX(lng), mercY(lat)]) ?? [Number.NaN, Number.NaN];
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
    setTimeout(() => {
      this.scheduled = false;
      if (this.removed) return;
      this.render();
      this.fire('idle');
    }, 0);
  }
  private pattern(id: string): string | null {
    if (!this.images.has(id)) this.resolver?.(id);
    const image = this.images.get(id);
    if (!image) return null;
    const pid = `svgmap-${id}`;
    if (!this.defs.querySelector(`#${CSS.escape(pid)}`)) {
      const p = document.createElementNS(SVG, 'pattern');
      p.id = pid;
      p.setAttribute('patternUnits', 'userSpaceOnUse');
      p.setAttribute('width', String(image.width));
      p.setAttribute('height', String(image.height));
      for (let y = 0; y < image.height; y++)
        for (let x = 0; x < image.width; x++) {
          const i = (y * image.width + x) * 4;
          const r = document.createElementNS(SVG, 'rect');
          r.setAttribute('x', String(x));
          r.setAttribute('y', String(y));
          r.setAttribute('width', '1');
          r.setAttribute('height', '1');
          r.setAttribute('fill', `rgb(${image.data[i]},${image.data[i + 1]},${image.data[i + 2]})`);
          p.append(r);
        }
      this.defs.append(p);
    }
    return `url(#${pid})`;
  }
  private render() {
    if (!this.svg.hasAttribute('viewBox')) this.fit();
    const path = geoPath(this.projection);
    const groups: Element[] = [this.defs];
    for (const layer of this.style.layers) {
      const paint = layer.paint ?? {};
      if (layer.type === 'background') {
        const rect = document.createElementNS(SVG, 'rect');
        rect.setAttribute('width', '100%');
        rect.setAttribute('height', '100%');
        rect.setAttribute('fill', String(evaluate(paint['background-color'], null, {})));
        groups.push(rect);
        continue;
      }
      const source = layer.source ? this.data.get(layer.source) : undefined;
      if (!source) continue;
      const promote = layer.source ? this.style.sources[layer.source]?.promoteId : undefined;
      const g = document.createElementNS(SVG, 'g');
      g.setAttribute('data-layer-group', layer.id);
      source.features.forEach((feature, i) => {
        if (layer.filter !== undefined && !evaluate(layer.filter, feature, {})) return;
        const id = promote ? String(feature.properties?.[promote] ?? '') : String(feature.id ?? '');
        const state = this.states.get(id) ?? {};
        const d = path(source.projected[i] as GeoPermissibleObjects);
        if (!d) return;
        const el = document.createElementNS(SVG, 'path');
        el.setAttribute('d', d);
        el.setAttribute('data-layer', layer.id);
        el.setAttribute('data-id', id);
        if (layer.type === 'fill') {
          if (!(Number(evaluate(paint['fill-opacity'] ?? 1, feature, state)) > 0)) return;
          const pattern = paint['fill-pattern'];
          const fill = pattern !== undefined ? this.pattern(String(evaluate(pattern, feature, state))) : null;
          el.setAttribute('fill', fill ?? String(evaluate(paint['fill-color'], feature, state) ?? 'none'));
          el.setAttribute('stroke', 'none');
        } else {
          const width = Number(evaluate(paint['line-width'] ?? 1, feature, state));
          const opacity = Number(evaluate(paint['line-opacity'] ?? 1, feature, state));
          if (!(width > 0) || !(opacity > 0)) return;
          el.setAttribute('fill', 'none');
          el.setAttribute('stroke', String(evaluate(paint['line-color'], feature, state)));
          el.setAttribute('stroke-width', String(width));
          el.setAttribute('stroke-opacity', String(opacity));
          el.setAttribute('stroke-linejoin', 'round');
          el.setAttribute('pointer-events', 'none');
        }
        g.append(el);
      });
      groups.push(g);
    }
    this.svg.replaceChildren(...groups);
  }
}

/** A CreateMap for browsers without WebGL: the same map as an SVG drawing. */
export async function createSvgMap(container: HTMLElement, init: MapInit): Promise<MapLike> {
  return new SvgMap(container, { ...init, style: await init.style });
}
