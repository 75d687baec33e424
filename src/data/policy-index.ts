/**
 * The data in two parts, so a reader who only looks at the map does not download every source.
 *
 * - The **index** is what the first screen, the map and the time slider read: the story's frame,
 *   the dataset's texts, licence, types, statuses and links, and for each measure its id, country,
 *   type, title, dates, status, place and capacity figure. It ships inside the app's script.
 * - The **records** are the countries' files in full (every measure's summary, facts, figures,
 *   timeline, concerns and sources), the methods note, the corrections log and the incarceration
 *   rates. They are one JSON file the browser fetches the first time a reader reaches for them: a
 *   panel, the table, the overview, a link's sources, "About this data" (src/data/records.ts,
 *   src/ui/with-full-data.tsx).
 *
 * Both are cut from the same validated `PolicyData` at build time; `joinRecords` puts them back
 * together and refuses a records file that does not belong to the index (a stale cache: another
 * data version).
 */
import type { PolicyData } from './policy-data.ts';
import type { CountryFile, Dataset, Figure, Measure, PartialDate, Story, Text } from './schema.ts';
import type { CountryCode, MeasureTypeId, Status } from './vocabulary.ts';

/** A dated event as the time model reads it: only its date. */
interface DateOnly {
  date: PartialDate;
}

/** A measure as the map and the time model read it. A full `Measure` is one too. */
export interface MeasureIndex {
  id: string;
  /** The entry code in the data brief ("SV-3"), when the story has a brief. */
  briefCode?: string;
  country: CountryCode;
  type: MeasureTypeId;
  title: Text;
  status: { value: Status; since?: DateOnly };
  dates: { announced: DateOnly | null; started: DateOnly | null; ended: DateOnly | null };
  location: Measure['location'];
  /** Only the capacity figure (it sizes a prison's symbol on the map), when there is one. */
  figures: Figure[];
}

export interface CountryIndex {
  country: CountryCode;
  summary: Text;
  measures: MeasureIndex[];
}

/** What the app's script carries. A full `PolicyData` is one too (tests pass either). */
export interface PolicyIndex {
  /** The data's version (load-dataset.ts `dataVersion`). */
  version: string;
  story: Story;
  meta: Omit<Dataset, 'incarceration' | 'methods' | 'corrections' | '$schema'>;
  countries: CountryIndex[];
}

/** What the records file carries. */
export interface PolicyRecords {
  /** The version of the data they were cut from: `joinRecords` refuses another version's records. */
  version: string;
  countries: CountryFile[];
  /** The methods note and the corrections log: read with a panel, a link's sources, "About this data". */
  methods: Dataset['methods'];
  corrections: Dataset['corrections'];
  incarceration?: Dataset['incarceration'];
}

const dateOnly = (e: { date: PartialDate } | null): DateOnly | null => (e ? { date: e.date } : null);

function measureIndex(m: Measure): MeasureIndex {
  return {
    id: m.id,
    ...(m.briefCode ? { briefCode: m.briefCode } : {}),
    country: m.country,
    type: m.type,
    title: m.title,
    status: { value: m.status.value, ...(m.status.since ? { since: { date: m.status.since.date } } : {}) },
    dates: {
      announced: dateOnly(m.dates.announced),
      started: dateOnly(m.dates.started),
      ended: dateOnly(m.dates.ended),
    },
    location: m.location,
    figures: m.figures.filter((f) => f.capacity === true),
  };
}

/** The index part of validated data (the build writes it into the app's script). */
export function policyIndex(data: PolicyData): PolicyIndex {
  const { incarceration: _, methods: __, corrections: ___, ...meta } = data.meta;
  return {
    version: data.version,
    story: data.story,
    meta,
    countries: data.countries.map((c) => ({
      country: c.country,
      summary: c.summary,
      measures: c.measures.map(measureIndex),
    })),
  };
}

/** The records part of validated data (the build writes it to its own file). */
export function policyRecords(data: PolicyData): PolicyRecords {
  return {
    version: data.version,
    countries: data.countries,
    methods: data.meta.methods,
    corrections: data.meta.corrections,
    ...(data.meta.incarceration ? { incarceration: data.meta.incarceration } : {}),
  };
}

/**
 * The full data from the index and its records.
 * @throws Error when the records are not the index's (another build's file, or not records at all).
 */
export function joinRecords(index: PolicyIndex, records: unknown): PolicyData {
  const r = records as Partial<PolicyRecords> | null;
  if (
    !r ||
    typeof r !== 'object' ||
    !Array.isArray(r.countries) ||
    !Array.isArray(r.methods) ||
    !Array.isArray(r.corrections)
  )
    throw new Error('records: the file is not a records file (no "countries", "methods" or "corrections" list)');
  if (r.version !== index.version)
    throw new Error(
      `records: the file is of data version ${String(r.version)}, the app's is ${index.version} (a stale copy?)`,
    );
  const ids = (cs: { country: string; measures: { id: string }[] }[]) =>
    cs.map((c) => `${c.country}:${c.measures.map((m) => m.id).join(',')}`).join(';');
  if (ids(r.countries) !== ids(index.countries))
    throw new Error("records: the file lists other countries or measures than the app's index (a stale copy?)");
  return {
    version: index.version,
    story: index.story,
    meta: {
      ...index.meta,
      methods: r.methods,
      corrections: r.corrections,
      ...(r.incarceration ? { incarceration: r.incarceration } : {}),
    },
    countries: r.countries,
  };
}
