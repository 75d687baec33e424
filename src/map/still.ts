/**
 * The one renderer of stills: the map and everything drawn over it — countries in their count
 * colours, the inset and its caption, the country labels with counts, the prison symbols, the
 * policy links' arcs and markers — as one SVG document, optionally with the title, the month, the
 * legend and the credit around it. Pure (no DOM): the build draws the first screen's map
 * (prerender), `fallback.svg` and the social card with it, and the browser draws "Download image"
 * with it (export-image.ts). The countries come from the live map's own style through the one
 * path from state to map (apply.ts → style-drawing.ts); labels and links are laid out by the live
 * map's layoutLabels and placeLinkGeometry; the colours are the palette's (data/palette.ts). Text
 * is measured by the caller's `measure` (a canvas in the browser, the font file at build).
 */

import { licenceLabel, versionLabel } from '../data/citation.ts';
import { type FacilityAt, facilityScale, mappedFacilities, symbolRadius } from '../data/facilities.ts';
import { formatDate } from '../data/format.ts';
import { linkPairs, linksShownAt, outsideActors } from '../data/links.ts';
import { type MapPalette, PALETTES } from '../data/palette.ts';
import { type Counts, colourByCountry, countsByCountry, legendSteps } from '../data/selectors.ts';
import { countryCodes, countryName, outsideAnchor } from '../data/story.ts';
import { asOfMonth, type Month } from '../data/timeline.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import { legendScope } from '../i18n/strings.ts';
import type { ImageRequest } from '../state/image-request.ts';
import { applyMapState } from './apply.ts';
import type { Boundaries, CountryProperties } from './boundaries.ts';
import {
  type Bounds,
  type Composition,
  compose,
  composeFeatures,
  compositionConfig,
  labelExtents,
  mercX,
  mercY,
  PADDING,
} from './composition.ts';
import type { Ink } from './ink.ts';
import { type LabelBox, layoutLabels, type Rect } from './label-layout.ts';
import { type LinkArc, type LinkMarker, MARKER, type PairInput, placeLinkGeometry } from './link-layout.ts';
import { buildStyle, hatchImage, hatchImageId } from './map-style.ts';
import { fitProjection, type Planar, paddingOf, StyleDrawing } from './style-drawing.ts';

/** The width of `text` at `size` px in the stills' font (`weight` 400, 600 or 700). */
export type MeasureText = (text: string, size: number, weight: number) => number;

/** The stills' font: the page's (ui/base.css). */
export const STILL_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export interface StillRequest extends ImageRequest {
  boundaries: Boundaries;
  measure: MeasureText;
  /** The page's colours for the request's theme (ink.ts, from ui/base.css). */
  ink: Ink;
  /**
   * 'document' (the default): title, month, map, legend and credit. 'map': the map band alone, the
   * size of the live map's frame (the prerendered first screen).
   */
  part?: 'document' | 'map';
  /** Prefixes the still's own ids (patterns, markers, shapes): unique per still in one page. */
  idPrefix?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = STILL_FONT_FAMILY.replace(/"/g, '&quot;');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function wrap(measure: MeasureText, text: string, size: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, size, bold ? 700 : 400) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function textLines(lines: string[], x: number, y: number, size: number, fill: string, extra = ''): string {
  return lines
    .map(
      (l, i) =>
        `<text x="${x}" y="${r(y + i * size * 1.25)}" font-size="${r(size)}" fill="${fill}"${extra}>${esc(l)}</text>`,
    )
    .join('');
}

const r = (v: number) => Math.round(v * 10) / 10;

/** An id of this still's own (`idPrefix`, else "still"). */
const id = (s: { req: { idPrefix?: string } }, name: string) => `${s.req.idPrefix ?? 'still'}-${name}`;

/**
 * What every drawing step reads: the request, the month shown and its counts, what the map draws
 * besides the countries (the legend keys them), the colours, and the type scale — its base size
 * `f`, the margin `pad` it gives, and the width `inner` left for text.
 */
interface Scene {
  req: StillRequest;
  ink: Ink;
  palette: MapPalette;
  month: Month;
  counts: Counts;
  colours: Record<CountryCode, string | null>;
  facilities: FacilityAt[];
  shownLinks: ReturnType<typeof linksShownAt>;
  f: number;
  pad: number;
  inner: number;
}

/** The map band: the composition fitted to its frame, and the renderer that draws and projects it. */
interface MapBand {
  map: { project(lngLat: [number, number]): { x: number; y: number } };
  drawing: StyleDrawing;
  projection: Planar;
  composition: Composition;
  features: ReturnType<typeof composeFeatures<CountryProperties>>;
  extents: Record<string, Bounds>;
  frame: { width: number; height: number };
}

/** Marks drawn over the map, and the boxes they take (which labels and link markers keep clear of). */
interface Overlay {
  marks: string[];
  obstacles: Rect[];
}

type LegendItem = { label: string; fill: string } | { label: string; key: 'link' | 'facility' };

/** The legend and the credit below the map, laid out: rows of legend items, credit lines, height. */
interface FooterLayout {
  title: string;
  items: LegendItem[];
  itemWidths: number[];
  /** Indices into `items`, one list per row. */
  rows: number[][];
  creditLines: string[];
  legendSize: number;
  swatch: number;
  creditSize: number;
  height: number;
}

/** The country labels' sizes: a pill of name and count, its height, and the count's own pill. */
interface LabelMetrics {
  size: number;
  height: number;
  countWidth(c: CountryCode): number;
}

/**
 * The still, band by band: the header, the map band (the countries, then what is drawn over them),
 * the footer — or the map band alone (`part: 'map'`). Each step draws one thing from the `Scene`
 * (and the `MapBand` for what lies on the map).
 */
export function renderStill(req: StillRequest): string {
  const s = sceneOf(req);
  if (req.part === 'map') {
    const band = createMapBand(s, req.boundaries, req.height);
    return mapDocument(s, [drawCountries(s, band), ...drawOverlays(s, band, req.boundaries)]);
  }
  const header = drawHeader(s);
  const footer = layoutFooter(s);
  const mapHeight = Math.max(40, Math.round(req.height - header.bottom - footer.height));
  const band = createMapBand(s, req.boundaries, mapHeight);
  return svgDocument(s, {
    header: header.marks,
    mapTop: header.bottom,
    mapHeight,
    map: [drawCountries(s, band), ...drawOverlays(s, band, req.boundaries)],
    footer: drawFooter(s, footer, header.bottom + mapHeight),
  });
}

function sceneOf(req: StillRequest): Scene {
  const { data, theme, width: W, height: H } = req;
  const month = req.date ?? asOfMonth(data);
  const counts = countsByCountry(data, req.activeTypes, month);
  const f = Math.min(22, Math.max(11, Math.min(W, H * 1.5) / 52));
  const pad = Math.round(f);
  return {
    req,
    ink: req.ink,
    palette: PALETTES[theme],
    month,
    counts,
    colours: colourByCountry(counts, theme),
    facilities: mappedFacilities(data, month).filter((x) => x.exists && req.activeTypes.includes(x.type)),
    shownLinks: req.links ? linksShownAt(data, month) : [],
    f,
    pad,
    inner: W - 2 * pad,
  };
}

/** The title and the line of the month shown and the "as of" date; `bottom` is where the map starts. */
function drawHeader(s: Scene): { marks: string[]; bottom: number } {
  const { req, ink, f, pad, inner } = s;
  const { data, strings: t, lang } = req;
  const titleSize = f * 1.5;
  const titleLines = wrap(req.measure, data.meta.title[lang], titleSize, inner, true).slice(0, 3);
  const dateLine = `${t.imageMonthShown.replace('{month}', formatDate(s.month, lang))} · ${t.asOf} ${formatDate(data.meta.asOf, lang)}`;
  const dateSize = f * 0.95;
  const dateLines = wrap(req.measure, dateLine, dateSize, inner).slice(0, 2);
  let y = pad + titleSize;
  const marks: string[] = [textLines(titleLines, pad, y, titleSize, ink.text, ' font-weight="700"')];
  y += (titleLines.length - 1) * titleSize * 1.25 + dateSize * 1.5;
  marks.push(textLines(dateLines, pad, y, dateSize, ink.muted));
  y += (dateLines.length - 1) * dateSize * 1.25;
  return { marks, bottom: Math.round(y + dateSize * 0.8) };
}

/** The legend's items: "None", the count steps, then the links and the prisons when the map shows them. */
function legendItems(s: Scene): LegendItem[] {
  const { data, strings: t, lang, theme } = s.req;
  return [
    { label: t.legendNone, fill: `url(#${id(s, 'hatch')})` },
    ...legendSteps(theme).map((step) => ({ label: step.label, fill: step.colour })),
    ...(s.shownLinks.length > 0 ? [{ label: t.linksToggle, key: 'link' as const }] : []),
    ...(s.facilities.length > 0
      ? [{ label: data.story.facilityLegend[lang].replace(/[:：]\s*$/, ''), key: 'facility' as const }]
      : []),
  ];
}

/** Items of these widths in rows no wider than `width` (an item wider than that gets a row of its own). */
function legendRows(widths: number[], width: number): number[][] {
  const rows: number[][] = [[]];
  let rowWidth = 0;
  widths.forEach((w, i) => {
    if (rowWidth + w > width && rowWidth > 0) {
      rows.push([]);
      rowWidth = 0;
    }
    (rows[rows.length - 1] as number[]).push(i);
    rowWidth += w;
  });
  return rows;
}

/** The legend (its title, then "None" and the count steps in one row, wrapping when narrow) and the credit. */
function layoutFooter(s: Scene): FooterLayout {
  const { req, f, pad, inner } = s;
  const { data, strings: t, lang } = req;
  const active = req.activeTypes.length;
  const total = data.meta.types.length;
  const scope = legendScope(t, active, total);
  const legendSize = f * 0.85;
  const swatch = Math.round(f * 1.1);
  const items = legendItems(s);
  const itemWidths = items.map((i) => swatch + 6 + req.measure(i.label, legendSize, 400) + f);
  const rows = legendRows(itemWidths, inner);
  const creditSize = f * 0.72;
  // The credit, then the data's licence and version on lines of their own (never cut off).
  const creditLines = [
    ...wrap(req.measure, data.meta.credit[lang], creditSize, inner).slice(0, 4),
    ...wrap(req.measure, `${licenceLabel(data, lang)} · ${versionLabel(data, lang)}`, creditSize, inner),
  ];
  const height =
    pad * 0.6 + legendSize * 1.4 + rows.length * (swatch + 6) + creditLines.length * creditSize * 1.25 + pad * 0.8;
  return {
    title: `${t.legendTitle} (${scope})`,
    items,
    itemWidths,
    rows,
    creditLines,
    legendSize,
    swatch,
    creditSize,
    height,
  };
}

/** The footer from `top` down: the legend's title, its rows of keys, then the credit. */
function drawFooter(s: Scene, l: FooterLayout, top: number): string[] {
  const { ink, pad } = s;
  let y = top + pad * 0.6 + l.legendSize;
  const marks: string[] = [
    `<text x="${pad}" y="${r(y)}" font-size="${r(l.legendSize)}" font-weight="600" fill="${ink.text}">${esc(l.title)}</text>`,
  ];
  y += l.legendSize * 0.4;
  for (const row of l.rows) {
    let x = pad;
    for (const i of row) {
      marks.push(...drawLegendItem(s, l, l.items[i] as LegendItem, x, y));
      x += l.itemWidths[i] as number;
    }
    y += l.swatch + 6;
  }
  y += l.creditSize;
  marks.push(textLines(l.creditLines, pad, y, l.creditSize, ink.muted));
  return marks;
}

/** One legend key at (x, y): a colour swatch, a link's arrow or a prison's symbol, then its label. */
function drawLegendItem(s: Scene, l: FooterLayout, item: LegendItem, x: number, y: number): [string, string] {
  const { ink, palette } = s;
  const { swatch } = l;
  const mid = y + swatch / 2;
  const key =
    'fill' in item
      ? `<rect x="${r(x)}" y="${r(y)}" width="${swatch}" height="${swatch}" fill="${item.fill}" stroke="${palette.zeroOutline}" stroke-width="0.5"/>`
      : item.key === 'link'
        ? `<path d="M${r(x)},${r(mid)} L${r(x + swatch)},${r(mid)}" stroke="${ink.link}" stroke-width="2" fill="none" marker-end="url(#${id(s, 'arrow')})"/>`
        : `<circle cx="${r(x + swatch / 2)}" cy="${r(mid)}" r="${r(swatch / 2 - 1)}" stroke="${ink.text}" stroke-width="1.5" fill="${ink.text}" fill-opacity="0.6"/>`;
  return [
    key,
    `<text x="${r(x + swatch + 6)}" y="${r(y + swatch * 0.8)}" font-size="${r(l.legendSize)}" fill="${ink.text}">${esc(item.label)}</text>`,
  ];
}

/** The map band: the live map's composition for a frame of the band's size, fitted like the live map. */
function createMapBand(s: Scene, boundaries: Boundaries, height: number): MapBand {
  const { req } = s;
  const frame = { width: req.width, height };
  const config = compositionConfig(req.data.story.region);
  const composition = compose(frame, config);
  const features = composeFeatures(boundaries.geojson, composition, config);
  const extents = labelExtents(features, countryCodes(req.data));
  const drawing = new StyleDrawing(buildStyle(features, req.theme));
  drawing.resolveImage = (id) => {
    for (const name of ['light', 'dark'] as const)
      if (id === hatchImageId(name)) drawing.addImage(id, hatchImage(name));
  };
  const projection = fitProjection(composition.bounds, paddingOf(PADDING), frame);
  const project = ([lng, lat]: [number, number]) => {
    const [x, y] = projection([mercX(lng), mercY(lat)]) ?? [Number.NaN, Number.NaN];
    return { x, y };
  };
  return { map: { project }, drawing, projection, composition, features, extents, frame };
}

/** The countries, styled through `applyMapState` (the one path from state to map), as the live map draws them. */
function drawCountries(s: Scene, band: MapBand): string {
  const { drawing, features } = band;
  const { theme, selected } = s.req;
  const target = {
    getSource: (id: string) =>
      drawing.hasSource(id) ? { setData: (data: GeoJSON.FeatureCollection) => drawing.setData(id, data) } : undefined,
    setPaintProperty: (layer: string, name: string, value: unknown) => drawing.setPaintProperty(layer, name, value),
    setFeatureState: (f: { source: string; id: string }, state: Record<string, unknown>) => {
      drawing.setFeatureState(f, state);
    },
    getCanvas: () => ({ setAttribute: () => {} }),
  };
  applyMapState(
    target,
    { features, canvasLabel: '' },
    { theme, colours: s.colours, selected, hovered: null, canvasLabel: '', features },
  );
  return `<g>${drawing.draw(band.projection, band.frame, id(s, 'map'), true)}</g>`;
}

/**
 * Everything over the countries, in the live map's order of precedence (place-overlays.ts): prison
 * symbols and the inset's caption, then the policy links and the country labels, which keep clear
 * of them.
 */
function drawOverlays(s: Scene, band: MapBand, boundaries: Boundaries): string[] {
  const facilities = drawFacilities(s, band);
  const caption = drawInsetCaption(s, band);
  const obstacles = [...facilities.obstacles, ...caption.obstacles];
  const metrics = labelMetrics(s);
  const boxes = layoutCountryLabels(s, band, boundaries, metrics, obstacles);
  return [
    ...facilities.marks,
    ...caption.marks,
    ...drawLinks(s, band, boxes, metrics, obstacles),
    ...boxes.map((b) => drawCountryLabel(s, b, metrics)),
  ];
}

/** Prison symbols: area by capacity, solid when operating, hollow and dashed otherwise. */
function drawFacilities(s: Scene, band: MapBand): Overlay {
  const { ink } = s;
  const { map, composition } = band;
  const marks: string[] = [];
  const obstacles: Rect[] = [];
  for (const fac of s.facilities) {
    if (fac.lon === undefined || fac.lat === undefined) continue;
    const p = map.project(composition.toComposed([fac.lon, fac.lat]));
    const radius = symbolRadius(facilityScale(s.req.data), fac);
    const operating = fac.status === 'operating';
    marks.push(
      `<circle cx="${r(p.x)}" cy="${r(p.y)}" r="${r(radius)}" stroke="${ink.text}" stroke-width="1.5" fill="${operating ? ink.text : 'none'}" fill-opacity="0.6"${operating ? '' : ' stroke-dasharray="2 2"'}/>`,
    );
    obstacles.push({ x: p.x - 12, y: p.y - 12, width: 24, height: 24 });
  }
  return { marks, obstacles };
}

/** The inset's caption (when the story has an inset), top left of its frame. */
function drawInsetCaption(s: Scene, band: MapBand): Overlay {
  const inset = s.req.data.story.region.inset;
  const frame = band.composition.insetFrame;
  if (!inset || !frame) return { marks: [], obstacles: [] };
  const text = inset.caption[s.req.lang];
  const size = s.f * 0.7;
  const [[west], [, north]] = frame;
  const top = band.map.project([west, north]);
  const caption = {
    x: Math.max(4, top.x + 4),
    y: Math.max(4, top.y + 4),
    width: s.req.measure(text, size, 400),
    height: size * 1.3,
  };
  return {
    marks: [
      `<text x="${r(caption.x)}" y="${r(caption.y + size)}" font-size="${r(size)}" fill="${s.ink.muted}" stroke="${s.palette.sea}" stroke-width="3" paint-order="stroke">${esc(text)}</text>`,
    ],
    obstacles: [caption],
  };
}

function labelMetrics(s: Scene): LabelMetrics {
  const size = Math.max(11, s.f * 0.8);
  const height = Math.round(size * 2.1);
  return {
    size,
    height,
    countWidth: (c) => Math.max(height - 8, s.req.measure(String(s.counts[c] ?? 0), size * 0.9, 600) + 8),
  };
}

/** Where the country labels go: name and count in a pill, laid out by layoutLabels clear of `obstacles`. */
function layoutCountryLabels(
  s: Scene,
  band: MapBand,
  boundaries: Boundaries,
  m: LabelMetrics,
  obstacles: Rect[],
): LabelBox[] {
  const { data, lang } = s.req;
  const { map, composition, extents } = band;
  const labelWidth = (c: CountryCode) =>
    Math.round(8 + s.req.measure(countryName(data, c, lang), m.size, 600) + 5 + m.countWidth(c) + 4);
  const inputs = countryCodes(data).flatMap((c) => {
    const point = boundaries.labels[c];
    if (!point) return [];
    const area = extents[c];
    const sw = area && map.project(area[0]);
    const ne = area && map.project(area[1]);
    const extent = sw && ne ? { x: sw.x, y: ne.y, width: ne.x - sw.x, height: sw.y - ne.y } : undefined;
    return [
      {
        id: c,
        anchor: map.project(composition.toComposed(point)),
        width: labelWidth(c),
        height: m.height,
        extent,
      },
    ];
  });
  return layoutLabels(inputs, band.frame, { obstacles });
}

/** One country's label: its leader line when it is a callout, then the pill of name and count. */
function drawCountryLabel(s: Scene, b: LabelBox, m: LabelMetrics): string {
  const { ink, counts, req } = s;
  const c = b.id as CountryCode;
  const name = countryName(req.data, c, req.lang);
  const isSelected = c === req.selected;
  const leader = b.callout
    ? `<line x1="${r(Math.min(Math.max(b.anchor.x, b.x), b.x + b.width))}" y1="${r(Math.min(Math.max(b.anchor.y, b.y), b.y + b.height))}" x2="${r(b.anchor.x)}" y2="${r(b.anchor.y)}" stroke="${ink.text}" stroke-width="1"/><circle cx="${r(b.anchor.x)}" cy="${r(b.anchor.y)}" r="2.5" fill="${ink.text}"/>`
    : '';
  const h = m.height;
  const cw = m.countWidth(c);
  const ch = h - 8;
  const cx = b.x + b.width - 4 - cw;
  const empty = counts[c] === 0;
  return `${leader}<g data-country="${c}"><rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${h}" rx="${h / 2}" fill="${ink.labelBg}" stroke="${isSelected ? ink.text : ink.labelBorder}" stroke-width="${isSelected ? 2 : 1}"/><text x="${r(b.x + 8)}" y="${r(b.y + h / 2 + m.size * 0.35)}" font-size="${r(m.size)}" font-weight="600" fill="${ink.text}">${esc(name)}</text><rect x="${r(cx)}" y="${r(b.y + 4)}" width="${r(cw)}" height="${ch}" rx="${ch / 2}" fill="${empty ? ink.labelBg : ink.text}" stroke="${ink.text}"/><text x="${r(cx + cw / 2)}" y="${r(b.y + h / 2 + m.size * 0.32)}" font-size="${r(m.size * 0.9)}" font-weight="600" text-anchor="middle" fill="${empty ? ink.text : ink.bg}">${counts[c] ?? 0}</text></g>`;
}

/**
 * Policy links (when shown), as the live map draws them: one arc per pair of places between the
 * label points, the outside actors' tags, then each pair's marker with its number of links.
 */
function drawLinks(s: Scene, band: MapBand, boxes: LabelBox[], m: LabelMetrics, obstacles: Rect[]): string[] {
  if (s.shownLinks.length === 0) return [];
  const { data, lang } = s.req;
  const { map, composition } = band;
  const pairs: (PairInput & { undated: boolean })[] = linkPairs(s.shownLinks).map((p) => ({
    key: p.key,
    ends: p.ends,
    toFirst: p.toFirst,
    toSecond: p.toSecond,
    ended: p.ended,
    faded: false,
    count: p.links.length,
    undated: p.undated,
  }));
  const tagSize = m.size * 0.9;
  const tagSizes = Object.fromEntries(
    outsideActors(
      data,
      s.shownLinks.map((l) => l.link),
    ).map((code) => [
      code,
      {
        width: Math.round(s.req.measure(countryName(data, code, lang), tagSize, 600) + 12),
        height: Math.round(tagSize * 1.9),
      },
    ]),
  );
  const layout = placeLinkGeometry({
    pairs,
    labels: boxes,
    tagSizes,
    anchorOf: (code) => outsideAnchor(data, code),
    mainX: (lngLat) => map.project(composition.toMain(lngLat)).x,
    obstacles,
    frame: band.frame,
  });
  return [
    ...layout.arcs.map((a) => drawLinkArc(s, a)),
    ...Object.entries(layout.tags).flatMap(([code, box]) =>
      drawLinkTag(s, countryName(data, code, lang), box, tagSize),
    ),
    ...layout.markers.map((marker) =>
      drawLinkMarker(
        marker,
        pairs.find((p) => p.key === marker.key),
        s.ink,
      ),
    ),
  ];
}

function drawLinkArc(s: Scene, a: LinkArc): string {
  const { ink } = s;
  return `<path d="${a.d}" fill="none" stroke="${ink.link}" stroke-width="1.75" stroke-linecap="round"${a.ended ? ' stroke-dasharray="4 3" opacity="0.8"' : ''}${a.arrowStart ? ` marker-start="url(#${id(s, 'arrow-start')})"` : ''}${a.arrowEnd ? ` marker-end="url(#${id(s, 'arrow')})"` : ''}/>`;
}

/** An outside actor's tag at the map's edge: a pill with its name. */
function drawLinkTag(s: Scene, name: string, box: Rect, size: number): [string, string] {
  return [
    `<rect x="${r(box.x)}" y="${r(box.y)}" width="${box.width}" height="${box.height}" rx="${r(box.height / 2)}" fill="${s.ink.link}"/>`,
    `<text x="${r(box.x + box.width / 2)}" y="${r(box.y + box.height / 2 + size * 0.35)}" font-size="${r(size)}" font-weight="600" text-anchor="middle" fill="${s.ink.linkText}">${esc(name)}</text>`,
  ];
}

/**
 * A pair's marker, on its arc, as the live map draws it: a disc with the number of its links (a
 * pill beyond two digits); hollow when they all ended, a dotted ring when some has no date.
 */
function drawLinkMarker(
  m: LinkMarker,
  pair: { count: number; ended: boolean; undated: boolean } | undefined,
  ink: Ink,
): string {
  const h = MARKER - 6;
  const w = m.width - 6;
  const ended = pair?.ended ?? false;
  const ring = pair?.undated
    ? `<rect x="${r(-w / 2 - 3)}" y="${-h / 2 - 3}" width="${w + 6}" height="${h + 6}" rx="${h / 2 + 3}" fill="none" stroke="${ink.link}" stroke-width="1.5" stroke-dasharray="1.5 2"/>`
    : '';
  const disc = `<rect x="${r(-w / 2)}" y="${-h / 2}" width="${w}" height="${h}" rx="${h / 2}" fill="${ended ? ink.labelBg : ink.link}" stroke="${ended ? ink.link : ink.labelBg}" stroke-width="1.5"${ended ? ' stroke-dasharray="3 2"' : ''}/>`;
  const count = `<text y="4" font-size="11" font-weight="700" text-anchor="middle" fill="${ended ? ink.link : ink.linkText}">${pair?.count ?? ''}</text>`;
  return `<g data-pair="${esc(m.key)}" transform="translate(${m.x} ${m.y})">${ring}${disc}${count}</g>`;
}

/** The hatch of countries with no measure, and the links' arrowheads at either end. */
function drawDefs(s: Scene): string {
  const hatch = `<pattern id="${id(s, 'hatch')}" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="${s.palette.hatchBase}"/><path d="M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5" stroke="${s.palette.hatchLine}" stroke-width="1"/></pattern>`;
  const arrow = (id: string, orient: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="${orient}"><path d="M0,0 L10,5 L0,10 z" fill="${s.ink.link}"/></marker>`;
  return `<defs>${hatch}${arrow(id(s, 'arrow'), 'auto')}${arrow(id(s, 'arrow-start'), 'auto-start-reverse')}</defs>`;
}

/** The whole document: background, header, the map band (countries and overlays, clipped), footer. */
function svgDocument(
  s: Scene,
  parts: { header: string[]; mapTop: number; mapHeight: number; map: string[]; footer: string[] },
): string {
  const { data, lang, width: W, height: H } = s.req;
  const { mapTop, mapHeight } = parts;
  return [
    `<svg xmlns="${SVG_NS}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" lang="${lang}">`,
    `<title>${esc(data.meta.title[lang])}</title>`,
    drawDefs(s),
    `<rect width="${W}" height="${H}" fill="${s.ink.bg}"/>`,
    ...parts.header,
    `<svg x="0" y="${mapTop}" width="${W}" height="${mapHeight}" viewBox="0 0 ${W} ${mapHeight}" overflow="hidden">`,
    ...parts.map,
    '</svg>',
    ...parts.footer,
    '</svg>',
  ].join('');
}

/** The map band alone, as its own document the size of the frame (the prerendered first screen). */
function mapDocument(s: Scene, map: string[]): string {
  const { data, lang, width: W, height: H } = s.req;
  return [
    `<svg xmlns="${SVG_NS}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" lang="${lang}" role="img" aria-label="${esc(data.meta.title[lang])}">`,
    drawDefs(s),
    ...map,
    '</svg>',
  ].join('');
}
