/**
 * The data check's rules for dataset.json `steps` (the story told step by step): each step has its
 * own id, a month of the time slider (`dateRange`, the months a reader can reach), steps oldest
 * first, a country, types and links the story has, a title and sentences in exactly story.json's
 * languages, and every sentence cites at least one source of a real measure or link, by the number
 * its panel shows. Every problem names the step by its id. Read defensively: the shape is the
 * schema's to report.
 */
import type { PolicyIndex } from '../data/policy-index.ts';
import { PartialDate } from '../data/schema.ts';
import { dateRange, isMonth, type MonthRange } from '../data/timeline.ts';
import type { ReadCountryFile } from './cross-check.ts';
import { asRecord, type DataProblem, listOf } from './problems.ts';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Spanish' };

/** What a step may name: the story's languages and countries, the dataset's types, links and measures. */
interface StepContext {
  file: string;
  languages: string[];
  countries: string[];
  types: string[];
  /** Each link's sources by number, with the measure each comes from (a number may come from two). */
  links: Map<string, LinkSourcesRead>;
  /** dataset.json's links were read as a list (possibly empty): a link id is judged only then. */
  linksRead: boolean;
  /** Each measure's source numbers. */
  measures: Map<string, Set<number>>;
  /** Every country file was read: otherwise an unknown measure may be in the unread one (say nothing). */
  allRead: boolean;
  /** The time slider's months; undefined when the "as of" date cannot be read. */
  range: MonthRange | undefined;
}

const strings = (list: unknown): string[] => listOf(list).filter((v): v is string => typeof v === 'string');

const idsOf = (list: unknown, key = 'id'): string[] => strings(listOf(list).map((x) => asRecord(x)?.[key]));

const validDate = (v: unknown): string | undefined => (PartialDate.safeParse(v).success ? (v as string) : undefined);

/** A date-only event as the time model reads it, or null. */
const dateOnly = (v: unknown): { date: string } | null => {
  const date = validDate(asRecord(v)?.date);
  return date ? { date } : null;
};

/**
 * The months of the time slider, as the app computes them (`dateRange`), from the measures as read:
 * only their dates count there, so only they are passed.
 */
function sliderRange(asOf: unknown, read: ReadCountryFile[]): MonthRange | undefined {
  const date = validDate(asOf);
  if (!date) return undefined;
  const measures = read.flatMap(({ json }) =>
    listOf(asRecord(json)?.measures).map((item) => {
      const m = asRecord(item);
      const dates = asRecord(m?.dates);
      const since = dateOnly(asRecord(m?.status)?.since);
      return {
        dates: { announced: dateOnly(dates?.announced), started: dateOnly(dates?.started), ended: null },
        status: since ? { since } : {},
      };
    }),
  );
  // dateRange reads only the "as of" date and each measure's dates and status start.
  return dateRange({ meta: { asOf: date }, countries: [{ measures }] } as unknown as PolicyIndex);
}

/**
 * Each measure's source numbers, from the country files as read. A repeated id (reported by the
 * cross-file check) counts as cross-check.ts counts it: the use in the file its prefix names
 * ("sv-" → the file of the country whose idPrefix is "sv"), else the first.
 */
function measureSources(read: ReadCountryFile[], story: Record<string, unknown> | undefined): Map<string, Set<number>> {
  const prefixOf = new Map(listOf(story?.countries).map((c) => [asRecord(c)?.code, asRecord(c)?.idPrefix] as const));
  const out = new Map<string, Set<number>>();
  const home = new Set<string>();
  for (const { code, json } of read)
    for (const item of listOf(asRecord(json)?.measures)) {
      const m = asRecord(item);
      if (typeof m?.id !== 'string' || home.has(m.id)) continue;
      const atHome = m.id.startsWith(`${prefixOf.get(code)}-`);
      if (out.has(m.id) && !atHome) continue;
      if (atHome) home.add(m.id);
      const numbers = listOf(m.sources).map((s) => asRecord(s)?.n);
      out.set(m.id, new Set(numbers.filter((n): n is number => typeof n === 'number')));
    }
  return out;
}

/** A link's sources as its panel lists them, and whether every one of its refs resolved. */
interface LinkSourcesRead {
  /** Source number → the measures it comes from (two when two refs' measures share a number). */
  numbers: Map<number, string[]>;
  /** False when a ref names an unknown measure or source (the link's own problem, reported already). */
  complete: boolean;
}

/**
 * Each link's sources as its panel lists them (src/data/links.ts `linkSources`): the numbers its
 * refs give that their measure has, each with the measure it comes from.
 */
function linkSources(meta: Record<string, unknown>, measures: Map<string, Set<number>>): Map<string, LinkSourcesRead> {
  const out = new Map<string, LinkSourcesRead>();
  for (const item of listOf(meta.links)) {
    const link = asRecord(item);
    if (typeof link?.id !== 'string' || out.has(link.id)) continue;
    const read: LinkSourcesRead = { numbers: new Map(), complete: true };
    for (const refItem of listOf(link.refs)) {
      const ref = asRecord(refItem);
      const has = typeof ref?.measure === 'string' ? measures.get(ref.measure) : undefined;
      for (const n of listOf(ref?.sources)) {
        if (typeof n !== 'number') continue;
        if (has?.has(n)) read.numbers.set(n, [...(read.numbers.get(n) ?? []), ref?.measure as string]);
        else read.complete = false;
      }
      if (!has) read.complete = false;
    }
    out.set(link.id, read);
  }
  return out;
}

/** A list of names for a message: "en, es", or "none listed". */
const listed = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : 'none');

/** A title or sentence: a text in each of the story's languages, and in no other. */
function languageProblems(
  ctx: StepContext,
  record: string,
  path: string,
  texts: Record<string, unknown> | undefined,
): DataProblem[] {
  if (!texts || ctx.languages.length === 0) return [];
  const problems: DataProblem[] = [];
  for (const lang of ctx.languages)
    if (texts[lang] === undefined)
      problems.push({
        file: ctx.file,
        record,
        path: `${path}.${lang}`,
        message: `${LANGUAGE_NAMES[lang] ?? lang} text missing: a step needs its ${path.startsWith('title') ? 'title' : 'sentences'} in each of story.json's languages (${ctx.languages.join(', ')})`,
      });
  for (const lang of ['en', 'es'])
    if (texts[lang] !== undefined && !ctx.languages.includes(lang))
      problems.push({
        file: ctx.file,
        record,
        path: `${path}.${lang}`,
        message: `is in a language story.json does not list (${ctx.languages.join(', ')}): remove it, or add "${lang}" to story.json's languages`,
      });
  return problems;
}

/** One cite: exactly one of measure or link, a record the story has, and a source number it lists. */
function citeProblems(ctx: StepContext, record: string, path: string, cite: Record<string, unknown>): DataProblem[] {
  const problem = (field: string, message: string): DataProblem[] => [
    { file: ctx.file, record, path: field ? `${path}.${field}` : path, message },
  ];
  const hasMeasure = cite.measure !== undefined;
  const hasLink = cite.link !== undefined;
  if (hasMeasure === hasLink)
    return problem(
      '',
      hasMeasure
        ? 'names both a measure and a link: a cite names one record, give each its own cite'
        : 'names neither a measure nor a link: give "measure" (a measure id) or "link" (a link id)',
    );
  const n = cite.source;
  if (hasMeasure && typeof cite.measure === 'string') {
    const sources = ctx.measures.get(cite.measure);
    if (!sources) return ctx.allRead ? problem('measure', `no measure has the id "${cite.measure}"`) : [];
    if (typeof n === 'number' && !sources.has(n))
      return problem(
        'source',
        `measure "${cite.measure}" has no source ${n} (it lists ${listed([...sources].map(String))})`,
      );
  }
  if (hasLink && typeof cite.link === 'string') {
    const sources = ctx.links.get(cite.link);
    if (!sources) return ctx.linksRead ? problem('link', `no link has the id "${cite.link}" in ${ctx.file}`) : [];
    const from = typeof n === 'number' ? sources.numbers.get(n) : undefined;
    // A link whose own refs are broken is reported as such; its cites are judged once it is whole.
    if (typeof n === 'number' && !from && sources.complete)
      return problem(
        'source',
        `link "${cite.link}" has no source ${n} (its panel lists ${listed([...sources.numbers.keys()].map(String))})`,
      );
    if (from && from.length > 1)
      return problem(
        'source',
        `link "${cite.link}" lists two sources numbered ${n} (from ${from.join(' and ')}): cite the measure instead`,
      );
  }
  return [];
}

/** A step's sentences: at least one, each in the story's languages and with at least one valid cite. */
function textProblems(ctx: StepContext, record: string, text: unknown): DataProblem[] {
  if (!Array.isArray(text)) return [];
  if (text.length === 0)
    return [{ file: ctx.file, record, path: 'text', message: 'has no sentences: a step needs at least one' }];
  return text.flatMap((item, k) => {
    const sentence = asRecord(item);
    if (!sentence) return [];
    const path = `text[${k}]`;
    const problems = languageProblems(ctx, record, path, sentence);
    if (Array.isArray(sentence.cites) && sentence.cites.length === 0)
      problems.push({
        file: ctx.file,
        record,
        path: `${path}.cites`,
        message:
          'cites no source: every sentence cites the measure or link (and its source number) that supports it, e.g. { "measure": "sv-cecot", "source": 3 }',
      });
    for (const [j, c] of listOf(sentence.cites).entries()) {
      const cite = asRecord(c);
      if (cite) problems.push(...citeProblems(ctx, record, `${path}.cites[${j}]`, cite));
    }
    return problems;
  });
}

/** The step's month: YYYY-MM and one the time slider has. */
function monthProblems(ctx: StepContext, record: string, month: unknown): DataProblem[] {
  if (typeof month !== 'string') return [];
  const problem = (message: string): DataProblem[] => [{ file: ctx.file, record, path: 'month', message }];
  if (!isMonth(month)) return problem(`must be a month as YYYY-MM, e.g. "2023-02"; found "${month}"`);
  if (ctx.range && (month < ctx.range.first || month > ctx.range.last))
    return problem(
      `is outside the data's months (${ctx.range.first} to ${ctx.range.last}: from the first month a measure exists to the "as of" month); found "${month}"`,
    );
  return [];
}

/** The country, types and links a step names: ones the story has; a list given is not empty. */
function namedProblems(ctx: StepContext, record: string, step: Record<string, unknown>): DataProblem[] {
  const problems: DataProblem[] = [];
  const push = (path: string, message: string) => problems.push({ file: ctx.file, record, path, message });
  if (typeof step.country === 'string' && ctx.countries.length > 0 && !ctx.countries.includes(step.country))
    push(
      'country',
      `must be one of the story's countries (${ctx.countries.join(', ')}, story.json); found "${step.country}"`,
    );
  const lists = [
    // (No types read: the schema reports the list; every story has at least one type.)
    ['types', ctx.types, ctx.types.length > 0, 'the types', 'to show every type'],
    ['links', [...ctx.links.keys()], ctx.linksRead, 'the links', 'to emphasise none'],
  ] as const;
  for (const [key, known, read, what, omit] of lists) {
    const value = step[key];
    if (Array.isArray(value) && value.length === 0) push(key, `is empty: omit "${key}" ${omit}`);
    for (const [i, id] of listOf(value).entries())
      if (typeof id === 'string' && read && !known.includes(id))
        push(`${key}[${i}]`, `must be one of ${what} in ${ctx.file} (${listed(known)}); found "${id}"`);
  }
  return problems;
}

/** The steps above the one being checked: their ids, and the latest valid month with its step. */
interface Above {
  ids: Set<string>;
  month?: { id: string; month: string };
}

/** An id used once; months oldest first (against the nearest step above with a month of the slider). */
function orderProblems(ctx: StepContext, record: string, step: Record<string, unknown>, above: Above): DataProblem[] {
  const problems: DataProblem[] = [];
  if (typeof step.id === 'string') {
    if (above.ids.has(step.id))
      problems.push({
        file: ctx.file,
        record,
        path: 'id',
        message: 'is already the id of another step; ids must be unique',
      });
    above.ids.add(step.id);
  }
  const month = step.month;
  // A month that is no month of the slider is reported as such, not also as out of order.
  if (!isMonth(month) || (ctx.range && (month < ctx.range.first || month > ctx.range.last))) return problems;
  if (above.month && month < above.month.month)
    problems.push({
      file: ctx.file,
      record,
      path: 'month',
      message: `${month} is before the step above it ("${above.month.id}", ${above.month.month}): keep the steps oldest first`,
    });
  above.month = { id: record, month };
  return problems;
}

/** Every problem of dataset.json `steps`, against the story, the dataset and the country files as read. */
export function stepProblems(
  storyJson: unknown,
  metaJson: unknown,
  metaFile: string,
  read: ReadCountryFile[],
): DataProblem[] {
  const meta = asRecord(metaJson);
  const steps = listOf(meta?.steps).map(asRecord);
  if (!meta || steps.length === 0) return [];
  const story = asRecord(storyJson);
  const measures = measureSources(read, story);
  const ctx: StepContext = {
    file: metaFile,
    languages: strings(story?.languages),
    countries: idsOf(story?.countries, 'code'),
    types: idsOf(meta.types),
    links: linkSources(meta, measures),
    linksRead: Array.isArray(meta.links),
    measures,
    allRead: read.every((c) => c.json !== undefined),
    range: sliderRange(meta.asOf, read),
  };
  const above: Above = { ids: new Set() };
  return steps.flatMap((step, i) => {
    if (!step) return [];
    const record = typeof step.id === 'string' ? step.id : `steps[${i}]`;
    return [
      ...monthProblems(ctx, record, step.month),
      ...orderProblems(ctx, record, step, above),
      ...namedProblems(ctx, record, step),
      ...languageProblems(ctx, record, 'title', asRecord(step.title)),
      ...textProblems(ctx, record, step.text),
    ];
  });
}
