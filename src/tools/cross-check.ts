/**
 * Checks that need more than one record or file (unique ids, measures in the right file, links
 * to real measures and sources, coordinates inside their country, every code and id one the
 * story declares).
 */

import { CORRECTABLE_FIELDS } from '../data/schema.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import { asRecord, type DataProblem, listOf } from './problems.ts';

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
  const problems: DataProblem[] = [];
  const story = asRecord(storyRead.json);
  const focusList = listOf(story?.countries).map(asRecord);
  const focusCodes = idsOf(story?.countries, 'code');
  const isCountryCode = (value: unknown): value is CountryCode =>
    typeof value === 'string' && focusCodes.includes(value);
  const prefixOf = new Map<string, string>();
  const boundsOf = new Map<string, BoundingBox>();
  for (const c of focusList) {
    if (typeof c?.code !== 'string') continue;
    if (typeof c.idPrefix === 'string') prefixOf.set(c.code, c.idPrefix);
    const b = asRecord(c.bounds);
    if (b && ['south', 'west', 'north', 'east'].every((k) => typeof b[k] === 'number'))
      boundsOf.set(c.code, b as unknown as BoundingBox);
  }
  const actorCodes = idsOf(story?.outsideActors, 'code');
  // Countries a policy link may name: the focus countries and the story's outside actors.
  const linkEndpoints = [...focusCodes, ...actorCodes];
  /** Each value listed more than once in `list`, reported at its second and later uses. */
  const repeated = (file: string, list: string[], path: string, message: string) => {
    const seen = new Set<string>();
    for (const v of list) {
      if (seen.has(v)) problems.push({ file, record: v, path, message });
      seen.add(v);
    }
  };
  repeated(storyRead.file, focusCodes, 'countries', 'country is listed twice');
  repeated(storyRead.file, [...prefixOf.values()], 'countries', 'id prefix is listed twice');
  repeated(storyRead.file, idsOf(story?.linkKinds), 'linkKinds', 'link kind is listed twice');
  for (const code of actorCodes)
    if (focusCodes.includes(code))
      problems.push({
        file: storyRead.file,
        record: code,
        path: 'outsideActors',
        message: 'is a focus country; an outside actor must be another country',
      });
  const inset = asRecord(asRecord(story?.region)?.inset);
  if (
    typeof inset?.minMagnification === 'number' &&
    typeof inset.maxMagnification === 'number' &&
    inset.minMagnification > inset.maxMagnification
  )
    problems.push({
      file: storyRead.file,
      record: null,
      path: 'region.inset.maxMagnification',
      message: `must be at least minMagnification (${inset.minMagnification}); found ${inset.maxMagnification}`,
    });

  const meta = asRecord(metaJson);
  const typeIds = idsOf(meta?.types);
  // Texts `npm run story:new` left for an editor to write (a story is not done while one remains),
  // and control characters.
  problems.push(...textProblems(storyRead.json, storyRead.file), ...textProblems(metaJson, metaFile));
  for (const { file, json } of read) problems.push(...textProblems(json, file));
  const kindIds = idsOf(story?.linkKinds);
  interface Occurrence {
    file: string;
    code: CountryCode;
    sources: Set<number>;
  }
  const occurrences = new Map<string, Occurrence[]>();
  for (const { code, file, json } of read) {
    const fileCountry = asRecord(json)?.country;
    if (isCountryCode(fileCountry) && fileCountry !== code)
      problems.push({
        file,
        record: null,
        path: 'country',
        message: `is "${fileCountry}" but the file name says ${code}`,
      });
    for (const item of listOf(asRecord(json)?.measures)) {
      const m = asRecord(item);
      if (typeof m?.id !== 'string') continue;
      // Coordinates must fall inside the country's rough box (catches a swapped sign or lat/lon).
      const location = asRecord(m.location);
      // (Out-of-range degrees are the schema's to report.)
      const box = typeof m.country === 'string' ? boundsOf.get(m.country) : undefined;
      if (
        box &&
        typeof location?.lat === 'number' &&
        typeof location.lon === 'number' &&
        Math.abs(location.lat) <= 90 &&
        Math.abs(location.lon) <= 180
      ) {
        if (!inBounds(box, location.lat, location.lon))
          problems.push({
            file,
            record: m.id,
            path: 'location',
            message: `lat ${location.lat}, lon ${location.lon} is outside ${m.country} (lat ${box.south} to ${box.north}, lon ${box.west} to ${box.east}); check the sign and the order`,
          });
      }
      if (typeof m.type === 'string' && typeIds.length > 0 && !typeIds.includes(m.type))
        problems.push({
          file,
          record: m.id,
          path: 'type',
          message: `must be one of the types in ${metaFile} (${typeIds.join(', ')}); found "${m.type}"`,
        });
      const sources = new Set(
        listOf(m.sources).flatMap((s) => (typeof asRecord(s)?.n === 'number' ? [asRecord(s)?.n as number] : [])),
      );
      const list = occurrences.get(m.id) ?? [];
      list.push({ file, code, sources });
      occurrences.set(m.id, list);
      if (isCountryCode(m.country) && m.country !== code)
        problems.push({
          file,
          record: m.id,
          path: 'country',
          message: `is "${m.country}" but the file is for ${code}`,
        });
    }
  }
  // A repeated id is reported where it does not belong: the first use is the one in the file its
  // prefix names ("sv-" → slv.json), else the earliest; every other use is the mistake.
  const byId = new Map<string, Occurrence>();
  for (const [id, list] of occurrences) {
    const first = list.find((o) => id.startsWith(`${prefixOf.get(o.code)}-`)) ?? (list[0] as Occurrence);
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

  if (!meta) return problems;
  for (const [collection, what] of [
    ['types', 'type'],
    ['statuses', 'status'],
    ['links', 'link'],
  ] as const)
    repeated(metaFile, idsOf(meta[collection]), 'id', `${what} id is listed twice`);
  // An unreadable country file may hold the measure a link names: say nothing rather than guess.
  const allRead = read.every((c) => c.json !== undefined);
  for (const [l, item] of listOf(meta.links).entries()) {
    const link = asRecord(item);
    const record = typeof link?.id === 'string' ? link.id : `links[${l}]`;
    // Endpoints: a focus country or one of the story's outside actors.
    for (const end of ['from', 'to'] as const)
      for (const [i, code] of listOf(link?.[end]).entries())
        if (typeof code === 'string' && /^[A-Z]{3}$/.test(code) && story && !linkEndpoints.includes(code))
          problems.push({
            file: metaFile,
            record,
            path: `${end}[${i}]`,
            message: `must be one of ${linkEndpoints.join(', ')} (story.json countries and outsideActors); found "${code}"`,
          });
    if (typeof link?.kind === 'string' && story && !kindIds.includes(link.kind))
      problems.push({
        file: metaFile,
        record,
        path: 'kind',
        message: `must be one of the link kinds in story.json (${kindIds.join(', ') || 'none listed'}); found "${link.kind}"`,
      });
    for (const [i, refItem] of listOf(link?.refs).entries()) {
      const ref = asRecord(refItem);
      if (typeof ref?.measure !== 'string') continue;
      const m = byId.get(ref.measure);
      if (!m) {
        if (allRead)
          problems.push({
            file: metaFile,
            record,
            path: `refs[${i}].measure`,
            message: `no measure has the id "${ref.measure}"`,
          });
        continue;
      }
      for (const [k, n] of listOf(ref.sources).entries())
        if (typeof n === 'number' && !m.sources.has(n))
          problems.push({
            file: metaFile,
            record,
            path: `refs[${i}].sources[${k}]`,
            message: `measure "${ref.measure}" has no source ${n}`,
          });
    }
  }
  // A correction names what it touched: a measure, a link, or a dataset-wide field.
  const linkIds = idsOf(meta.links);
  const correctable: readonly string[] = CORRECTABLE_FIELDS;
  for (const [c, item] of listOf(meta.corrections).entries())
    for (const [i, id] of listOf(asRecord(item)?.ids).entries())
      if (typeof id === 'string' && allRead && !byId.has(id) && !linkIds.includes(id) && !correctable.includes(id))
        problems.push({
          file: metaFile,
          record: null,
          path: `corrections[${c}].ids[${i}]`,
          message: `"${id}" is not a measure id, a link id or one of ${CORRECTABLE_FIELDS.join(', ')}`,
        });
  const incarceration = asRecord(meta.incarceration);
  const rateSources = new Set(listOf(incarceration?.sources).map((s) => asRecord(s)?.n));
  for (const [r, item] of listOf(incarceration?.rows).entries()) {
    const row = asRecord(item);
    if (typeof row?.country === 'string' && story && !isCountryCode(row.country))
      problems.push({
        file: metaFile,
        record: row.country,
        path: `incarceration.rows[${r}].country`,
        message: `must be one of the story's countries (${focusCodes.join(', ')}); found "${row.country}"`,
      });
    for (const key of ['wpb', 'oasAllPersons', 'oasAdults'] as const)
      for (const [k, s] of listOf(asRecord(row?.[key])?.sources).entries())
        if (typeof s === 'string' && !rateSources.has(s))
          problems.push({
            file: metaFile,
            record: typeof row?.country === 'string' ? row.country : `rows[${r}]`,
            path: `${key}.sources[${k}]`,
            message: `source ${s} is not in incarceration.sources`,
          });
  }
  return problems;
}
