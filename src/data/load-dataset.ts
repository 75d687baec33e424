/**
 * Reads and validates the data files (Node only: the build, `npm run check-data` and the tests use
 * it; the browser receives the validated result through the `virtual:policy-data` module).
 * Every problem in every file is collected and reported with file, record id, field path and
 * reason; nothing is ever dropped silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { COUNTRY_BOUNDS, inBounds } from './bounds.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { CountryFile, Dataset } from './schema.ts';
import { type CountryCode, FOCUS_COUNTRIES } from './vocabulary.ts';

/** The content folder (a path string, so it also resolves under jsdom, whose URL class Node refuses). */
export const CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'content');

export interface DataProblem {
  file: string;
  /** Line and column in the file, for JSON syntax errors. */
  line?: number;
  column?: number;
  /** Id of the record the problem is in ("sv-cecot", "L3"), or null for the file itself. */
  record: string | null;
  /** Field path inside the record (or file), e.g. "figures[0].values[0].unit.en". */
  path: string;
  message: string;
}

export interface PolicyData {
  meta: Dataset;
  /** One entry per focus country, in `FOCUS_COUNTRIES` order. */
  countries: CountryFile[];
}

export class DataError extends Error {
  constructor(readonly problems: DataProblem[]) {
    super(
      `Invalid data (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map(formatProblem).join('\n')}`,
    );
    this.name = 'DataError';
  }
}

export function formatProblem(p: DataProblem): string {
  const file = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  const where = [file, p.record ? `record "${p.record}"` : null, p.path || null].filter(Boolean).join(' › ');
  return `  ${where}: ${p.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/** Collections whose items have an id: a problem inside one is reported against that id. */
const RECORD_COLLECTIONS = new Set(['measures', 'links', 'types', 'statuses', 'rows', 'sources']);

function locate(json: unknown, path: readonly PropertyKey[]): { record: string | null; path: string } {
  const [collection, index, ...rest] = path;
  if (typeof collection === 'string' && RECORD_COLLECTIONS.has(collection) && typeof index === 'number') {
    const item = asRecord(listOf(asRecord(json)?.[collection])[index]);
    const id = item?.id ?? item?.country ?? item?.n;
    const record = typeof id === 'string' || typeof id === 'number' ? String(id) : `${collection}[${index}]`;
    return { record, path: formatPath(rest) };
  }
  return { record: null, path: formatPath(path) };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object { … }',
  array: 'a list [ … ]',
  null: 'null',
};

/** A value as an editor would describe it: `text "2000"`, `the number 3`, `a list of 2`. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `text ${quote(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  return 'an object { … }';
}

function quote(text: string): string {
  return JSON.stringify(text.length > 140 ? `${text.slice(0, 140)}…` : text);
}

/** "found …" for a value that failed a check on its content (not its type). */
function shown(value: unknown): string {
  return typeof value === 'string' ? quote(value) : describe(value);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One zod issue in an editor's words: what was expected and what was found. The schema's own
 * messages (always lower-case) are kept; zod's generic ones ("Invalid input: …") are replaced.
 */
function humanize(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string }[] {
  const path = [...issue.path];
  const input = (issue as { input?: unknown }).input;
  const own = /^[a-z]/.test(issue.message) ? issue.message : undefined;
  const withFound = (expected: string) => `${expected}; found ${shown(input)}`;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (input === undefined) {
        const last = path.at(-1);
        if (last === 'en') return [{ path, message: 'English text missing' }];
        if (last === 'es') return [{ path, message: 'Spanish text missing' }];
        return [{ path, message: `is missing (expected ${expected})` }];
      }
      return [{ path, message: `expected ${expected}, found ${describe(input)}` }];
    }
    case 'invalid_value':
      return [
        {
          path,
          message: withFound(
            issue.values.length === 1
              ? `must be ${JSON.stringify(issue.values[0])}`
              : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
          ),
        },
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: 'is not a known field here (misspelt, or in the wrong place?)',
      }));
    case 'too_small':
    case 'too_big': {
      if (own) return [{ path, message: withFound(own) }];
      const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const exact = (issue as { exact?: boolean }).exact;
      const small = issue.code === 'too_small';
      let expected: string;
      if (issue.origin === 'array')
        expected = exact
          ? `must have exactly ${plural(bound, 'item')}`
          : `needs ${small ? 'at least' : 'at most'} ${plural(bound, 'item')}`;
      else if (issue.origin === 'string')
        expected =
          small && bound === 1
            ? 'must not be empty'
            : `must be ${small ? 'at least' : 'at most'} ${plural(bound, 'character')}`;
      else
        expected = `must be ${small ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than'} ${bound}`;
      return [{ path, message: withFound(expected) }];
    }
    case 'invalid_format':
      return [{ path, message: withFound(own ?? `must match the pattern ${issue.pattern ?? issue.format}`) }];
    case 'custom': {
      // Checks on one value show it; checks on a whole record say in their message what they found.
      const primitive = input === null || (typeof input !== 'object' && input !== undefined);
      return [{ path, message: primitive ? withFound(own ?? issue.message) : (own ?? issue.message) }];
    }
    default:
      return [{ path, message: own ?? `${issue.message}; found ${shown(input)}` }];
  }
}

function zodProblems(file: string, json: unknown, error: z.ZodError): DataProblem[] {
  return error.issues.flatMap((issue) =>
    humanize(issue).map(({ path, message }) => ({ file, ...locate(json, path), message })),
  );
}

function readJson(path: string, file: string, problems: DataProblem[]): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    problems.push({ file, record: null, path: '', message: `cannot read file (${(e as Error).message})` });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const error = findJsonSyntaxError(text);
    problems.push({
      file,
      ...(error ? { line: error.line, column: error.column } : {}),
      record: null,
      path: '',
      message: `is not valid JSON: ${error ? error.message : (e as Error).message}`,
    });
    return undefined;
  }
}

/** Two-letter prefix of measure ids by country ("sv-cecot" belongs in slv.json). */
const ID_PREFIX: Record<CountryCode, string> = { GTM: 'gt', SLV: 'sv', HND: 'hn', CRI: 'cr', ECU: 'ec', CHL: 'cl' };

/** A country file as read, whether or not it passed the schema. */
interface ReadCountryFile {
  code: CountryCode;
  file: string;
  /** The parsed JSON; undefined when the file is missing or is not valid JSON. */
  json: unknown;
}

const isCountryCode = (value: unknown): value is CountryCode =>
  typeof value === 'string' && (FOCUS_COUNTRIES as readonly string[]).includes(value);

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Countries a policy link may name: the focus countries and the United States. */
const LINK_ENDPOINTS: readonly string[] = [...FOCUS_COUNTRIES, 'USA'];

/**
 * Checks that need more than one record or file: unique ids, measures in the right file, links
 * pointing at real measures and sources. They run on everything that parsed as JSON, even where the
 * schema found problems, and read it defensively; values of the wrong type are the schema's to report.
 */
function crossCheck(metaJson: unknown, metaFile: string, read: ReadCountryFile[]): DataProblem[] {
  const problems: DataProblem[] = [];
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
      if (
        isCountryCode(m.country) &&
        typeof location?.lat === 'number' &&
        typeof location.lon === 'number' &&
        Math.abs(location.lat) <= 90 &&
        Math.abs(location.lon) <= 180
      ) {
        const box = COUNTRY_BOUNDS[m.country];
        if (!inBounds(box, location.lat, location.lon))
          problems.push({
            file,
            record: m.id,
            path: 'location',
            message: `lat ${location.lat}, lon ${location.lon} is outside ${m.country} (lat ${box.south} to ${box.north}, lon ${box.west} to ${box.east}); check the sign and the order`,
          });
      }
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
    const first = list.find((o) => id.startsWith(`${ID_PREFIX[o.code]}-`)) ?? (list[0] as Occurrence);
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

  const meta = asRecord(metaJson);
  if (!meta) return problems;
  const unique = (collection: string, what: string) => {
    const seen = new Set<string>();
    for (const item of listOf(meta[collection])) {
      const id = asRecord(item)?.id;
      if (typeof id !== 'string') continue;
      if (seen.has(id))
        problems.push({ file: metaFile, record: id, path: 'id', message: `${what} id is listed twice` });
      seen.add(id);
    }
  };
  unique('types', 'type');
  unique('statuses', 'status');
  unique('links', 'link');
  // An unreadable country file may hold the measure a link names: say nothing rather than guess.
  const allRead = read.every((c) => c.json !== undefined);
  for (const [l, item] of listOf(meta.links).entries()) {
    const link = asRecord(item);
    const record = typeof link?.id === 'string' ? link.id : `links[${l}]`;
    // Endpoints: a focus country or the United States, the only other country the brief links.
    for (const end of ['from', 'to'] as const)
      for (const [i, code] of listOf(link?.[end]).entries())
        if (typeof code === 'string' && /^[A-Z]{3}$/.test(code) && !LINK_ENDPOINTS.includes(code))
          problems.push({
            file: metaFile,
            record,
            path: `${end}[${i}]`,
            message: `must be one of ${LINK_ENDPOINTS.join(', ')}; found "${code}"`,
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
  const incarceration = asRecord(meta.incarceration);
  const rateSources = new Set(listOf(incarceration?.sources).map((s) => asRecord(s)?.n));
  for (const [r, item] of listOf(incarceration?.rows).entries()) {
    const row = asRecord(item);
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

/** The `$schema` key only tells editors where the JSON Schema is; the app never sees it. */
function withoutSchemaKey<T extends { $schema?: string }>(value: T): Omit<T, '$schema'> {
  const { $schema: _, ...rest } = value;
  return rest;
}

/**
 * Loads `dataset.json` and one `measures/<iso3>.json` per focus country from `dir`.
 * @throws DataError listing every problem found.
 */
export function loadPolicyData(dir: string = CONTENT_DIR): PolicyData {
  const problems: DataProblem[] = [];
  const rel = (p: string) => relative(process.cwd(), p) || p;

  const metaPath = join(dir, 'dataset.json');
  const metaFile = rel(metaPath);
  const metaJson = readJson(metaPath, metaFile, problems);
  let meta: Dataset | undefined;
  if (metaJson !== undefined) {
    const r = Dataset.safeParse(metaJson, { reportInput: true });
    if (r.success) meta = r.data;
    else problems.push(...zodProblems(metaFile, metaJson, r.error));
  }

  const measuresDir = join(dir, 'measures');
  const present = new Set(readdirSync(measuresDir).filter((f) => f.endsWith('.json')));
  const countries: CountryFile[] = [];
  const read: ReadCountryFile[] = [];
  for (const code of FOCUS_COUNTRIES) {
    const name = `${code.toLowerCase()}.json`;
    const path = join(measuresDir, name);
    const file = rel(path);
    if (!present.delete(name)) {
      problems.push({
        file,
        record: null,
        path: '',
        message: `is missing: every focus country needs a file (${code})`,
      });
      read.push({ code, file, json: undefined });
      continue;
    }
    const json = readJson(path, file, problems);
    read.push({ code, file, json });
    if (json === undefined) continue;
    const r = CountryFile.safeParse(json, { reportInput: true });
    if (r.success) countries.push(r.data);
    else problems.push(...zodProblems(file, json, r.error));
  }
  for (const extra of present)
    problems.push({
      file: rel(join(measuresDir, extra)),
      record: null,
      path: '',
      message: `is not a focus country's file (expected one of ${FOCUS_COUNTRIES.map((c) => `${c.toLowerCase()}.json`).join(', ')})`,
    });

  problems.push(...crossCheck(metaJson, metaFile, read));
  if (problems.length > 0 || !meta) {
    // Grouped by file, in the order the files are read; within a file, in the order found.
    const order = [metaFile, ...read.map((c) => c.file)];
    const rank = (p: DataProblem) => (order.includes(p.file) ? order.indexOf(p.file) : order.length);
    throw new DataError(
      problems
        .map((p, i) => ({ p, i }))
        .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
        .map((x) => x.p),
    );
  }
  return { meta: withoutSchemaKey(meta), countries: countries.map(withoutSchemaKey) };
}
