/**
 * The default view as a static SVG (d3-geo, from the same boundary file, colours and label layout
 * as the live map), for readers where no script runs: <noscript>, AMP, RSS and email.
 * Runs at build time in Node; nothing here ships to the browser.
 */
import { geoIdentity, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { formatDate } from '../data/format.ts';
import { PALETTES } from '../data/palette.ts';
import type { PolicyData } from '../data/policy-data.ts';
import { colourByCountry, countsByCountry, legendSteps } from '../data/selectors.ts';
import { countryCodes, countryName, typeIds } from '../data/story.ts';
import {
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
import { layoutLabels } from '../map/label-layout.ts';

export const FALLBACK_SIZE = { width: 800, height: 600 } as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Props {
  iso3: string;
  focus: boolean;
  label: [number, number];
  part?: string;
}

export function renderFallbackSvg(topo: Topology<{ countries: GeometryCollection<Props> }>, data: PolicyData): string {
  const { width, height } = FALLBACK_SIZE;
  const p = PALETTES.light;
  const counts = countsByCountry(data, typeIds(data));
  const colours = colourByCountry(counts, 'light');
  const countries = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection<
    GeoJSON.Geometry,
    Props
  >;
  const mapBox = { x: 0, y: 0, width: 430, height };
  // The live map's composition for a frame of this size: the region plus the Central America inset.
  const config = compositionConfig(data.story.region);
  const composition = compose(mapBox, config);
  const composed = composeFeatures(countries, composition, config);
  const [[w, s], [e, n]] = composition.bounds;
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [mapBox.x + PADDING, PADDING],
        [mapBox.width - PADDING, height - PADDING],
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
  const path = geoPath(projection).digits(1);
  const project = (p: LngLat) => projection([mercX(p[0]), mercY(p[1])]) as [number, number];
  type Feature = (typeof composed.features)[number];
  const fill = (f: Feature & { properties: Props }) =>
    !f.properties.focus ? p.context : (colours[f.properties.iso3 as keyof typeof colours] ?? 'url(#hatch)');
  const country = (f: Feature) => {
    const props = f.properties as Props;
    const d = path(toMercator(f.geometry));
    if (!d) return '';
    const stroke = props.focus
      ? colours[props.iso3 as keyof typeof colours]
        ? p.focusOutline
        : p.zeroOutline
      : p.border;
    // A country cut by the inset's frame comes as its area and its outline (composition.ts).
    const draw = (f.properties as { draw?: Draw }).draw;
    const area = draw === 'line' ? 'none' : fill(f as Feature & { properties: Props });
    const line = draw === 'fill' ? 'none' : stroke;
    return `<path d="${d}" fill="${area}" stroke="${line}" stroke-width="${props.focus ? 0.8 : 0.5}"/>`;
  };
  const part = (name: string) => composed.features.filter((f) => (f.properties as Props).part === name);
  // The inset (when the story has one): its frame, the magnified copy, its caption and guides.
  const insetFrame = composition.insetFrame;
  const inset = data.story.region.inset;
  let frame = `x="0" y="0" width="0" height="0"`;
  let insetShapes = '';
  const obstacles: { x: number; y: number; width: number; height: number }[] = [];
  if (insetFrame && inset) {
    const [fx0, fy0] = project([insetFrame[0][0], insetFrame[1][1]]);
    const [fx1, fy1] = project([insetFrame[1][0], insetFrame[0][1]]);
    const caption = { x: fx0 + 4, y: fy0 + 4, width: inset.caption.en.length * 6.4 + 12, height: 18 };
    obstacles.push(caption);
    frame = `x="${fx0.toFixed(1)}" y="${fy0.toFixed(1)}" width="${(fx1 - fx0).toFixed(1)}" height="${(fy1 - fy0).toFixed(1)}"`;
    const guides = [...part('source'), ...part('connector')]
      .map((f) => `<path d="${path(toMercator(f.geometry))}" fill="none" stroke="${p.guide}" stroke-width="1"/>`)
      .join('');
    insetShapes = `${guides}<rect ${frame} fill="${p.sea}"/><g clip-path="url(#insetclip)">${part('inset').map(country).join('')}</g><rect ${frame} fill="none" stroke="${p.guide}" stroke-width="1.25"/><rect x="${(fx0 + 4).toFixed(1)}" y="${(fy0 + 4).toFixed(1)}" width="${caption.width}" height="${caption.height}" rx="3" fill="#fff" fill-opacity="0.95"/><text x="${(fx0 + 10).toFixed(1)}" y="${(fy0 + 17).toFixed(1)}" font-family="system-ui, sans-serif" font-size="11" font-weight="600" fill="#5c5a55">${esc(inset.caption.en)}</text>`;
  }
  const shapes = `${part('main').map(country).join('')}${insetShapes}`;

  // The same collision-free callout layout as the live map, with label widths estimated from text.
  const extents = labelExtents(composed, countryCodes(data));
  const labelInputs = countryCodes(data).flatMap((c) => {
    const f = countries.features.find((x) => x.properties.iso3 === c);
    const xy = f && project(composition.toComposed(f.properties.label));
    if (!xy) return [];
    const text = `${countryName(data, c, 'en')} ${counts[c] ?? 0}`;
    const area = extents[c];
    const [x0, y1] = area ? project(area[0]) : [0, 0];
    const [x1, y0] = area ? project(area[1]) : [0, 0];
    const extent = area ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
    return [{ id: c, anchor: { x: xy[0], y: xy[1] }, width: text.length * 7.6 + 18, height: 22, extent }];
  });
  const boxes = layoutLabels(labelInputs, mapBox, { obstacles });
  const labels = boxes
    .map((b) => {
      const c = b.id;
      const leader = b.callout
        ? `<line x1="${b.x + b.width}" y1="${b.y + b.height / 2}" x2="${b.anchor.x}" y2="${b.anchor.y}" stroke="#1d1d1b" stroke-width="1"/><circle cx="${b.anchor.x}" cy="${b.anchor.y}" r="2.5" fill="#1d1d1b"/>`
        : '';
      return `${leader}<g transform="translate(${b.x},${b.y})"><rect width="${b.width}" height="${b.height}" rx="11" fill="#fff" stroke="#1d1d1b" stroke-opacity="0.45"/><text x="8" y="15" font-size="12" font-weight="600">${esc(countryName(data, c, 'en'))} ${counts[c] ?? 0}</text></g>`;
    })
    .join('');

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
  const title = data.meta.title.en;
  const words = title.split(' ');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last && `${last} ${word}`.length <= 28) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const titleText = lines.map((l, i) => `<tspan x="450" dy="${i === 0 ? 0 : 26}">${esc(l)}</tspan>`).join('');

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t">
<title id="t">${esc(title)}</title>
<defs><clipPath id="mapclip"><rect width="${mapBox.width}" height="${height}"/></clipPath><clipPath id="insetclip"><rect ${frame}/></clipPath><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${p.hatchBase}"/><rect width="1.5" height="6" fill="${p.hatchLine}"/></pattern></defs>
<rect width="${width}" height="${height}" fill="#fff"/>
<rect width="${mapBox.width}" height="${height}" fill="${p.sea}"/>
<g clip-path="url(#mapclip)">${shapes}</g>
<g font-family="system-ui, sans-serif" fill="#1d1d1b">${labels}</g>
<g font-family="Georgia, serif" fill="#1d1d1b"><text x="450" y="48" font-size="22" font-weight="700">${titleText}</text></g>
<g font-family="system-ui, sans-serif" fill="#1d1d1b">
<text x="450" y="196" font-size="12" fill="#5c5a55">Measures per country (all types)</text>${legend}${list}
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
