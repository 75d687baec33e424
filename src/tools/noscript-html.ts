/**
 * The default view as a static SVG (d3-geo, from the same boundary file, colours and label layout
 * as the live map), for readers where no script runs: <noscript>, AMP, RSS and email.
 * Runs at build time in Node; nothing here ships to the browser.
 */
import { type GeoIdentityTransform, type GeoPath, geoIdentity, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { formatDate } from '../data/format.ts';
import { PALETTES } from '../data/palette.ts';
import type { PolicyData } from '../data/policy-data.ts';
import { type Counts, colourByCountry, countsByCountry, legendSteps } from '../data/selectors.ts';
import { countryCodes, countryName, typeIds } from '../data/story.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import {
  type Bounds,
  type Composition,
  compose,
  composeFeatures,
  compositionConfig,
  type Draw,
  type LngLat,
  labelExtents,
  mercX,
  mercY,
  PADDING,
  toMercator,
} from '../map/composition.ts';
import { type LabelBox, layoutLabels } from '../map/label-layout.ts';

export const FALLBACK_SIZE = { width: 800, height: 600 } as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Props {
  iso3: string;
  focus: boolean;
  label: [number, number];
  part?: string;
}

type Countries = GeoJSON.FeatureCollection<GeoJSON.Geometry, Props>;
type Composed = ReturnType<typeof composeFeatures<Props>>;
type ComposedFeature = Composed['features'][number];
type Box = { x: number; y: number; width: number; height: number };

/**
 * The map's half of the image: the live map's composition for a frame of the map's size (the
 * region plus, when the story has one, its inset), its features, and the planar projection that
 * fits them, with the counts and colours the countries are drawn in.
 */
interface FallbackMap {
  data: PolicyData;
  counts: Counts;
  colours: Record<CountryCode, string | null>;
  countries: Countries;
  mapBox: Box;
  composition: Composition;
  composed: Composed;
  path: GeoPath;
  project(p: LngLat): [number, number];
}

export function renderFallbackSvg(topo: Topology<{ countries: GeometryCollection<Props> }>, data: PolicyData): string {
  const m = fallbackMap(topo, data);
  const inset = drawInset(m);
  const shapes = `${part(m, 'main')
    .map((f) => drawCountry(m, f))
    .join('')}${inset.shapes}`;
  return fallbackDocument(m, { frame: inset.frame, shapes, labels: drawLabels(m, inset.obstacles) });
}

function fallbackMap(topo: Topology<{ countries: GeometryCollection<Props> }>, data: PolicyData): FallbackMap {
  const counts = countsByCountry(data, typeIds(data));
  const countries = feature(topo, topo.objects.countries) as unknown as Countries;
  const mapBox = { x: 0, y: 0, width: 430, height: FALLBACK_SIZE.height };
  // The live map's composition for a frame of this size: the region plus the Central America inset.
  const config = compositionConfig(data.story.region);
  const composition = compose(mapBox, config);
  const composed = composeFeatures(countries, composition, config);
  const projection = fitProjection(composition.bounds, mapBox);
  return {
    data,
    counts,
    colours: colourByCountry(counts, 'light'),
    countries,
    mapBox,
    composition,
    composed,
    path: geoPath(projection).digits(1),
    project: (p: LngLat) => projection([mercX(p[0]), mercY(p[1])]) as [number, number],
  };
}

/** Web Mercator drawn flat, fitting `bounds` into the map's box less the padding. */
function fitProjection([[w, s], [e, n]]: Bounds, mapBox: Box): GeoIdentityTransform {
  return geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [mapBox.x + PADDING, PADDING],
        [mapBox.width - PADDING, mapBox.height - PADDING],
      ],
      toMercator({
        type: 'MultiLineString',
        coordinates: [
          [
            [w, s],
            [e, n],
          ],
        ],
      }),
    );
}

/** The features of one part of the composition (composition.ts `Part`). */
const part = (m: FallbackMap, name: string) => m.composed.features.filter((f) => (f.properties as Props).part === name);

/** One country: its count's colour (hatched when none; grey for context countries) and its outline. */
function drawCountry(m: FallbackMap, f: ComposedFeature): string {
  const p = PALETTES.light;
  const props = f.properties as Props;
  const d = m.path(toMercator(f.geometry));
  if (!d) return '';
  const colour = m.colours[props.iso3 as CountryCode];
  const stroke = props.focus ? (colour ? p.focusOutline : p.zeroOutline) : p.border;
  const fill = !props.focus ? p.context : (colour ?? 'url(#hatch)');
  // A country cut by the inset's frame comes as its area and its outline (composition.ts).
  const draw = (f.properties as { draw?: Draw }).draw;
  const area = draw === 'line' ? 'none' : fill;
  const line = draw === 'fill' ? 'none' : stroke;
  return `<path d="${d}" fill="${area}" stroke="${line}" stroke-width="${props.focus ? 0.8 : 0.5}"/>`;
}

/**
 * The inset (when the story has one): its frame, the magnified copy, its caption and guides; the
 * frame's attributes (for its clip path) and the caption's box, which labels keep clear of.
 */
function drawInset(m: FallbackMap): { frame: string; shapes: string; obstacles: Box[] } {
  const p = PALETTES.light;
  const insetFrame = m.composition.insetFrame;
  const inset = m.data.story.region.inset;
  if (!insetFrame || !inset) return { frame: `x="0" y="0" width="0" height="0"`, shapes: '', obstacles: [] };
  const [fx0, fy0] = m.project([insetFrame[0][0], insetFrame[1][1]]);
  const [fx1, fy1] = m.project([insetFrame[1][0], insetFrame[0][1]]);
  const caption = { x: fx0 + 4, y: fy0 + 4, width: inset.caption.en.length * 6.4 + 12, height: 18 };
  const frame = `x="${fx0.toFixed(1)}" y="${fy0.toFixed(1)}" width="${(fx1 - fx0).toFixed(1)}" height="${(fy1 - fy0).toFixed(1)}"`;
  const guides = [...part(m, 'source'), ...part(m, 'connector')]
    .map((f) => `<path d="${m.path(toMercator(f.geometry))}" fill="none" stroke="${p.guide}" stroke-width="1"/>`)
    .join('');
  const copies = part(m, 'inset')
    .map((f) => drawCountry(m, f))
    .join('');
  const shapes = `${guides}<rect ${frame} fill="${p.sea}"/><g clip-path="url(#insetclip)">${copies}</g><rect ${frame} fill="none" stroke="${p.guide}" stroke-width="1.25"/><rect x="${(fx0 + 4).toFixed(1)}" y="${(fy0 + 4).toFixed(1)}" width="${caption.width}" height="${caption.height}" rx="3" fill="#fff" fill-opacity="0.95"/><text x="${(fx0 + 10).toFixed(1)}" y="${(fy0 + 17).toFixed(1)}" font-family="system-ui, sans-serif" font-size="11" font-weight="600" fill="#5c5a55">${esc(inset.caption.en)}</text>`;
  return { frame, shapes, obstacles: [caption] };
}

/** The same collision-free callout layout as the live map, with label widths estimated from text. */
function layoutFallbackLabels(m: FallbackMap, obstacles: Box[]): LabelBox[] {
  const { data, counts } = m;
  const extents = labelExtents(m.composed, countryCodes(data));
  const labelInputs = countryCodes(data).flatMap((c) => {
    const f = m.countries.features.find((x) => x.properties.iso3 === c);
    const xy = f && m.project(m.composition.toComposed(f.properties.label));
    if (!xy) return [];
    const text = `${countryName(data, c, 'en')} ${counts[c] ?? 0}`;
    const area = extents[c];
    const [x0, y1] = area ? m.project(area[0]) : [0, 0];
    const [x1, y0] = area ? m.project(area[1]) : [0, 0];
    const extent = area ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
    return [{ id: c, anchor: { x: xy[0], y: xy[1] }, width: text.length * 7.6 + 18, height: 22, extent }];
  });
  return layoutLabels(labelInputs, m.mapBox, { obstacles });
}

/** The country labels: name and count in a pill, with a leader line to a callout's country. */
function drawLabels(m: FallbackMap, obstacles: Box[]): string {
  return layoutFallbackLabels(m, obstacles)
    .map((b) => {
      const c = b.id as CountryCode;
      const leader = b.callout
        ? `<line x1="${b.x + b.width}" y1="${b.y + b.height / 2}" x2="${b.anchor.x}" y2="${b.anchor.y}" stroke="#1d1d1b" stroke-width="1"/><circle cx="${b.anchor.x}" cy="${b.anchor.y}" r="2.5" fill="#1d1d1b"/>`
        : '';
      return `${leader}<g transform="translate(${b.x},${b.y})"><rect width="${b.width}" height="${b.height}" rx="11" fill="#fff" stroke="#1d1d1b" stroke-opacity="0.45"/><text x="8" y="15" font-size="12" font-weight="600">${esc(countryName(m.data, c, 'en'))} ${m.counts[c] ?? 0}</text></g>`;
    })
    .join('');
}

/** The count legend's steps, then each country with its count. */
function drawLegend(data: PolicyData, counts: Counts): string {
  const legend = legendSteps('light')
    .map(
      (step, i) =>
        `<rect x="${450 + i * 40}" y="206" width="30" height="14" fill="${step.colour}"/><text x="${465 + i * 40}" y="236" font-size="12" text-anchor="middle">${step.label}</text>`,
    )
    .join('');
  const list = countryCodes(data)
    .map(
      (c, i) =>
        `<text x="450" y="${290 + i * 22}" font-size="14"><tspan font-weight="600">${esc(countryName(data, c, 'en'))}</tspan> · ${counts[c] ?? 0} measures</text>`,
    )
    .join('');
  return `${legend}${list}`;
}

/** The title in lines of at most 28 characters (a longer word keeps a line of its own). */
function titleTspans(title: string): string {
  const lines: string[] = [];
  for (const word of title.split(' ')) {
    const last = lines.at(-1);
    if (last && `${last} ${word}`.length <= 28) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.map((l, i) => `<tspan x="450" dy="${i === 0 ? 0 : 26}">${esc(l)}</tspan>`).join('');
}

/** The whole document: the map on the left, the title, legend, list and credit on the right. */
function fallbackDocument(m: FallbackMap, parts: { frame: string; shapes: string; labels: string }): string {
  const { width, height } = FALLBACK_SIZE;
  const p = PALETTES.light;
  const { data, mapBox } = m;
  const title = data.meta.title.en;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t">
<title id="t">${esc(title)}</title>
<defs><clipPath id="mapclip"><rect width="${mapBox.width}" height="${height}"/></clipPath><clipPath id="insetclip"><rect ${parts.frame}/></clipPath><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${p.hatchBase}"/><rect width="1.5" height="6" fill="${p.hatchLine}"/></pattern></defs>
<rect width="${width}" height="${height}" fill="#fff"/>
<rect width="${mapBox.width}" height="${height}" fill="${p.sea}"/>
<g clip-path="url(#mapclip)">${parts.shapes}</g>
<g font-family="system-ui, sans-serif" fill="#1d1d1b">${parts.labels}</g>
<g font-family="Georgia, serif" fill="#1d1d1b"><text x="450" y="48" font-size="22" font-weight="700">${titleTspans(title)}</text></g>
<g font-family="system-ui, sans-serif" fill="#1d1d1b">
<text x="450" y="196" font-size="12" fill="#5c5a55">Measures per country (all types)</text>${drawLegend(data, m.counts)}
<text x="450" y="${height - 44}" font-size="11" fill="#5c5a55">Facts as of ${esc(formatDate(data.meta.asOf, 'en'))}. Sources with each measure</text>
<text x="450" y="${height - 28}" font-size="11" fill="#5c5a55">in the interactive version. Boundaries: Natural Earth.</text>
</g>
</svg>
`;
}

/** The <noscript> body: the same title, dek and image, then every measure with its sources. */
export function renderNoscriptHtml(data: PolicyData): string {
  const statuses = new Map(data.meta.statuses.map((s) => [s.id, s.label.en]));
  const countries = data.countries
    .map((c) => {
      const items = c.measures
        .map((m) => {
          const sources = m.sources
            .map(
              (s) =>
                `<li><a href="${esc(s.url)}">${esc(s.publisher)}</a>${s.headline ? `: ${esc(s.headline)}` : ''} (${esc(formatDate(s.date, 'en'))})</li>`,
            )
            .join('');
          return `<li><strong>${esc(m.title.en)}</strong> — ${esc(statuses.get(m.status.value) ?? m.status.value)}. ${esc(m.summary.en)}<details><summary>Sources</summary><ol>${sources}</ol></details></li>`;
        })
        .join('');
      return `<h2>${esc(countryName(data, c.country, 'en'))} (${c.measures.length})</h2><p>${esc(c.summary.en)}</p><ul>${items}</ul>`;
    })
    .join('');
  return `<noscript><div class="noscript"><h1>${esc(data.meta.title.en)}</h1><p>${esc(data.meta.dek.en)}</p><p><img src="./fallback.svg" alt="${esc(`Map: ${data.meta.title.en}`)}" width="800" height="600"></p><p>This interactive graphic needs JavaScript; its facts follow as text. Facts as of ${esc(formatDate(data.meta.asOf, 'en'))}.</p>${countries}<p>${esc(data.meta.credit.en)}</p></div></noscript>`;
}
