// @vitest-environment node
/**
 * The README's "Adding a measure" skeleton cannot go stale. Its JSON is added to a copy of the
 * shipped data, in the file of the country it names, and the data check must accept it. Its list of
 * required and optional fields must be the schema's, field for field: removing a field the list
 * marks required makes the check fail naming that field, removing one it marks optional does not,
 * and every field of the skeleton and of the schema is in the list.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Measure } from '../../src/data/schema.ts';
import { CONTENT_DIR, DataError, type DataProblem, loadPolicyData } from '../../src/tools/load-dataset.ts';

const HEADING = '### Adding a measure';

/** The README's "Adding a measure" section, up to the next heading. */
function section(): string {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(`\n${HEADING}\n`);
  if (start < 0) throw new Error(`README has no "${HEADING}" section`);
  const next = readme.slice(start + HEADING.length + 2).search(/\n#{2,3} /);
  return readme.slice(start, next < 0 ? undefined : start + HEADING.length + 2 + next);
}

const SECTION = section();

/** The skeleton: the section's first JSON code block. */
function skeleton(): Record<string, unknown> {
  const block = SECTION.match(/```json\n([\s\S]*?)```/);
  if (!block) throw new Error(`README "${HEADING}" has no JSON code block`);
  return JSON.parse(block[1] as string);
}

interface Marked {
  /** Field path, with `[]` for each item of a list: `figures[].values[].unit`. */
  path: string;
  required: boolean;
}

/** A marked field, with the same field of the other objects its line names (`dates.started.date`…). */
interface Listed extends Marked {
  alike: string[];
}

const codes = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

/**
 * The list under the skeleton, one line per object: "- `status`: required `value`, `sources`;
 * optional `note`, `since`". A line whose label has no code names the measure itself.
 */
function marked(): Listed[] {
  const out: Listed[] = [];
  for (const line of SECTION.split('\n')) {
    const m = line.match(/^- (.*?): required (.*?)(?:; optional (.*))?$/);
    if (!m) continue;
    const named = codes(m[1] as string);
    const parents = named.length > 0 ? named : [''];
    const at = (parent: string, field: string) => (parent ? `${parent}.${field}` : field);
    for (const [list, required] of [
      [m[2], true],
      [m[3] ?? '', false],
    ] as const)
      for (const field of codes(list as string))
        for (const parent of parents)
          out.push({ path: at(parent, field), required, alike: parents.map((p) => at(p, field)) });
  }
  return out;
}

const MARKED = marked();

// ─── zod's schema as field paths ────────────────────────────────────────────────────────────────
interface ZodLike {
  _zod: {
    def: { type: string; innerType?: ZodLike; in?: ZodLike; element?: ZodLike; shape?: Record<string, ZodLike> };
  };
}

/** Whether an object schema is a text in both languages, written `{ "en": …, "es": … }` (a leaf). */
const isText = (shape: Record<string, unknown>) => Object.keys(shape).sort().join() === 'en,es';

/** Every field of the schema, as `Marked`: a text is one field; `[]` stands for a list's items. */
function schemaFields(schema: ZodLike, path = '', optional = false, out: Marked[] = []): Marked[] {
  const def = schema._zod.def;
  if (def.type === 'optional') return schemaFields(def.innerType as ZodLike, path, true, out);
  if (def.type === 'nullable' || def.type === 'default')
    return schemaFields(def.innerType as ZodLike, path, optional, out);
  if (def.type === 'pipe') return schemaFields(def.in as ZodLike, path, optional, out);
  if (path) out.push({ path, required: !optional });
  if (def.type === 'array') {
    const items: Marked[] = schemaFields(def.element as ZodLike, `${path}[]`);
    // The list's items are not a field of their own; their fields are.
    out.push(...items.filter((f) => f.path !== `${path}[]`));
  } else if (def.type === 'object' && def.shape && !isText(def.shape))
    for (const [key, child] of Object.entries(def.shape))
      schemaFields(child, path ? `${path}.${key}` : key, false, out);
  return out;
}

/** Every field the skeleton writes, with `[]` for a list's items (texts and lists of numbers are leaves). */
function skeletonFields(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) if (item && typeof item === 'object') skeletonFields(item, `${path}[]`, out);
  } else if (value && typeof value === 'object' && !isText(value as Record<string, unknown>))
    for (const [key, child] of Object.entries(value)) {
      const p = path ? `${path}.${key}` : key;
      out.add(p);
      skeletonFields(child, p, out);
    }
  return out;
}

/** A copy of `measure` without the field at `path` (in the first item of each list on the way), or null when it has none. */
function without(measure: Record<string, unknown>, path: string): Record<string, unknown> | null {
  const copy = structuredClone(measure);
  const segments = path.split('.');
  let at: unknown = copy;
  for (const segment of segments.slice(0, -1)) {
    const key = segment.replace(/\[\]$/, '');
    at = (at as Record<string, unknown> | null)?.[key];
    if (segment.endsWith('[]')) at = Array.isArray(at) ? at[0] : undefined;
    if (!at || typeof at !== 'object') return null;
  }
  const last = segments.at(-1) as string;
  if (!(last in (at as Record<string, unknown>))) return null;
  delete (at as Record<string, unknown>)[last];
  return copy;
}

// ─── the data check on a copy of the shipped data ───────────────────────────────────────────────
const SKELETON = skeleton();
const root = mkdtempSync(join(tmpdir(), 'readme-skeleton-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
cpSync(CONTENT_DIR, root, { recursive: true });
const countryFile = join(root, 'measures', `${String(SKELETON.country).toLowerCase()}.json`);
const original = readFileSync(countryFile, 'utf8');

/** The problems the data check finds with `measure` added at the end of its country's file. */
function problemsWith(measure: Record<string, unknown>): DataProblem[] {
  const json = JSON.parse(original) as { measures: unknown[] };
  json.measures.push(measure);
  writeFileSync(countryFile, `${JSON.stringify(json, null, 2)}\n`);
  try {
    loadPolicyData(root);
    return [];
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return e.problems;
  }
}

/**
 * Fields whose removal the check does not yet report as a problem, with why. Each is tested with
 * `it.fails`, so the day the check is fixed this test fails too: then delete the entry.
 */

/** A problem's field path with list positions as `[]`: `sources[0].url` → `sources[].url`. */
const fieldOf = (p: DataProblem) => p.path.replace(/\[\d+\]/g, '[]');

describe('the README’s skeleton of a measure', () => {
  it('is accepted by the data check, added to its country’s file', () => {
    expect(problemsWith(SKELETON).map((p) => `${p.path}: ${p.message}`)).toEqual([]);
  });

  it('marks exactly the schema’s fields, each required or optional as the schema has it', () => {
    const byPath = (a: Marked, b: Marked) => a.path.localeCompare(b.path);
    const list = MARKED.map(({ path, required }) => ({ path, required }));
    expect(list.sort(byPath)).toEqual(schemaFields(Measure as unknown as ZodLike).sort(byPath));
  });

  it('writes no field the list does not mark', () => {
    const listed = new Set(MARKED.map((f) => f.path));
    expect([...skeletonFields(SKELETON)].filter((p) => !listed.has(p))).toEqual([]);
  });

  it('writes every required field, so removing each one is tried below', () => {
    const written = skeletonFields(SKELETON);
    // A field of an object the skeleton leaves out or null (`status.since`, `dates.ended`) is tried
    // where an object of the same line is written (`dates.announced`).
    const missing = MARKED.filter((f) => f.required && !f.alike.some((p) => written.has(p)));
    expect(missing.map((f) => f.path)).toEqual([]);
  });

  const present = MARKED.flatMap((f) => {
    const measure = without(SKELETON, f.path);
    return measure ? [[f.path, f.required, measure] as const] : [];
  });

  /** The check fails, with a problem in the skeleton's file at exactly `path`. */
  const failsNaming = (path: string, measure: Record<string, unknown>) => {
    const problems = problemsWith(measure);
    const named = problems.filter((p) => p.file.endsWith(countryFile.slice(root.length)) && fieldOf(p) === path);
    expect(named.length, problems.map((p) => `${p.path}: ${p.message}`).join('\n')).toBeGreaterThan(0);
  };
  const required = present.filter(([, isRequired]) => isRequired);

  it.each(required)('without the required %s, the check fails naming it', (path, _, measure) =>
    failsNaming(path, measure),
  );

  it.each(present.filter(([, required]) => !required))(
    'without the optional %s, the check still passes',
    (_path, _, measure) => {
      expect(problemsWith(measure).map((p) => `${p.path}: ${p.message}`)).toEqual([]);
    },
  );
});
