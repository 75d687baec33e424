/**
 * "Download image": the reader's current view as one SVG document — title, the month shown and the
 * "as of" date, the map, the count legend, and the credit — at any frame size, in the reader's
 * language and theme. ONE rendering path, with or without WebGL: the map is drawn by our own SVG
 * renderer (svg-map.ts) in a detached container, fed through `applyMapState` (apply.ts, the one
 * path from state to map) and fitted to the composition like the live map; the country labels,
 * prison symbols and policy links are laid out by the same layoutLabels / layoutLinks and drawn
 * as SVG. The PNGs are this SVG drawn on a canvas (ui/download-image.tsx). Loaded lazily.
 */
import { licenceLabel, versionLabel } from '../data/citation.ts';
import { facilityScale, mappedFacilities } from '../data/facilities.ts';
import { formatDate } from '../data/format.ts';
import { linksShownAt, outsideActors } from '../data/links.ts';
import { PALETTES } from '../data/palette.ts';
import { colourByCountry, countsByCountry, legendSteps } from '../data/selectors.ts';
import { countryCodes, countryName, outsideAnchor } from '../data/story.ts';
import { asOfMonth, type Month } from '../data/timeline.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import type { Lang } from '../i18n/strings.ts';
import type { ImageRequest as ViewImageRequest } from '../state/image-request.ts';
import { applyMapState } from './apply.ts';
import { type Boundaries, loadBoundaries } from './boundaries.ts';
import { compose, composeFeatures, compositionConfig, labelExtents, PADDING } from './composition.ts';
import { layoutLabels, type Rect } from './label-layout.ts';
import { type LinkInput, MARKER, placeLinkGeometry } from './link-layout.ts';
import { buildStyle, hatchImage, hatchImageId } from './map-style.ts';
import { SvgMap } from './svg-map.ts';

export interface ImageRequest extends ViewImageRequest {
  /** Injected in tests; else fetched like the live map's. */
  boundaries?: Boundaries;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Helvetica Neue&quot;, Arial, sans-serif';

/** The page's colours (styles.css) for the text and marks drawn over the map, per theme. */
const INK = {
  light: {
    bg: '#ffffff',
    text: '#1d1d1b',
    muted: '#5c5a55',
    labelBg: '#ffffff',
    labelBorder: '#8e8e8d',
    link: '#b3261e',
    linkText: '#ffffff',
  },
  dark: {
    bg: '#16181b',
    text: '#ecebe8',
    muted: '#b5b1aa',
    labelBg: '#16181b',
    labelBorder: '#8f8e8c',
    link: '#ff8a7a',
    linkText: '#16181b',
  },
} as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Text width estimate for system sans-serif (no layout engine needed; generous, so nothing clips). */
const textWidth = (s: string, size: number, bold = false) => s.length * size * (bold ? 0.67 : 0.58);

function wrap(text: string, size: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width) {
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

/** The file name: what it is, the month shown, the language, and the variant when there is one. */
export function imageFileName(
  title: string,
  month: Month,
  lang: Lang,
  ext: 'png' | 'svg',
  variant?: { width: number; height: number },
): string {
  return `${titleSlug(title)}-${month}-${lang}${variant ? `-${variant.width}x${variant.height}` : ''}.${ext}`;
}

/**
 * The title's part before the colon, without a leading article, in lower-case ASCII words joined
 * by hyphens ("The CECOT effect: …" → "cecot-effect"; "El efecto CECOT: …" → "efecto-cecot").
 */
export function titleSlug(title: string): string {
  const head = (title.split(':')[0] ?? title)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^\s*(the|a|an|el|la|los|las|un|una|lo)\s+/, '');
  return (
    head
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'map'
  );
}

/** Waits for the renderer's `load` (it fires on the next task, like MapLibre's). */
const loaded = (map: SvgMap) => new Promise<void>((resolve) => map.once('load', () => resolve()));

export async function renderImageSvg(req: ImageRequest): Promise<string> {
  const { data, strings: t, lang, theme, width: W, height: H } = req;
  const ink = INK[theme];
  const palette = PALETTES[theme];
  const boundaries = req.boundaries ?? (await loadBoundaries());
  const month = req.date ?? asOfMonth(data);
  const counts = countsByCountry(data, req.activeTypes, month);
  const colours = colourByCountry(counts, theme);
  // What the map will draw besides the countries: the legend keys them.
  const facilities = mappedFacilities(data, month).filter((x) => x.exists && req.activeTypes.includes(x.type));
  const shownLinks = req.links ? linksShownAt(data, month) : [];

  // --- type scale and the bands above and below the map ------------------------------------------
  const f = Math.min(22, Math.max(11, Math.min(W, H * 1.5) / 52));
  const pad = Math.round(f);
  const inner = W - 2 * pad;
  const titleSize = f * 1.5;
  const titleLines = wrap(data.meta.title[lang], titleSize, inner, true).slice(0, 3);
  const dateLine = `${t.imageMonthShown.replace('{month}', formatDate(month, lang))} · ${t.asOf} ${formatDate(data.meta.asOf, lang)}`;
  const dateSize = f * 0.95;
  const dateLines = wrap(dateLine, dateSize, inner).slice(0, 2);
  let y = pad + titleSize;
  const header: string[] = [textLines(titleLines, pad, y, titleSize, ink.text, ' font-weight="700"')];
  y += (titleLines.length - 1) * titleSize * 1.25 + dateSize * 1.5;
  header.push(textLines(dateLines, pad, y, dateSize, ink.muted));
  y += (dateLines.length - 1) * dateSize * 1.25;
  const mapTop = Math.round(y + dateSize * 0.8);

  // Legend: its title, then "None" and the count steps in one row (wrapping when narrow).
  const active = req.activeTypes.length;
  const scope =
    active === data.meta.types.length
      ? t.legendAllTypes
      : t.legendSomeTypes.replace('{n}', String(active)).replace('{total}', String(data.meta.types.length));
  const legendSize = f * 0.85;
  const swatch = Math.round(f * 1.1);
  type Item = { label: string; fill: string } | { label: string; key: 'link' | 'facility' };
  const items: Item[] = [
    { label: t.legendNone, fill: `url(#export-hatch)` },
    ...legendSteps(theme).map((s) => ({ label: s.label, fill: s.colour })),
    ...(shownLinks.length > 0 ? [{ label: t.linksToggle, key: 'link' as const }] : []),
    ...(facilities.length > 0
      ? [{ label: data.story.facilityLegend[lang].replace(/[:：]\s*$/, ''), key: 'facility' as const }]
      : []),
  ];
  const itemWidths = items.map((i) => swatch + 6 + textWidth(i.label, legendSize) + f);
  const rows: number[][] = [[]];
  let rowWidth = 0;
  items.forEach((_, i) => {
    const w = itemWidths[i] as number;
    if (rowWidth + w > inner && rowWidth > 0) {
      rows.push([]);
      rowWidth = 0;
    }
    (rows[rows.length - 1] as number[]).push(i);
    rowWidth += w;
  });
  const creditSize = f * 0.72;
  // The credit, then the data's licence and version on lines of their own (never cut off).
  const creditLines = [
    ...wrap(data.meta.credit[lang], creditSize, inner).slice(0, 4),
    ...wrap(`${licenceLabel(data, lang)} · ${versionLabel(data, lang)}`, creditSize, inner),
  ];
  const footerHeight =
    pad * 0.6 + legendSize * 1.4 + rows.length * (swatch + 6) + creditLines.length * creditSize * 1.25 + pad * 0.8;
  const mapHeight = Math.max(40, Math.round(H - mapTop - footerHeight));
  const mapBottom = mapTop + mapHeight;

  // --- the map: the SVG renderer, in a detached container of the map band's size ----------------
  const container = document.createElement('div');
  // Detached elements have no layout: the renderer reads the frame's size from these.
  Object.defineProperty(container, 'clientWidth', { value: W });
  Object.defineProperty(container, 'clientHeight', { value: mapHeight });
  const config = compositionConfig(data.story.region);
  const composition = compose({ width: W, height: mapHeight }, config);
  const features = composeFeatures(boundaries.geojson, composition, config);
  const extents = labelExtents(features, countryCodes(data));
  const map = new SvgMap(container, {
    style: buildStyle(features, theme),
    bounds: composition.bounds,
    fitBoundsOptions: { padding: PADDING, animate: false },
    maxBounds: composition.maxBounds,
  });
  try {
    map.setMissingStyleImageResolver((id) => {
      for (const name of ['light', 'dark'] as const) if (id === hatchImageId(name)) map.addImage(id, hatchImage(name));
    });
    await loaded(map);
    applyMapState(
      map,
      { features },
      { theme, colours, selected: req.selected, hovered: null, canvasLabel: '', features },
    );
    map.fitBounds(composition.bounds, { padding: PADDING, animate: false });
    map.redraw();
    const drawn = container.querySelector('svg');
    const mapSvg = drawn ? new XMLSerializer().serializeToString(drawn) : '';

    // --- overlays, in the live map's order of precedence (place-overlays.ts) ----------------------
    const obstacles: Rect[] = [];
    const overlay: string[] = [];
    // Prison symbols: area by capacity, solid when operating, hollow and dashed otherwise.
    for (const fac of facilities) {
      if (fac.lon === undefined || fac.lat === undefined) continue;
      const p = map.project(composition.toComposed([fac.lon, fac.lat]));
      const values = (fac.capacity?.values ?? []).map((v) => v.value).filter((v): v is number => typeof v === 'number');
      const radius = values.length ? Math.max(4, facilityScale(data).radius(Math.max(...values))) : 5;
      const operating = fac.status === 'operating';
      overlay.push(
        `<circle cx="${r(p.x)}" cy="${r(p.y)}" r="${r(radius)}" stroke="${ink.text}" stroke-width="1.5" fill="${operating ? ink.text : 'none'}" fill-opacity="0.6"${operating ? '' : ' stroke-dasharray="2 2"'}/>`,
      );
      obstacles.push({ x: p.x - 12, y: p.y - 12, width: 24, height: 24 });
    }
    // The inset's caption (when the story has an inset), top left of its frame.
    const inset = data.story.region.inset;
    if (inset && composition.insetFrame) {
      const captionSize = f * 0.7;
      const [[west], [, north]] = composition.insetFrame;
      const top = map.project([west, north]);
      const caption = {
        x: Math.max(4, top.x + 4),
        y: Math.max(4, top.y + 4),
        width: textWidth(inset.caption[lang], captionSize),
        height: captionSize * 1.3,
      };
      overlay.push(
        `<text x="${r(caption.x)}" y="${r(caption.y + captionSize)}" font-size="${r(captionSize)}" fill="${ink.muted}" stroke="${palette.sea}" stroke-width="3" paint-order="stroke">${esc(inset.caption[lang])}</text>`,
      );
      obstacles.push(caption);
    }

    // Country labels: name and count in a pill, laid out by layoutLabels.
    const labelSize = Math.max(11, f * 0.8);
    const labelHeight = Math.round(labelSize * 2.1);
    const countWidth = (c: CountryCode) =>
      Math.max(labelHeight - 8, textWidth(String(counts[c] ?? 0), labelSize * 0.9) + 8);
    const labelWidth = (c: CountryCode) =>
      Math.round(8 + textWidth(countryName(data, c, lang), labelSize, true) + 5 + countWidth(c) + 4);
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
          height: labelHeight,
          extent,
        },
      ];
    });
    const boxes = layoutLabels(inputs, { width: W, height: mapHeight }, { obstacles });

    // Policy links (when shown): arcs between the label points, markers clear of everything.
    const linkMarks: string[] = [];
    if (shownLinks.length > 0) {
      const links: LinkInput[] = shownLinks.map(({ link, ended }) => ({
        id: link.id,
        from: link.from,
        to: link.to,
        mutual: link.mutual,
        ended,
      }));
      const tagSize = labelSize * 0.9;
      const tagSizes = Object.fromEntries(
        outsideActors(data, links).map((code) => [
          code,
          {
            width: Math.round(textWidth(countryName(data, code, lang), tagSize, true) + 12),
            height: Math.round(tagSize * 1.9),
          },
        ]),
      );
      const layout = placeLinkGeometry({
        links,
        labels: boxes,
        tagSizes,
        anchorOf: (code) => outsideAnchor(data, code),
        mainX: (lngLat) => map.project(composition.toMain(lngLat)).x,
        obstacles,
        frame: { width: W, height: mapHeight },
      });
      for (const [code, box] of Object.entries(layout.tags))
        linkMarks.push(
          `<rect x="${r(box.x)}" y="${r(box.y)}" width="${box.width}" height="${box.height}" rx="${r(box.height / 2)}" fill="${ink.link}"/>`,
          `<text x="${r(box.x + box.width / 2)}" y="${r(box.y + box.height / 2 + tagSize * 0.35)}" font-size="${r(tagSize)}" font-weight="600" text-anchor="middle" fill="${ink.linkText}">${esc(countryName(data, code, lang))}</text>`,
        );
      const arcs = layout.arcs.map(
        (a) =>
          `<path d="${a.d}" fill="none" stroke="${ink.link}" stroke-width="1.75" stroke-linecap="round"${a.ended ? ' stroke-dasharray="4 3" opacity="0.8"' : ''}${a.arrowStart ? ' marker-start="url(#export-arrow-start)"' : ''}${a.arrowEnd ? ' marker-end="url(#export-arrow)"' : ''}/>`,
      );
      const markers = layout.markers.map((m) => {
        const leader = m.leader
          ? `<line x1="${m.leader.x}" y1="${m.leader.y}" x2="${m.x}" y2="${m.y}" stroke="${ink.link}" stroke-dasharray="1 2"/>`
          : '';
        const s = MARKER / 2 - 3;
        const glyph = m.mutual
          ? `<path d="M${-s + 2},0 L${s - 2},0 M${-s + 5},-3 L${-s + 2},0 L${-s + 5},3 M${s - 5},-3 L${s - 2},0 L${s - 5},3" stroke="${ink.linkText}" stroke-width="1.5" fill="none"/>`
          : `<path d="M${-s + 3},-4 L${s - 2},0 L${-s + 3},4 z" fill="${ink.linkText}"/>`;
        return `${leader}<g transform="translate(${m.x} ${m.y}) rotate(${m.angle})"><circle r="${MARKER / 2 - 3}" fill="${ink.link}"${m.ended ? ' fill-opacity="0.7"' : ''}/>${glyph}</g>`;
      });
      linkMarks.unshift(...arcs);
      linkMarks.push(...markers);
    }

    const labels = boxes.map((b) => {
      const c = b.id as CountryCode;
      const name = countryName(data, c, lang);
      const isSelected = c === req.selected;
      const leader = b.callout
        ? `<line x1="${r(Math.min(Math.max(b.anchor.x, b.x), b.x + b.width))}" y1="${r(Math.min(Math.max(b.anchor.y, b.y), b.y + b.height))}" x2="${r(b.anchor.x)}" y2="${r(b.anchor.y)}" stroke="${ink.text}" stroke-width="1"/><circle cx="${r(b.anchor.x)}" cy="${r(b.anchor.y)}" r="2.5" fill="${ink.text}"/>`
        : '';
      const cw = countWidth(c);
      const ch = labelHeight - 8;
      const cx = b.x + b.width - 4 - cw;
      const empty = counts[c] === 0;
      return `${leader}<g data-country="${c}"><rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${labelHeight}" rx="${labelHeight / 2}" fill="${ink.labelBg}" fill-opacity="0.95" stroke="${isSelected ? ink.text : ink.labelBorder}" stroke-width="${isSelected ? 2 : 1}"/><text x="${r(b.x + 8)}" y="${r(b.y + labelHeight / 2 + labelSize * 0.35)}" font-size="${r(labelSize)}" font-weight="600" fill="${ink.text}">${esc(name)}</text><rect x="${r(cx)}" y="${r(b.y + 4)}" width="${r(cw)}" height="${ch}" rx="${ch / 2}" fill="${empty ? ink.labelBg : ink.text}" stroke="${ink.text}"/><text x="${r(cx + cw / 2)}" y="${r(b.y + labelHeight / 2 + labelSize * 0.32)}" font-size="${r(labelSize * 0.9)}" font-weight="600" text-anchor="middle" fill="${empty ? ink.text : ink.bg}">${counts[c] ?? 0}</text></g>`;
    });

    // --- the footer: legend and credit ------------------------------------------------------------
    let fy = mapBottom + pad * 0.6 + legendSize;
    const footer: string[] = [
      `<text x="${pad}" y="${r(fy)}" font-size="${r(legendSize)}" font-weight="600" fill="${ink.text}">${esc(`${t.legendTitle} (${scope})`)}</text>`,
    ];
    fy += legendSize * 0.4;
    for (const row of rows) {
      let x = pad;
      for (const i of row) {
        const item = items[i] as Item;
        const mid = fy + swatch / 2;
        footer.push(
          'fill' in item
            ? `<rect x="${r(x)}" y="${r(fy)}" width="${swatch}" height="${swatch}" fill="${item.fill}" stroke="${palette.zeroOutline}" stroke-width="0.5"/>`
            : item.key === 'link'
              ? `<path d="M${r(x)},${r(mid)} L${r(x + swatch)},${r(mid)}" stroke="${ink.link}" stroke-width="2" fill="none" marker-end="url(#export-arrow)"/>`
              : `<circle cx="${r(x + swatch / 2)}" cy="${r(mid)}" r="${r(swatch / 2 - 1)}" stroke="${ink.text}" stroke-width="1.5" fill="${ink.text}" fill-opacity="0.6"/>`,
          `<text x="${r(x + swatch + 6)}" y="${r(fy + swatch * 0.8)}" font-size="${r(legendSize)}" fill="${ink.text}">${esc(item.label)}</text>`,
        );
        x += itemWidths[i] as number;
      }
      fy += swatch + 6;
    }
    fy += creditSize;
    footer.push(textLines(creditLines, pad, fy, creditSize, ink.muted));

    const hatch = `<pattern id="export-hatch" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="${palette.hatchBase}"/><path d="M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5" stroke="${palette.hatchLine}" stroke-width="1"/></pattern>`;
    const arrow = (id: string, orient: string) =>
      `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="${orient}"><path d="M0,0 L10,5 L0,10 z" fill="${ink.link}"/></marker>`;
    return [
      `<svg xmlns="${SVG_NS}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" lang="${lang}">`,
      `<title>${esc(data.meta.title[lang])}</title>`,
      `<defs>${hatch}${arrow('export-arrow', 'auto')}${arrow('export-arrow-start', 'auto-start-reverse')}</defs>`,
      `<rect width="${W}" height="${H}" fill="${ink.bg}"/>`,
      ...header,
      `<svg x="0" y="${mapTop}" width="${W}" height="${mapHeight}" viewBox="0 0 ${W} ${mapHeight}" overflow="hidden">`,
      mapSvg.replace(/^<svg[^>]*>/, '<g>').replace(/<\/svg>$/, '</g>'),
      ...overlay,
      ...linkMarks,
      ...labels,
      '</svg>',
      ...footer,
      '</svg>',
    ].join('');
  } finally {
    map.remove();
  }
}
