/**
 * Reads and validates the data files (Node only: the build, `npm run check-data` and the tests use
 * it; the browser receives the validated result through the `virtual:policy-data` module).
 * Every problem in every file is collected and reported with file, record id, field path and
 * reason; nothing is ever dropped silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { CountryFile, Dataset, type Measure } from './schema.ts';
import { type CountryCode, FOCUS_COUNTRIES } from './vocabulary.ts';

export const CONTENT_DIR = fileURLToPath(new URL('./content/', import.meta.url));

export interface DataProblem {
  file: string;
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
  const where = [p.file, p.record ? `record "${p.record}"` : null, p.path || null].filter(Boolean).join(' › ');
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
    const item = (json as Record<string, unknown[]> | null)?.[collection]?.[index] as
      | Record<string, unknown>
      | undefined;
    const id = item?.id ?? item?.country ?? item?.n;
    const record = typeof id === 'string' || typeof id === 'number' ? String(id) : `${collection}[${index}]`;
    return { record, path: formatPath(rest) };
  }
  return { record: null, path: formatPath(path) };
}

function zodProblems(file: string, json: unknown, error: z.ZodError): DataProblem[] {
  return error.issues.map((issue) => ({ file, ...locate(json, issue.path), message: issue.message }));
}

function readJson(path: string, file: string, problems: DataProblem[]): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    problems.push({ file, record: null, path: '', message: `cannot read file (${(e as Error).message})` });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    problems.push({ file, record: null, path: '', message: `is not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

/** Checks that need more than one record or file: unique ids, links pointing at real measures. */
function crossCheck(
  meta: Dataset,
  countries: CountryFile[],
  files: Map<CountryFile, string>,
  metaFile: string,
): DataProblem[] {
  const problems: DataProblem[] = [];
  const byId = new Map<string, Measure>();
  for (const c of countries) {
    const file = files.get(c) ?? '';
    for (const m of c.measures) {
      if (byId.has(m.id))
        problems.push({ file, record: m.id, path: 'id', message: 'is used by another measure; ids must be unique' });
      byId.set(m.id, m);
      if (m.country !== c.country)
        problems.push({
          file,
          record: m.id,
          path: 'country',
          message: `is "${m.country}" but the file is for ${c.country}`,
        });
    }
  }
  const unique = (ids: string[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id))
        problems.push({ file: metaFile, record: id, path: 'id', message: `${what} id is listed twice` });
      seen.add(id);
    }
  };
  unique(
    meta.types.map((t) => t.id),
    'type',
  );
  unique(
    meta.statuses.map((s) => s.id),
    'status',
  );
  unique(
    meta.links.map((l) => l.id),
    'link',
  );
  for (const link of meta.links) {
    link.refs.forEach((ref, i) => {
      const m = byId.get(ref.measure);
      if (!m) {
        problems.push({
          file: metaFile,
          record: link.id,
          path: `refs[${i}].measure`,
          message: `no measure has the id "${ref.measure}"`,
        });
        return;
      }
      for (const n of ref.sources)
        if (!m.sources.some((s) => s.n === n))
          problems.push({
            file: metaFile,
            record: link.id,
            path: `refs[${i}].sources`,
            message: `measure "${m.id}" has no source ${n}`,
          });
    });
  }
  const rateSources = new Set(meta.incarceration.sources.map((s) => s.n));
  for (const row of meta.incarceration.rows)
    for (const key of ['wpb', 'oasAllPersons', 'oasAdults'] as const)
      for (const s of row[key]?.sources ?? [])
        if (!rateSources.has(s))
          problems.push({
            file: metaFile,
            record: row.country,
            path: `${key}.sources`,
            message: `source ${s} is not in incarceration.sources`,
          });
  return problems;
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
    const r = Dataset.safeParse(metaJson);
    if (r.success) meta = r.data;
    else problems.push(...zodProblems(metaFile, metaJson, r.error));
  }

  const measuresDir = join(dir, 'measures');
  const present = new Set(readdirSync(measuresDir).filter((f) => f.endsWith('.json')));
  const countries: CountryFile[] = [];
  const files = new Map<CountryFile, string>();
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
      continue;
    }
    const json = readJson(path, file, problems);
    if (json === undefined) continue;
    const r = CountryFile.safeParse(json);
    if (!r.success) {
      problems.push(...zodProblems(file, json, r.error));
      continue;
    }
    if (r.data.country !== (code as CountryCode))
      problems.push({
        file,
        record: null,
        path: 'country',
        message: `is "${r.data.country}" but the file name says ${code}`,
      });
    countries.push(r.data);
    files.set(r.data, file);
  }
  for (const extra of present)
    problems.push({
      file: rel(join(measuresDir, extra)),
      record: null,
      path: '',
      message: `is not a focus country's file (expected one of ${FOCUS_COUNTRIES.map((c) => `${c.toLowerCase()}.json`).join(', ')})`,
    });

  if (meta && problems.length === 0) problems.push(...crossCheck(meta, countries, files, metaFile));
  if (problems.length > 0 || !meta) throw new DataError(problems);
  return { meta, countries };
}
