/**
 * Reads and validates the data files (Node only: the build, `npm run check-data` and the tests use
 * it; the browser receives the validated result through the `virtual:policy-data` module).
 * Every problem in every file is collected and reported with file, record id, field path and
 * reason; nothing is ever dropped silently.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { CountryFile, Dataset, Story } from '../data/schema.ts';
import { crossCheck, type ReadCountryFile } from './cross-check.ts';
import { figuresInProse } from './figures-in-prose.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { DataError, type DataProblem, zodProblems } from './problems.ts';

/** The content folder (a path string, so it also resolves under jsdom, whose URL class Node refuses). */
export const CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'content');

/**
 * The story every command works on: the folder in the `POLICY_DATA` environment variable
 * (`POLICY_DATA=stories/next npm run build`), else the shipped story in src/data/content.
 */
export function storyDir(env: Record<string, string | undefined> = process.env): string {
  return env.POLICY_DATA ? resolve(env.POLICY_DATA) : CONTENT_DIR;
}

export { DataError, type DataProblem, formatProblem } from './problems.ts';

import type { PolicyData } from '../data/policy-data.ts';

export type { PolicyData };

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

/** The boundary file of a content folder (built by `npm run geo`). */
export const BOUNDARIES_FILE = 'boundaries.topo.json';

/**
 * The data's version: the first 8 hex digits of a SHA-256 over the story's data files — story.json,
 * dataset.json, every measures/*.json and the boundary file — by name and content (a byte-order
 * mark dropped and line ends read as LF, so a checkout's line-end setting does not change it). It
 * changes when any of these files changes, and only then.
 */
export function dataVersion(dir: string = CONTENT_DIR): string {
  const measures = existsSync(join(dir, 'measures'))
    ? readdirSync(join(dir, 'measures'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `measures/${f}`)
    : [];
  const files = ['story.json', 'dataset.json', BOUNDARIES_FILE, ...measures].filter((f) => existsSync(join(dir, f)));
  const hash = createHash('sha256');
  for (const f of files.sort()) {
    const text = readFileSync(join(dir, f), 'utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n/g, '\n');
    hash.update(`${f}\0${text.length}\0${text}\0`);
  }
  return hash.digest('hex').slice(0, 8);
}

/** The `$schema` key only tells editors where the JSON Schema is; the app never sees it. */
function withoutSchemaKey<T extends { $schema?: string }>(value: T): Omit<T, '$schema'> {
  const { $schema: _, ...rest } = value;
  return rest;
}

/** The focus countries' codes from a story.json as read (valid or not), in order; none when unreadable. */
function storyCountries(json: unknown): string[] {
  const list = (json as { countries?: unknown } | undefined)?.countries;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => {
    const code = (c as { code?: unknown } | null)?.code;
    return typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? [code] : [];
  });
}

/** A path as problems name it: relative to the working folder. */
const rel = (p: string) => relative(process.cwd(), p) || p;

/** One file read and checked against its schema: its JSON as read, and the value when valid. */
function readChecked<T>(dir: string, name: string, schema: z.ZodType<T>, problems: DataProblem[]) {
  const file = rel(join(dir, name));
  const json = readJson(join(dir, name), file, problems);
  let value: T | undefined;
  if (json !== undefined) {
    const r = schema.safeParse(json, { reportInput: true });
    if (r.success) value = r.data;
    else problems.push(...zodProblems(file, json, r.error));
  }
  return { file, json, value };
}

/** The names of the `.json` files in a measures folder; none when there is no such folder. */
function measureFileNames(measuresDir: string): Set<string> {
  try {
    return new Set(readdirSync(measuresDir).filter((f) => f.endsWith('.json')));
  } catch {
    // No measures folder: each country's file is reported missing below, by name.
    return new Set();
  }
}

/**
 * Reads and checks each focus country's file (`present`: the files in the measures folder; a
 * missing one is a problem). Once story.json is read, a file of no focus country is a problem too.
 */
function readCountryFiles(
  dir: string,
  focus: string[],
  present: Set<string>,
  storyRead: boolean,
  problems: DataProblem[],
): { countries: CountryFile[]; read: ReadCountryFile[] } {
  const measuresDir = join(dir, 'measures');
  const countries: CountryFile[] = [];
  const read: ReadCountryFile[] = [];
  for (const code of focus) {
    const name = `${code.toLowerCase()}.json`;
    if (!present.delete(name)) {
      const file = rel(join(measuresDir, name));
      problems.push({
        file,
        record: null,
        path: '',
        message: `is missing: every focus country needs a file (${code})`,
      });
      read.push({ code, file, json: undefined });
      continue;
    }
    const { file, json, value } = readChecked(dir, join('measures', name), CountryFile, problems);
    read.push({ code, file, json });
    if (value) countries.push(value);
  }
  if (storyRead)
    for (const extra of present)
      problems.push({
        file: rel(join(measuresDir, extra)),
        record: null,
        path: '',
        message: `is not a focus country's file (expected one of ${focus.map((c) => `${c.toLowerCase()}.json`).join(', ')}, from story.json)`,
      });
  return { countries, read };
}

/** Problems grouped by file, in the order the files are read (`order`); within a file, in the order found. */
function byFile(problems: DataProblem[], order: string[]): DataProblem[] {
  const rank = (p: DataProblem) => (order.includes(p.file) ? order.indexOf(p.file) : order.length);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map((x) => x.p);
}

/**
 * Loads `story.json`, `dataset.json` and one `measures/<iso3>.json` per focus country from `dir`.
 * @param warnings when given, receives what is worth a look but valid (figures-in-prose.ts).
 * @throws DataError listing every problem found.
 */
export function loadPolicyData(dir: string = CONTENT_DIR, warnings?: DataProblem[]): PolicyData {
  const problems: DataProblem[] = [];
  const { file: storyFile, json: storyJson, value: story } = readChecked(dir, 'story.json', Story, problems);
  // An unreadable story.json is one problem: without its country list, which files belong and what
  // links may name cannot be judged, so those checks wait until it reads (each file is still read).
  const storyRead = storyJson !== undefined;
  const { file: metaFile, json: metaJson, value: meta } = readChecked(dir, 'dataset.json', Dataset, problems);

  const present = measureFileNames(join(dir, 'measures'));
  const focus = storyRead
    ? [...new Set(storyCountries(storyJson))]
    : [...present].sort().map((f) => f.replace(/\.json$/, '').toUpperCase());
  const { countries, read } = readCountryFiles(dir, focus, present, storyRead, problems);

  if (storyRead) problems.push(...crossCheck({ json: storyJson, file: storyFile }, metaJson, metaFile, read));
  if (problems.length > 0 || !meta || !story)
    throw new DataError(byFile(problems, [storyFile, metaFile, ...read.map((c) => c.file)]));
  warnings?.push(...read.flatMap((c) => figuresInProse(c.file, c.json)));
  return {
    version: dataVersion(dir),
    story: withoutSchemaKey(story),
    meta: withoutSchemaKey(meta),
    countries: countries.map(withoutSchemaKey),
  };
}
