/**
 * The one schema for the map's data. Every TypeScript type the app uses for data is inferred from
 * here, so an editor's JSON and the code cannot disagree. The files live in `src/data/content/`
 * (see its README for editors); `load-dataset.ts` reads and validates them at build time.
 */
import { z } from 'zod';
import { FOCUS_COUNTRIES, MEASURE_TYPES, STATUSES } from './vocabulary.ts';

export const CountryCodeSchema = z.enum(FOCUS_COUNTRIES);

/** Any ISO 3166-1 alpha-3 code (policy links also name the United States). */
export const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as "SLV"');

export const MeasureTypeIdSchema = z.enum(MEASURE_TYPES);
export const StatusSchema = z.enum(STATUSES);

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A text in both languages. Both are required: an untranslated field fails the check. */
export const Text = z.strictObject({ en: nonEmpty, es: nonEmpty });
export type Text = z.infer<typeof Text>;

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const days = new Date(Date.UTC(y ?? 0, m, 0)).getUTCDate();
  return d >= 1 && d <= days;
}

/**
 * A date at the precision the source gives: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. The format *is* the
 * precision; `datePrecision()` in `format.ts` reads it back.
 */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a real calendar date');
export type PartialDate = z.infer<typeof PartialDate>;

/**
 * Citation: numbers of sources in the same record's `sources` list (the brief's own numbering;
 * 0 is the seed article S0). The record-level check makes sure each number exists.
 */
export const Cites = z.array(z.number().int().min(0)).min(1, 'needs at least one source number');

export const Source = z.strictObject({
  /** The number the data brief gives this source in this entry (0 = seed article S0). */
  n: z.number().int().min(0),
  publisher: nonEmpty,
  /** Headline as captured; null when none was captured (`[h:none]`). */
  headline: nonEmpty.nullable(),
  /**
   * `page`: headline seen on the page (may be quoted). `slug`: reconstructed from the URL, so it is
   * shown as a description, never in quotation marks. `none`: no headline captured.
   */
  headlineKind: z.enum(['page', 'slug', 'none']),
  /** Publication date shown by the source; null = n.d. */
  date: PartialDate.nullable(),
  /** For undated sources: the brief's bracketed inference, e.g. "2023-03" or "2026-01-30 or later". */
  dateNote: nonEmpty.optional(),
  url: z.url({ protocol: /^https?$/, error: 'must be a full http(s) URL' }),
  /** Where a source was copied from another entry of the brief, e.g. "CR-1 [6]". */
  briefRef: nonEmpty.optional(),
});
export type Source = z.infer<typeof Source>;

export const DatedEvent = z.strictObject({
  date: PartialDate,
  note: Text.optional(),
  sources: Cites,
});
export type DatedEvent = z.infer<typeof DatedEvent>;

export const FigureValue = z
  .strictObject({
    value: z.number().finite(),
    /** Upper end when the source gives a range ("65–70"). */
    valueMax: z.number().finite().optional(),
    /** How the source qualifies the number; omitted = exact. */
    qualifier: z.enum(['about', 'more-than', 'at-least', 'up-to']).optional(),
    /** What one unit is, after the number: "places", "inmates per cell". */
    unit: Text,
    /** ISO 4217 code when the value is money ("USD", "CLP", "GTQ", "CLF" for the UF). */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    /** When the value was true, at its precision; null when the source does not say. */
    asOf: PartialDate.nullable(),
    /** Who says so, when it matters: "official", "NGO count", "White House figure". */
    note: Text.optional(),
    sources: Cites,
  })
  .refine((v) => v.valueMax === undefined || v.valueMax > v.value, {
    message: 'valueMax must be greater than value',
    path: ['valueMax'],
  });
export type FigureValue = z.infer<typeof FigureValue>;

export const Figure = z
  .strictObject({
    /** What is counted: "capacity", "people detained under the régimen". */
    label: Text,
    /** One value, or (when contested or dated differently) several, each with its sources. */
    values: z.array(FigureValue).min(1, 'needs at least one value'),
    /** The brief marks it CONTESTED: sources disagree; every version is shown. */
    contested: z.boolean(),
    note: Text.optional(),
  })
  .refine((f) => !f.contested || f.values.length >= 2, {
    message: 'a contested figure needs at least two values, each with its sources',
    path: ['values'],
  });
export type Figure = z.infer<typeof Figure>;

export const Fact = z.strictObject({
  text: Text,
  /** True when the brief marks this point CONTESTED (both versions are in the text). */
  contested: z.boolean().optional(),
  sources: Cites,
});
export type Fact = z.infer<typeof Fact>;

export const Location = z
  .strictObject({
    place: Text,
    /** Only where the brief gives coordinates (CECOT, the Swan Islands). */
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    /** May be empty for a plain description ("nationwide"); coordinates always need a source. */
    sources: z.array(z.number().int().min(0)),
  })
  .refine((l) => (l.lat === undefined) === (l.lon === undefined), {
    message: 'give both lat and lon, or neither',
    path: ['lat'],
  })
  .refine((l) => l.lat === undefined || l.sources.length > 0, {
    message: 'coordinates need at least one source number',
    path: ['sources'],
  });
export type Location = z.infer<typeof Location>;

export const Measure = z
  .strictObject({
    /** Stable kebab-case id; used in URLs and links, never change it once published. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, e.g. "sv-cecot"'),
    /** The entry code in the data brief, e.g. "SV-3", for tracing every fact back. */
    briefCode: z.string().regex(/^[A-Z]{2}-\d+$/, 'must look like "SV-3"'),
    country: CountryCodeSchema,
    type: MeasureTypeIdSchema,
    title: Text,
    summary: Text,
    status: z.strictObject({
      value: StatusSchema,
      /** Qualification of the status, e.g. "48th extension runs 2 to 31 March 2026". */
      note: Text.optional(),
      sources: Cites,
    }),
    dates: z.strictObject({
      announced: DatedEvent.nullable(),
      started: DatedEvent.nullable(),
      ended: DatedEvent.nullable(),
    }),
    /** Other dated steps (extensions, visits, planned openings), oldest first. */
    timeline: z.array(z.strictObject({ date: PartialDate, text: Text, sources: Cites })),
    figures: z.array(Figure),
    facts: z.array(Fact),
    location: Location.nullable(),
    concerns: z.array(z.strictObject({ text: Text, sources: Cites })),
    sources: z.array(Source).min(1, 'needs at least one source'),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<number>();
    for (const [i, s] of m.sources.entries()) {
      if (seen.has(s.n))
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'n'], message: `source number ${s.n} is listed twice` });
      seen.add(s.n);
    }
    // Every citation must point at a source listed in this record.
    const walk = (value: unknown, path: (string | number)[]): void => {
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) walk(v, [...path, i]);
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'sources' && path.length > 0 && Array.isArray(v)) {
            for (const [i, n] of v.entries())
              if (typeof n === 'number' && !seen.has(n))
                ctx.addIssue({
                  code: 'custom',
                  path: [...path, k, i],
                  message: `cites source ${n}, which is not in this measure's sources`,
                });
          } else if (k !== 'sources') walk(v, [...path, k]);
        }
      }
    };
    walk(m, []);
    const order = ['announced', 'started', 'ended'] as const;
    for (let i = 1; i < order.length; i++) {
      const a = m.dates[order[i - 1] as (typeof order)[number]]?.date;
      const b = m.dates[order[i] as (typeof order)[number]]?.date;
      if (a && b && b.slice(0, a.length) < a.slice(0, b.length))
        ctx.addIssue({
          code: 'custom',
          path: ['dates', order[i] as string, 'date'],
          message: `${order[i]} (${b}) is before ${order[i - 1]} (${a})`,
        });
    }
  });
export type Measure = z.infer<typeof Measure>;

/** One file per focus country: `content/measures/<iso3 lower-case>.json`. */
export const CountryFile = z.strictObject({
  $schema: z.string().optional(),
  country: CountryCodeSchema,
  /** One line for the panel, sourced in the measures below it; no new facts here. */
  summary: Text,
  measures: z.array(Measure),
});
export type CountryFile = z.infer<typeof CountryFile>;

export const MeasureType = z.strictObject({
  id: MeasureTypeIdSchema,
  label: Text,
  /** Categorical colour for chips and panel headings only (never the map fill). */
  colour: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a hex colour like "#1f77b4"'),
  description: Text,
});
export type MeasureType = z.infer<typeof MeasureType>;

const RateCell = z
  .strictObject({
    value: z.number().positive(),
    /** Year or date the rate refers to. */
    asOf: PartialDate,
    sources: z.array(z.string().regex(/^R\d+$/)).min(1),
  })
  .nullable();

export const Dataset = z.strictObject({
  $schema: z.string().optional(),
  title: Text,
  dek: Text,
  /** The facts are current as of this day (the newest source in the brief). */
  asOf: PartialDate,
  credit: Text,
  types: z.array(MeasureType).length(MEASURE_TYPES.length, `must list all ${MEASURE_TYPES.length} measure types`),
  statuses: z.array(z.strictObject({ id: StatusSchema, label: Text })).length(STATUSES.length),
  /** Sourced connections between countries (brief section 7). */
  links: z.array(
    z.strictObject({
      id: z.string().regex(/^L\d+$/),
      from: z.array(Iso3).min(1),
      to: z.array(Iso3).min(1),
      mutual: z.boolean(),
      date: PartialDate.nullable(),
      endDate: PartialDate.optional(),
      dateNote: Text.optional(),
      text: Text,
      /** Where the link is sourced: a measure id and source numbers within it. */
      refs: z.array(z.strictObject({ measure: z.string(), sources: Cites })).min(1),
    }),
  ),
  /** Prisoners per 100,000 population (brief section 8); null = unknown. */
  incarceration: z.strictObject({
    caveats: z.array(Text).min(1),
    sources: z.array(Source.extend({ n: z.string().regex(/^R\d+$/) })),
    rows: z.array(
      z.strictObject({
        country: CountryCodeSchema,
        wpb: RateCell,
        oasAllPersons: RateCell,
        oasAdults: RateCell,
      }),
    ),
  }),
});
export type Dataset = z.infer<typeof Dataset>;
