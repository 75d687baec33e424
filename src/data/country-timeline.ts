/**
 * The rows of a country's timeline (issue 18 §5): one per measure, from announced to started to
 * ended, a mark per dated event, and the country's policy links. Pure: positions are in months
 * since year 0 (`monthIndex`), so the figure maps them with a scale of its own.
 *
 * Dates keep their precision (README, "Editing the data"): a day is a point in its month, a month
 * is its middle, a year-only date is a span over the whole year, drawn as uncertain (it is certain
 * only by December, as the time model counts it). A measure with no date at all gets no bar: it is
 * listed as "date unknown". Nothing is ever drawn more precisely than its source.
 */
import { fill, type Lang, LOCALES, STRINGS } from '../i18n/strings.ts';
import { type DatePrecision, datePrecision, formatDate } from './format.ts';
import { linkName } from './links.ts';
import type { MeasureIndex, PolicyIndex } from './policy-index.ts';
import type { PartialDate, Text } from './schema.ts';
import { asOfMonth, dateRange, existenceDate, type Month, monthOf, type PolicyLink } from './timeline.ts';
import type { CountryCode, MeasureTypeId, Status } from './vocabulary.ts';

/** Where a date lies, in months since year 0: a point (`from === to`) or a span (a year). */
export interface Span {
  from: number;
  to: number;
}

/** What a mark on a measure's row stands for. */
export type MarkKind = 'announced' | 'started' | 'ended' | 'since' | 'event';

export interface TimelineMark extends Span {
  kind: MarkKind;
  date: PartialDate;
  precision: DatePrecision;
  /** For events: what happened (from the full records; absent while they load). */
  text?: Text;
}

/**
 * A stretch of a measure's bar: `announced` (announced or approved, not yet started) or `running`
 * (started, in force or operating). `certain: false` for a year-only date's year, and for a measure
 * that has ended at a date the sources do not give.
 */
export interface TimelineSegment extends Span {
  phase: 'announced' | 'running';
  certain: boolean;
}

export interface TimelineRow {
  id: string;
  type: MeasureTypeId;
  title: Text;
  marks: TimelineMark[];
  segments: TimelineSegment[];
  /** No announced, start or status date: no bar, "date unknown". */
  dateUnknown: boolean;
  /** Not ended: the bar runs to the "as of" month. */
  ongoing: boolean;
  /** Its status is "ended" but no end date is given. */
  endUnknown: boolean;
  /** The month from which it shows in the panel (null: only at the "as of" month). */
  firstMonth: Month | null;
}

export interface LinkMark extends Span {
  link: PolicyLink;
  precision: DatePrecision;
  /** Its end, when it has one. */
  end?: Span;
}

export interface CountryTimeline {
  /** The axis: from the start of the data's first month to the end of the "as of" month. */
  domain: [number, number];
  /** Year ticks (1 January of each year inside the axis, thinned to at most six). */
  ticks: { year: number; at: number }[];
  rows: TimelineRow[];
  links: LinkMark[];
  /** The country's links with no date: listed, not drawn. */
  undatedLinks: PolicyLink[];
}

/** Months since year 0 of a 'YYYY-MM' month's start. */
export function monthIndex(month: Month): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}

/** Where a date lies: a day at its place in its month, a month at its middle, a year as a span. */
export function dateSpan(date: PartialDate): Span {
  const [y, m, d] = date.split('-').map(Number) as [number, number?, number?];
  if (m === undefined) return { from: y * 12, to: y * 12 + 12 };
  const start = y * 12 + m - 1;
  if (d === undefined) return { from: start + 0.5, to: start + 0.5 };
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const at = start + (d - 0.5) / days;
  return { from: at, to: at };
}

/** Where the rule for the month shown goes: the end of that month (all dated up to it is left of it). */
export const ruleAt = (month: Month): number => monthIndex(month) + 1;

/** Years inside the axis, at most six labels (every other year, every third… on a long axis). */
function yearTicks([first, last]: [number, number]): { year: number; at: number }[] {
  const years: number[] = [];
  for (let y = Math.ceil(first / 12); y * 12 < last; y++) years.push(y);
  const step = Math.max(1, Math.ceil(years.length / 6));
  return years.filter((_, i) => i % step === 0).map((year) => ({ year, at: year * 12 }));
}

const RUNNING: ReadonlySet<Status> = new Set(['in-force', 'operating', 'ended']);

type Dated = { date: PartialDate } | null | undefined;

function mark(kind: MarkKind, date: PartialDate, text?: Text): TimelineMark {
  return { kind, date, precision: datePrecision(date), ...dateSpan(date), ...(text ? { text } : {}) };
}

/**
 * The stretches between the dates: each starts where its first date is certain (the end of a
 * year-only date's year) and ends where the next one may begin (the start of that year). A year-only
 * date's own year is an uncertain stretch of the phase it begins.
 */
function segmentsOf(stops: { phase: TimelineSegment['phase'] | null; span: Span }[]): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  let previous: TimelineSegment['phase'] | null = null;
  for (const [i, stop] of stops.entries()) {
    const next = stops[i + 1];
    // The year of a year-only end: it was still running for some of it.
    const phase: TimelineSegment['phase'] | null = stop.phase ?? previous;
    previous = phase;
    if (phase === null) continue;
    if (stop.span.to > stop.span.from) out.push({ phase, ...stop.span, certain: false });
    if (stop.phase !== null && next && next.span.from > stop.span.to)
      out.push({ phase, from: stop.span.to, to: next.span.from, certain: true });
  }
  return out;
}

/** The bar of one measure: its phases from its first date to its end (or the "as of" month's end). */
function barOf(m: MeasureIndex, end: number): { segments: TimelineSegment[]; endUnknown: boolean } {
  const { announced, started, ended } = m.dates;
  const since = m.status.since?.date;
  const first: Dated = announced ?? started ?? (since ? { date: since } : null);
  if (!first) return { segments: [], endUnknown: false };
  const firstPhase = started && first === started ? 'running' : announced ? 'announced' : null;
  const sincePhase = RUNNING.has(m.status.value) ? 'running' : 'announced';
  const stops: { phase: TimelineSegment['phase'] | null; span: Span }[] = [
    { phase: firstPhase ?? sincePhase, span: dateSpan(first.date) },
  ];
  if (started && first !== started) stops.push({ phase: 'running', span: dateSpan(started.date) });
  const endUnknown = !ended && m.status.value === 'ended';
  if (ended) stops.push({ phase: null, span: dateSpan(ended.date) });
  else stops.push({ phase: null, span: { from: end, to: end } });
  const segments = segmentsOf(stops);
  // Ended, but when is not known: the last stretch is not certain.
  if (endUnknown) {
    const last = segments.at(-1);
    if (last) last.certain = false;
  }
  return { segments, endUnknown };
}

/** One measure's row; `events` are its timeline (from the full records), when loaded. */
export function measureRow(
  m: MeasureIndex,
  end: number,
  events: readonly { date: PartialDate; text: Text }[] = [],
): TimelineRow {
  const dates = (['announced', 'started', 'ended'] as const).flatMap((k) => {
    const d = m.dates[k];
    return d ? [mark(k, d.date)] : [];
  });
  const since = m.status.since ? [mark('since', m.status.since.date)] : [];
  const existence = existenceDate(m);
  const { segments, endUnknown } = barOf(m, end);
  return {
    id: m.id,
    type: m.type,
    title: m.title,
    marks: [...dates, ...since, ...events.map((e) => mark('event', e.date, e.text))],
    segments,
    dateUnknown: existence === null,
    ongoing: !m.dates.ended && m.status.value !== 'ended',
    endUnknown,
    firstMonth: existence === null ? null : monthOf(existence),
  };
}

/** Where a row sorts: by its first date, the undated last, otherwise in data order. */
const rowStart = (r: TimelineRow): number =>
  r.dateUnknown ? Number.POSITIVE_INFINITY : Math.min(...r.segments.map((s) => s.from), Number.POSITIVE_INFINITY);

/** The country's timeline; `events` maps a measure's id to its timeline (the full records'). */
export function countryTimeline(
  data: PolicyIndex,
  country: CountryCode,
  events: ReadonlyMap<string, readonly { date: PartialDate; text: Text }[]> = new Map(),
): CountryTimeline {
  const range = dateRange(data);
  const domain: [number, number] = [monthIndex(range.first), monthIndex(asOfMonth(data)) + 1];
  const measures = data.countries.find((c) => c.country === country)?.measures ?? [];
  const rows = measures
    .map((m) => measureRow(m, domain[1], events.get(m.id)))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rowStart(a.r) - rowStart(b.r) || a.i - b.i)
    .map(({ r }) => r);
  const own = data.meta.links.filter((l) => l.from.includes(country) || l.to.includes(country));
  const links = own.flatMap((link): LinkMark[] =>
    link.date === null
      ? []
      : [
          {
            link,
            precision: datePrecision(link.date),
            ...dateSpan(link.date),
            ...(link.endDate ? { end: dateSpan(link.endDate) } : {}),
          },
        ],
  );
  return { domain, ticks: yearTicks(domain), rows, links, undatedLinks: own.filter((l) => l.date === null) };
}

/** "announced: 21 June 2022" — a date in words at its precision, after what it dates. */
function datedInWords(kind: MarkKind, date: PartialDate, lang: Lang, status: string): string {
  const s = STRINGS[lang];
  const label =
    kind === 'announced'
      ? s.timelineAnnounced
      : kind === 'started'
        ? s.timelineStarted
        : kind === 'ended'
          ? s.timelineEnded
          : fill(s.timelineSince, { status });
  return `${label}: ${formatDate(date, lang)}`;
}

/**
 * A row's dates in words, for its button and the text alternative: "announced: 21 June 2022;
 * started: 31 January 2023; still operating", "date unknown; still proposed", "started: 8 January
 * 2024; ended: date unknown". `status` is the label of the measure's current status.
 */
export function rowDates(row: TimelineRow, lang: Lang, status: string): string {
  const s = STRINGS[lang];
  const lower = status.toLocaleLowerCase(LOCALES[lang]);
  const parts = row.marks.filter((m) => m.kind !== 'event').map((m) => datedInWords(m.kind, m.date, lang, lower));
  if (row.dateUnknown) parts.unshift(s.timelineDateUnknown);
  if (row.endUnknown) parts.push(`${s.timelineEnded}: ${s.timelineDateUnknown}`);
  else if (row.ongoing) parts.push(fill(s.timelineStill, { status: lower }));
  return parts.join('; ');
}

/** A row's other dated steps in words: "29 January 2026: …; 24 February 2026: …". */
export function rowEvents(row: TimelineRow, lang: Lang): string {
  return row.marks
    .filter((m) => m.kind === 'event')
    .map((m) => (m.text ? `${formatDate(m.date, lang)}: ${m.text[lang]}` : formatDate(m.date, lang)))
    .join('; ');
}

/** The country's links in words, dated first in time order, then the undated ones. */
export function linksInWords(data: PolicyIndex, t: CountryTimeline, lang: Lang): string[] {
  return [...t.links.map((l) => l.link), ...t.undatedLinks].map((link) => linkName(data, link, { ended: false }, lang));
}
