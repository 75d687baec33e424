/**
 * The time model: which measures and policy links exist at a month, and with what status. Pure
 * functions of the data; months are 'YYYY-MM' strings (they sort as text).
 *
 * Rules (README, "Editing the data"):
 * - A date counts from its month: '2022-03-27' and '2022-03' from 2022-03. A date of only a year
 *   ('2025') is certain only by December, so it counts from 2025-12; at the earlier months of that
 *   year the measure is "pending, month unknown" (the panel may mention it, counts leave it out).
 * - A measure exists from its announced date, or its start date when it has none, or the date its
 *   current status began (`status.since`) when it has neither (a measure dated only by its approval:
 *   GT-2, approved by Congress). Timeline entries are its history: they never make it exist
 *   earlier. A measure with none of these dates exists only at the "as of" month, flagged
 *   `dateUnknown`.
 * - Its status at a month comes only from events dated up to that month (announced, started, ended
 *   and `status.since`); when the data cannot tell, the status is 'unknown'. At the "as of" month it
 *   is always the record's own status. Planned steps in the timeline are never counted as done.
 * - A policy link exists from its date and shows as ended after its end date; an undated link
 *   exists only at the "as of" month, flagged `undated`.
 */
import type { MeasureIndex, PolicyIndex } from './policy-index.ts';
import type { Dataset, PartialDate } from './schema.ts';
import type { Status } from './vocabulary.ts';

/** A month, 'YYYY-MM'. */
export type Month = string;

/** The status of a measure at a month, or 'unknown' when the data cannot tell. */
export type StatusAt = Status | 'unknown';

/** First and last month of the time slider, both included. */
export interface MonthRange {
  first: Month;
  last: Month;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH.test(value);
}

function assertMonth(month: string): void {
  if (!isMonth(month)) throw new Error(`expected a month as YYYY-MM, got ${JSON.stringify(month)}`);
}

/** The month from which a date counts as certain: 'YYYY' → 'YYYY-12'; 'YYYY-MM(-DD)' → 'YYYY-MM'. */
export function monthOf(date: PartialDate): Month {
  return date.length === 4 ? `${date}-12` : date.slice(0, 7);
}

/** `month` moved by `n` months (negative = earlier). */
export function addMonths(month: Month, n: number): Month {
  assertMonth(month);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `first` to `last`, both included (empty when `last` is before `first`). */
export function monthsBetween(first: Month, last: Month): Month[] {
  assertMonth(first);
  assertMonth(last);
  const out: Month[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The month of the dataset's "as of" date (a year-only "as of" counts as its December). */
export function asOfMonth(data: { meta: Pick<Dataset, 'asOf'> }): Month {
  return monthOf(data.meta.asOf);
}

/**
 * The date a measure exists from: its announced date, else its start date, else the date its
 * current status began (`status.since`); null when it has none of them.
 */
export function existenceDate(m: MeasureIndex): PartialDate | null {
  return m.dates.announced?.date ?? m.dates.started?.date ?? m.status.since?.date ?? null;
}

/**
 * The slider's range: from the first month any measure exists to the "as of" month; just the "as
 * of" month when no measure has a date yet (a story just started with `npm run story:new`).
 */
export function dateRange(data: PolicyIndex): MonthRange {
  const last = asOfMonth(data);
  const months = data.countries
    .flatMap((c) => c.measures)
    .map(existenceDate)
    .filter((d): d is PartialDate => d !== null)
    .map(monthOf)
    .filter((m) => m <= last)
    .sort();
  return { first: months[0] ?? last, last };
}

export function monthsInRange(range: MonthRange): Month[] {
  return monthsBetween(range.first, range.last);
}

export function isInRange(month: unknown, range: MonthRange): month is Month {
  return isMonth(month) && month >= range.first && month <= range.last;
}

/**
 * Where a measure stands at a month: `exists` (counted and shown), `pending` (its year has come but
 * the source gives no month, so it is certain only in December), `later` (not yet), `undated` (no
 * announced, start or `status.since` date: shown only at the "as of" month).
 */
export type Presence = 'exists' | 'pending' | 'later' | 'undated';

export interface MeasureAtMonth {
  presence: Presence;
  exists: boolean;
  /** No announced, start or `status.since` date: the measure exists only at the "as of" month. */
  dateUnknown: boolean;
  /** Its status at the month; null when it does not exist then. */
  status: StatusAt | null;
}

/**
 * The status a measure had while it ran, for one that has since ended: facilities (prisons, types
 * the story marks `facility`) operate, the rest are in force.
 */
function runningStatus(facility: boolean): Status {
  return facility ? 'operating' : 'in-force';
}

/** Where a measure stands at `month` (already no later than `asOf`). */
function presenceAt(m: MeasureIndex, month: Month, asOf: Month): Presence {
  const date = existenceDate(m);
  if (date === null) return month === asOf ? 'exists' : 'undated';
  if (monthOf(date) <= month) return 'exists';
  if (date.length === 4 && month >= `${date}-01`) return 'pending';
  return 'later';
}

/**
 * The status at `month` of a measure that exists then, from the events dated up to that month.
 * Months at or after the "as of" month give the record's own status.
 */
function deriveStatus(m: MeasureIndex, month: Month, asOf: Month, facility: boolean): StatusAt {
  const current = m.status.value;
  if (month >= asOf) return current;
  const upTo = (d: PartialDate | undefined) => d !== undefined && monthOf(d) <= month;
  if (m.dates.ended && upTo(m.dates.ended.date)) return 'ended';
  const since = m.status.since?.date;
  if (since !== undefined && upTo(since)) return current;
  const started = m.dates.started;
  if (started && upTo(started.date)) {
    if (current === 'ended')
      // Ended at a known later date: it ran until then. Ended at an unknown date: only the month it
      // started is certain.
      return m.dates.ended || monthOf(started.date) === month ? runningStatus(facility) : 'unknown';
    if (since === undefined)
      return current === 'in-force' || current === 'operating' || current === 'under-construction'
        ? current
        : 'unknown';
    // The current status began after the start: a facility that started before it opened was being built.
    return current === 'operating' && facility ? 'under-construction' : 'unknown';
  }
  // Announced, not started: the record's pre-start status, when it has one.
  if (current === 'proposed' || current === 'approved') {
    if (since === undefined) return current;
    return current === 'approved' ? 'proposed' : 'unknown';
  }
  return 'unknown';
}

/**
 * A measure at a month; `asOf` is `asOfMonth(data)`; `facility` whether its type is a place
 * (`isFacilityType(data, m.type)`: a prison that operates now was being built before it opened). A
 * month after the "as of" month reads as it (the data says nothing about the future).
 * @throws Error when `month` or `asOf` is not 'YYYY-MM'.
 */
export function measureAt(m: MeasureIndex, at: Month, asOf: Month, facility: boolean): MeasureAtMonth {
  assertMonth(at);
  assertMonth(asOf);
  const month = at > asOf ? asOf : at;
  const presence = presenceAt(m, month, asOf);
  const exists = presence === 'exists';
  return {
    presence,
    exists,
    dateUnknown: existenceDate(m) === null,
    status: exists ? deriveStatus(m, month, asOf, facility) : null,
  };
}

/**
 * Whether a measure exists (is counted and shown) at `at`, as a test for many measures at one
 * month: the months are checked once, not per measure (counting 10,000 measures checked them
 * 20,000 times). @throws Error when `at` or `asOf` is not 'YYYY-MM'.
 */
export function existingAt(at: Month, asOf: Month): (m: MeasureIndex) => boolean {
  assertMonth(at);
  assertMonth(asOf);
  const month = at > asOf ? asOf : at;
  return (m) => presenceAt(m, month, asOf) === 'exists';
}

/** The status at `month`; null when the measure does not exist then. */
export function statusAt(m: MeasureIndex, month: Month, asOf: Month, facility: boolean): StatusAt | null {
  return measureAt(m, month, asOf, facility).status;
}

export type PolicyLink = Dataset['links'][number];

export interface LinkAtMonth {
  exists: boolean;
  /** Its end date has passed (it ended before this month). */
  ended: boolean;
  /** No date in the sources: the link exists only at the "as of" month. */
  undated: boolean;
}

/** A policy link at a month. @throws Error when `month` or `asOf` is not 'YYYY-MM'. */
export function linkAt(link: PolicyLink, at: Month, asOf: Month): LinkAtMonth {
  assertMonth(at);
  assertMonth(asOf);
  const month = at > asOf ? asOf : at;
  const undated = link.date === null;
  const exists = link.date === null ? month === asOf : monthOf(link.date) <= month;
  const ended = exists && link.endDate !== undefined && month > monthOf(link.endDate);
  return { exists, ended, undated };
}

/** The links that exist at `month` (default: the "as of" month), each with its state, in data order. */
export function linksAt(data: PolicyIndex, month: Month = asOfMonth(data)): (LinkAtMonth & { link: PolicyLink })[] {
  const asOf = asOfMonth(data);
  return data.meta.links.map((link) => ({ link, ...linkAt(link, month, asOf) })).filter((l) => l.exists);
}
