/**
 * Checks that need more than one record or file (unique ids, measures in the right file, links
 * to real measures and sources, coordinates inside their country, every code and id one the
 * story declares).
 */

import { CORRECTABLE_FIELDS } from '../data/schema.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import { asRecord, type DataProblem, listOf } from './problems.ts';
import { renamedTypeProblems } from './renamed-types.ts';
import { stepProblems } from './steps-check.ts';

interface BoundingBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

function inBounds(box: BoundingBox, lat: number, lon: number): boolean {
  return lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;
}

/** The story file as read (valid or not). */
export interface ReadStory {
  json: unknown;
  file: string;
}

/**
 * Calls `visit` with every string in a file as read, its record (the nearest enclosing object with
 * an id) and its path within that record, as the schema's problems are reported.
 */
function eachString(json: unknown, visit: (value: string, record: string | null, path: string) => void): void {
  const walk = (v: unknown, path: string, record: string | null): void => {
    if (typeof v === 'string') visit(v, record, path);
    else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, `${path}[${i}]`, record);
    } else if (v && typeof v === 'object') {
      const r = v as Record<string, unknown>;
      const own = path !== '' && typeof r.id === 'string' ? r.id : null;
      for (const [k, item] of Object.entries(r)) {
        if (own !== null) walk(item, k, own);
        else walk(item, path ? `${path}.${k}` : k, record);
      }
    }
  };
  walk(json, '', null);
}

/**
 * The first control character in `v` other than tab, line feed and carriage return (a NUL from a
 * bad paste or export), as its code; undefined when there is none.
 */
function controlCharacter(v: string): number | undefined {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return c;
  }
  return undefined;
}

/**
 * Texts no story may ship: one that still starts "TODO" (a placeholder from `npm run story:new`),
 * and one holding a control character.
 */
function textProblems(json: unknown, file: string): DataProblem[] {
  const out: DataProblem[] = [];
  eachString(json, (v, record, path) => {
    if (/^TODO\b/.test(v)) out.push({ file, record, path, message: `is still a placeholder ("${v}"): write the text` });
    const control = controlCharacter(v);
    if (control !== undefined)
      out.push({
        file,
        record,
        path,
        message: `contains a control character (U+${control.toString(16).toUpperCase().padStart(4, '0')}), which no text may hold: retype the text around it`,
      });
  });
  return out;
}

/** The string values of `key` in a list of records read defensively. */
const idsOf = (list: unknown, key = 'id'): string[] =>
  listOf(list).flatMap((item) => {
    const v = asRecord(item)?.[key];
    return typeof v === 'string' ? [v] : [];
  });

/** A country file as read, whether or not it passed the schema. */
export interface ReadCountryFile {
  code: CountryCode;
  file: string;
  /** The parsed JSON; undefined when the file is missing or is not valid JSON. */
  json: unknown;
}

/** What story.json declares, read defensively (all empty when it is not an object). */
interface StoryDeclares {
  /** story.json parsed as an object: the checks that need its lists run only then. */
  read: boolean;
  focusCodes: string[];
  prefixOf: Map<string, string>;
  boundsOf: Map<string, BoundingBox>;
  actorCodes: string[];
  /** Countries a policy link may name: the focus countries and the story's outside actors. */
  linkEndpoints: string[];
  kindIds: string[];
}

function storyDeclares(json: unknown): StoryDeclares {
  const story = asRecord(json);
  const focusCodes = idsOf(story?.countries, 'code');
  const prefixOf = new Map<string, string>();
  const boundsOf = new Map<string, BoundingBox>();
  for (const c of listOf(story?.countries).map(asRecord)) {
    if (typeof c?.code !== 'string') continue;
    if (typeof c.idPrefix === 'string') prefixOf.set(c.code, c.idPrefix);
    const b = asRecord(c.bounds);
    if (b && ['south', 'west', 'north', 'east'].every((k) => typeof b[k] === 'number'))
      boundsOf.set(c.code, b as unknown as BoundingBox);
  }
  const actorCodes = idsOf(story?.outsideActors, 'code');
  return {
    read: story !== undefined,
    focusCodes,
    prefixOf,
    boundsOf,
    actorCodes,
    linkEndpoints: [...focusCodes, ...actorCodes],
    kindIds: idsOf(story?.linkKinds),
  };
}

const isFocusCode = (s: StoryDeclares, value: unknown): value is CountryCode =>
  typeof value === 'string' && s.focusCodes.includes(value);

/** Each value listed more than once in `list`, reported at its second and later uses. */
function repeated(file: string, list: string[], path: string, message: string): DataProblem[] {
  const seen = new Set<string>();
  const out: DataProblem[] = [];
  for (const v of list) {
    if (seen.has(v)) out.push({ file, record: v, path, message });
    seen.add(v);
  }
  return out;
}

/** story.json on its own: codes, prefixes and link kinds listed once, outside actors, the inset. */
function storyProblems(storyRead: ReadStory, s: StoryDeclares): DataProblem[] {
  const file = storyRead.file;
  const problems = [
    ...repeated(file, s.focusCodes, 'countries', 'country is listed twice'),
    ...repeated(file, [...s.prefixOf.values()], 'countries', 'id prefix is listed twice'),
    ...repeated(file, s.kindIds, 'linkKinds', 'link kind is listed twice'),
  ];
  for (const code of s.actorCodes)
    if (s.focusCodes.includes(code))
      problems.push({
        file,
        record: code,
        path: 'outsideActors',
        message: 'is a focus country; an outside actor must be another country',
      });
  const inset = asRecord(asRecord(asRecord(storyRead.json)?.region)?.inset);
  if (
    typeof inset?.minMagnification === 'number' &&
    typeof inset.maxMagnification === 'number' &&
    inset.minMagnification > inset.maxMagnification
  )
    problems.push({
      file,
      record: null,
      path: 'region.inset.maxMagnification',
      message: `must be at least minMagnification (${inset.minMagnification}); found ${inset.maxMagnification}`,
    });
  return problems;
}

/** Where a measure id is used: its file, that file's country, and the source numbers it lists. */
interface Occurrence {
  file: string;
  code: CountryCode;
  sources: Set<number>;
}

/** The dataset's measure types, as the measures are checked against them. */
interface TypesIn {
  file: string;
  ids: string[];
}

/** Coordinates must fall inside the country's rough box (catches a swapped sign or lat/lon). */
function locationProblems(file: string, m: Record<string, unknown>, s: StoryDeclares): DataProblem[] {
  const location = asRecord(m.location);
  const box = typeof m.country === 'string' ? s.boundsOf.get(m.country) : undefined;
  // (Out-of-range degrees are the schema's to report.)
  if (
    !box ||
    typeof location?.lat !== 'number' ||
    typeof location.lon !== 'number' ||
    Math.abs(location.lat) > 90 ||
    Math.abs(location.lon) > 180 ||
    inBounds(box, location.lat, location.lon)
  )
    return [];
  return [
    {
      file,
      record: m.id as string,
      path: 'location',
      message: `lat ${location.lat}, lon ${location.lon} is outside ${m.country} (lat ${box.south} to ${box.north}, lon ${box.west} to ${box.east}); check the sign and the order`,
    },
  ];
}

/** One measure (with an id) in the file for `code`: its place, its type, its country. */
function measureProblems(
  file: string,
  code: CountryCode,
  m: Record<string, unknown> & { id: string },
  s: StoryDeclares,
  types: TypesIn,
): DataProblem[] {
  const problems = locationProblems(file, m, s);
  if (typeof m.type === 'string' && types.ids.length > 0 && !types.ids.includes(m.type))
    problems.push({
      file,
      record: m.id,
      path: 'type',
      message: `must be one of the types in ${types.file} (${types.ids.join(', ')}); found "${m.type}"`,
    });
  if (isFocusCode(s, m.country) && m.country !== code)
    problems.push({ file, record: m.id, path: 'country', message: `is "${m.country}" but the file is for ${code}` });
  return problems;
}

/** The country files: each names its own country and holds measures that belong there. */
function countryFileProblems(
  read: ReadCountryFile[],
  s: StoryDeclares,
  types: TypesIn,
): { problems: DataProblem[]; occurrences: Map<string, Occurrence[]> } {
  const problems: DataProblem[] = [];
  const occurrences = new Map<string, Occurrence[]>();
  for (const { code, file, json } of read) {
    const fileCountry = asRecord(json)?.country;
    if (isFocusCode(s, fileCountry) && fileCountry !== code)
      problems.push({
        file,
        record: null,
        path: 'country',
        message: `is "${fileCountry}" but the file name says ${code}`,
      });
    for (const item of listOf(asRecord(json)?.measures)) {
      const m = asRecord(item);
      if (typeof m?.id !== 'string') continue;
      const measure = m as Record<string, unknown> & { id: string };
      const sources = new Set(
        listOf(m.sources).flatMap((x) => (typeof asRecord(x)?.n === 'number' ? [asRecord(x)?.n as number] : [])),
      );
      occurrences.set(measure.id, [...(occurrences.get(measure.id) ?? []), { file, code, sources }]);
      problems.push(...measureProblems(file, code, measure, s, types));
    }
  }
  return { problems, occurrences };
}

/**
 * A repeated id is reported where it does not belong: the first use is the one in the file its
 * prefix names ("sv-" → slv.json), else the earliest; every other use is the mistake. Returns the
 * problems and, for each id, the use that counts.
 */
function repeatedIds(
  occurrences: Map<string, Occurrence[]>,
  s: StoryDeclares,
): { problems: DataProblem[]; byId: Map<string, Occurrence> } {
  const problems: DataProblem[] = [];
  const byId = new Map<string, Occurrence>();
  for (const [id, list] of occurrences) {
    const first = list.find((o) => id.startsWith(`${s.prefixOf.get(o.code)}-`)) ?? (list[0] as Occurrence);
    byId.set(id, first);
    for (const o of list)
      if (o !== first)
        problems.push({
          file: o.file,
          record: id,
          path: 'id',
          message: `is already used by ${o.file === first.file ? 'another measure in this file' : `a measure in ${first.file}`}; ids must be unique`,
        });
  }
  return { problems, byId };
}

/** What the dataset's checks need from the country files. */
interface MeasuresRead {
  byId: Map<string, Occurrence>;
  /** Every country file read: an unreadable one may hold the measure a link names (say nothing rather than guess). */
  allRead: boolean;
}

/** One link's endpoints and kind: ones the story declares. */
function linkDeclaredProblems(
  file: string,
  record: string,
  link: Record<string, unknown> | undefined,
  s: StoryDeclares,
): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const end of ['from', 'to'] as const)
    for (const [i, code] of listOf(link?.[end]).entries())
      if (typeof code === 'string' && /^[A-Z]{3}$/.test(code) && s.read && !s.linkEndpoints.includes(code))
        problems.push({
          file,
          record,
          path: `${end}[${i}]`,
          message: `must be one of ${s.linkEndpoints.join(', ')} (story.json countries and outsideActors); found "${code}"`,
        });
  if (typeof link?.kind === 'string' && s.read && !s.kindIds.includes(link.kind))
    problems.push({
      file,
      record,
      path: 'kind',
      message: `must be one of the link kinds in story.json (${s.kindIds.join(', ') || 'none listed'}); found "${link.kind}"`,
    });
  return problems;
}

/** One link's references: a real measure, and source numbers that measure lists. */
function linkRefProblems(
  file: string,
  record: string,
  link: Record<string, unknown> | undefined,
  measures: MeasuresRead,
): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const [i, refItem] of listOf(link?.refs).entries()) {
    const ref = asRecord(refItem);
    if (typeof ref?.measure !== 'string') continue;
    const m = measures.byId.get(ref.measure);
    if (!m) {
      if (measures.allRead)
        problems.push({ file, record, path: `refs[${i}].measure`, message: `no measure has the id "${ref.measure}"` });
      continue;
    }
    for (const [k, n] of listOf(ref.sources).entries())
      if (typeof n === 'number' && !m.sources.has(n))
        problems.push({
          file,
          record,
          path: `refs[${i}].sources[${k}]`,
          message: `measure "${ref.measure}" has no source ${n}`,
        });
  }
  return problems;
}

/** The policy links: endpoints and kinds the story declares, references to real measures and sources. */
function linkProblems(
  meta: Record<string, unknown>,
  file: string,
  s: StoryDeclares,
  measures: MeasuresRead,
): DataProblem[] {
  return listOf(meta.links).flatMap((item, l) => {
    const link = asRecord(item);
    const record = typeof link?.id === 'string' ? link.id : `links[${l}]`;
    return [...linkDeclaredProblems(file, record, link, s), ...linkRefProblems(file, record, link, measures)];
  });
}

/** A correction names what it touched: a measure, a link, or a dataset-wide field. */
function correctionProblems(meta: Record<string, unknown>, file: string, measures: MeasuresRead): DataProblem[] {
  const linkIds = idsOf(meta.links);
  const correctable: readonly string[] = CORRECTABLE_FIELDS;
  const problems: DataProblem[] = [];
  for (const [c, item] of listOf(meta.corrections).entries())
    for (const [i, id] of listOf(asRecord(item)?.ids).entries())
      if (
        typeof id === 'string' &&
        measures.allRead &&
        !measures.byId.has(id) &&
        !linkIds.includes(id) &&
        !correctable.includes(id)
      )
        problems.push({
          file,
          record: null,
          path: `corrections[${c}].ids[${i}]`,
          message: `"${id}" is not a measure id, a link id or one of ${CORRECTABLE_FIELDS.join(', ')}`,
        });
  return problems;
}

/** The incarceration rates: rows for the story's countries, citing listed rate sources. */
function incarcerationProblems(meta: Record<string, unknown>, file: string, s: StoryDeclares): DataProblem[] {
  const incarceration = asRecord(meta.incarceration);
  const rateSources = new Set(listOf(incarceration?.sources).map((x) => asRecord(x)?.n));
  const problems: DataProblem[] = [];
  for (const [r, item] of listOf(incarceration?.rows).entries()) {
    const row = asRecord(item);
    if (typeof row?.country === 'string' && s.read && !isFocusCode(s, row.country))
      problems.push({
        file,
        record: row.country,
        path: `incarceration.rows[${r}].country`,
        message: `must be one of the story's countries (${s.focusCodes.join(', ')}); found "${row.country}"`,
      });
    for (const key of ['wpb', 'oasAllPersons', 'oasAdults'] as const)
      for (const [k, x] of listOf(asRecord(row?.[key])?.sources).entries())
        if (typeof x === 'string' && !rateSources.has(x))
          problems.push({
            file,
            record: typeof row?.country === 'string' ? row.country : `rows[${r}]`,
            path: `${key}.sources[${k}]`,
            message: `source ${x} is not in incarceration.sources`,
          });
  }
  return problems;
}

/** dataset.json against itself, the story and the measures: ids once, links, corrections, rates. */
function datasetProblems(
  meta: Record<string, unknown>,
  file: string,
  s: StoryDeclares,
  measures: MeasuresRead,
): DataProblem[] {
  return [
    ...repeated(file, idsOf(meta.types), 'id', 'type id is listed twice'),
    ...repeated(file, idsOf(meta.statuses), 'id', 'status id is listed twice'),
    ...repeated(file, idsOf(meta.links), 'id', 'link id is listed twice'),
    ...linkProblems(meta, file, s, measures),
    ...correctionProblems(meta, file, measures),
    ...incarcerationProblems(meta, file, s),
  ];
}

/**
 * Checks that need more than one record or file: unique ids, measures in the right file, links
 * pointing at real measures and sources, codes and ids the story declares. They run on everything
 * that parsed as JSON, even where the schema found problems, and read it defensively; values of the
 * wrong type are the schema's to report.
 */
export function crossCheck(
  storyRead: ReadStory,
  metaJson: unknown,
  metaFile: string,
  read: ReadCountryFile[],
): DataProblem[] {
  const s = storyDeclares(storyRead.json);
  const meta = asRecord(metaJson);
  const types: TypesIn = { file: metaFile, ids: idsOf(meta?.types) };
  const files = countryFileProblems(read, s, types);
  const ids = repeatedIds(files.occurrences, s);
  return [
    ...storyProblems(storyRead, s),
    ...renamedTypeProblems(storyRead.json, storyRead.file, types.ids, metaFile),
    // Texts `npm run story:new` left for an editor to write (a story is not done while one remains),
    // and control characters.
    ...textProblems(storyRead.json, storyRead.file),
    ...textProblems(metaJson, metaFile),
    ...read.flatMap(({ file, json }) => textProblems(json, file)),
    ...files.problems,
    ...ids.problems,
    ...(meta
      ? datasetProblems(meta, metaFile, s, { byId: ids.byId, allRead: read.every((c) => c.json !== undefined) })
      : []),
    // The story's steps: named records, real sources, the slider's months, oldest first.
    ...stepProblems(storyRead.json, metaJson, metaFile, read),
  ];
}
