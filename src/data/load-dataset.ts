/**
 * Reads and validates the data files (Node only: the build, `npm run check-data` and the tests use
 * it; the browser receives the validated result through the `virtual:policy-data` module).
 * Every problem in every file is collected and reported with file, record id, field path and
 * reason; nothing is ever dropped silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crossCheck, type ReadCountryFile } from './cross-check.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { DataError, type DataProblem, zodProblems } from './problems.ts';
import { CountryFile, Dataset } from './schema.ts';
import { FOCUS_COUNTRIES } from './vocabulary.ts';

/** The content folder (a path string, so it also resolves under jsdom, whose URL class Node refuses). */
export const CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'content');

export { DataError, type DataProblem, formatProblem } from './problems.ts';

export interface PolicyData {
  meta: Dataset;
  /** One entry per focus country, in `FOCUS_COUNTRIES` order. */
  countries: CountryFile[];
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
