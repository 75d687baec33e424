/**
 * Data problems and their wording: every problem names its file, record id and field path, and
 * says what was expected and what was found (zod's issues are reworded here).
 */
import type { z } from 'zod';

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

/** An array, or an empty one for anything else (the data is read defensively). */
export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function asRecord(value: unknown): Record<string, unknown> | undefined {
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

/** An invalid_type issue in an editor's words: what is missing, or what was found instead. */
function typeMessage(issue: z.core.$ZodIssueInvalidType, path: PropertyKey[], input: unknown): string {
  const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
  if (input === undefined) {
    const last = path.at(-1);
    if (last === 'en') return 'English text missing';
    if (last === 'es') return 'Spanish text missing';
    return `is missing (expected ${expected})`;
  }
  return `expected ${expected}, found ${describe(input)}`;
}

/** What a too_small or too_big issue expected, e.g. "needs at least 1 item", "must be at most 10". */
function boundExpected(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const exact = issue.exact;
  const small = issue.code === 'too_small';
  if (issue.origin === 'array')
    return exact
      ? `must have exactly ${plural(bound, 'item')}`
      : `needs ${small ? 'at least' : 'at most'} ${plural(bound, 'item')}`;
  if (issue.origin === 'string')
    return small && bound === 1
      ? 'must not be empty'
      : `must be ${small ? 'at least' : 'at most'} ${plural(bound, 'character')}`;
  return `must be ${small ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than'} ${bound}`;
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
    case 'invalid_type':
      return [{ path, message: typeMessage(issue, path, input) }];
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
    case 'too_big':
      return [{ path, message: withFound(own ?? boundExpected(issue)) }];
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

export function zodProblems(file: string, json: unknown, error: z.ZodError): DataProblem[] {
  return error.issues.flatMap((issue) =>
    humanize(issue).map(({ path, message }) => ({ file, ...locate(json, path), message })),
  );
}
