/**
 * `npm run story:new -- <folder> <ISO codes…>`: starts a new story in an empty content folder, for
 * the countries given (ISO 3166-1 alpha-3, in display order): story.json with each country's name
 * (CLDR, English and Spanish), id prefix and a generous box around it, the region framing them and
 * the boundary box around that (from Natural Earth, as `npm run geo` uses); dataset.json with one
 * example measure type and the standard status labels; an empty measures file per country; and the
 * boundary file. Every text an editor must write is "TODO: …", which `npm run check-data` refuses,
 * so a story cannot be published half-written. README, "A new story", walks through the rest.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-50m.json' with { type: 'json' };
import { formatJson } from '../src/tools/csv/json-format.ts';
import { CONTENT_DIR, loadPolicyData } from '../src/tools/load-dataset.ts';
import { BOUNDARIES_FILE, buildBoundaries, ringArea } from './build-boundaries.ts';
import { REGION_COUNTRIES } from './region-countries.ts';

type Ring = [number, number][];
type Box = { west: number; south: number; east: number; north: number };

const round1 = (v: number) => Math.round(v * 10) / 10;
const TODO = (what: string) => ({ en: `TODO: ${what}`, es: `TODO: ${what} (en español)` });

function boxOf(rings: Ring[]): Box {
  const b = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const ring of rings)
    for (const [x, y] of ring) {
      b.west = Math.min(b.west, x);
      b.east = Math.max(b.east, x);
      b.south = Math.min(b.south, y);
      b.north = Math.max(b.north, y);
    }
  return b;
}

const grow = (b: Box, d: number): Box => ({
  west: round1(Math.max(-180, b.west - d)),
  south: round1(Math.max(-85, b.south - d)),
  east: round1(Math.min(180, b.east + d)),
  north: round1(Math.min(85, b.north + d)),
});

/** Writes a new story for `codes` into `dir` (which must be empty or new). Returns the files written. */
export function newStory(dir: string, codes: string[]): string[] {
  if (codes.length === 0) throw new Error('give the countries as ISO 3166-1 alpha-3 codes, e.g. PER BOL COL ECU');
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice) throw new Error(`${twice} is given twice: give each country once`);
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new Error(`${dir} is not empty: a new story needs an empty folder`);
  const byIso3 = new Map(Object.entries(REGION_COUNTRIES).map(([numeric, [a2, a3]]) => [a3, { numeric, a2 }]));
  const unknown = codes.filter((c) => !byIso3.has(c));
  if (unknown.length)
    throw new Error(
      `unknown or unsupported country code: ${unknown.join(', ')} (the map knows Latin America and the Caribbean; see geo/region-countries.ts)`,
    );
  const worldTopo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const shapes = feature(worldTopo, worldTopo.objects.countries).features;
  const names = {
    en: new Intl.DisplayNames(['en'], { type: 'region' }),
    es: new Intl.DisplayNames(['es'], { type: 'region' }),
  };

  const countries = codes.map((code) => {
    const { numeric, a2 } = byIso3.get(code) as { numeric: string; a2: string };
    const f = shapes.find((s) => String(s.id) === numeric);
    if (!f?.geometry) throw new Error(`${code}: no shape in Natural Earth 1:50m`);
    const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
    const mainland = polygons.reduce((a, b) => (ringArea(b[0] as Ring) > ringArea(a[0] as Ring) ? b : a));
    return {
      code,
      name: { en: names.en.of(a2) ?? code, es: names.es.of(a2) ?? code },
      idPrefix: a2.toLowerCase(),
      // Every island included, with a margin: a coordinate outside it is refused as a typo.
      bounds: grow(boxOf(polygons.flat()), 0.5),
      mainland: boxOf(mainland),
    };
  });
  // The main map frames the countries' mainlands (far islands would shrink everything else).
  const all = boxOf(
    countries.map((c) => [
      [c.mainland.west, c.mainland.south] as [number, number],
      [c.mainland.east, c.mainland.north] as [number, number],
    ]),
  );
  const main = grow(all, 0.5);
  // The boundaries reach well past the region on every side, so that a frame of any shape (a wide
  // laptop frame around a tall region, a tall phone frame around a wide one) shows no cut edge.
  const span = Math.max(main.east - main.west, main.north - main.south);
  const around = grow(main, Math.max(5, span * 0.75));
  const story = {
    $schema: relative(dir, join(CONTENT_DIR, 'schema', 'story.schema.json')),
    languages: ['en', 'es'],
    countries: countries.map(({ mainland: _, ...c }) => c),
    outsideActors: [],
    region: {
      main: [
        [main.west, main.south],
        [main.east, main.north],
      ],
      inset: null,
      boundaries: {
        box: [
          [around.west, around.south],
          [around.east, around.north],
        ],
      },
    },
    linkKinds: [{ id: 'visit', label: { en: 'Visit', es: 'Visita' } }],
    facilityLegend: TODO('legend line for prison symbols, e.g. "Prisons with known locations, by capacity:"'),
  };
  const shipped = loadPolicyData(CONTENT_DIR);
  const dataset = {
    $schema: relative(dir, join(CONTENT_DIR, 'schema', 'dataset.schema.json')),
    title: TODO('the headline'),
    dek: TODO('one sentence under the headline'),
    // Not today's date: the day the facts are current to is the editor's to say (the check refuses this).
    asOf: 'TODO: the date the facts are current to, as YYYY-MM-DD',
    credit: TODO('sources and credit line'),
    // The shipped story's licence for the data (editable); the methods note's sections, to write.
    licence: shipped.meta.licence,
    methods: shipped.meta.methods.map((m) => ({
      id: m.id,
      heading: m.heading,
      text: TODO(`the methods note's section "${m.heading.en}"`),
    })),
    corrections: [],
    types: [
      {
        id: 'example-type',
        label: TODO('name of a measure type'),
        colour: '#0072b2',
        description: TODO('one line on what this type covers'),
      },
    ],
    // The lifecycle statuses the time model knows, with the standard labels (editable).
    statuses: shipped.meta.statuses,
    links: [],
    // The story told step by step (dataset.json `steps`, oldest first): none yet.
    steps: [],
  };
  const files: [string, unknown][] = [
    ['story.json', story],
    ['dataset.json', dataset],
    ...countries.map(
      (c) =>
        [
          `measures/${c.code.toLowerCase()}.json`,
          {
            $schema: relative(join(dir, 'measures'), join(CONTENT_DIR, 'schema', 'country.schema.json')),
            country: c.code,
            summary: TODO(`one line on ${c.name.en} for its panel`),
            measures: [],
          },
        ] as [string, unknown],
    ),
  ];
  mkdirSync(join(dir, 'measures'), { recursive: true });
  for (const [name, value] of files) writeFileSync(join(dir, name), formatJson(value));
  writeFileSync(
    join(dir, BOUNDARIES_FILE),
    buildBoundaries({ focus: codes, box: story.region.boundaries.box as [[number, number], [number, number]] }),
  );
  return [...files.map(([name]) => name), BOUNDARIES_FILE];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [folder, ...codes] = process.argv.slice(2);
  if (!folder) {
    console.error('Usage: npm run story:new -- <new content folder> <ISO alpha-3 codes, e.g. PER BOL COL ECU>');
    process.exit(2);
  }
  try {
    const dir = resolve(folder);
    const files = newStory(
      dir,
      codes.map((c) => c.toUpperCase()),
    );
    console.log(`Started a story in ${dir}: ${files.join(', ')}.\nNext: replace every "TODO" (README, "A new story").`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
