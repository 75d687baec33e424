/**
 * The one schema for the map's data. Every TypeScript type the app uses for data is inferred from
 * here, so an editor's JSON and the code cannot disagree. The files live in `src/data/content/`
 * (see its README for editors); `load-dataset.ts` reads and validates them at build time.
 */
import { z } from 'zod';
import { STATUSES } from './vocabulary.ts';

/**
 * Any ISO 3166-1 alpha-3 code. Which codes a story uses (its focus countries, the outside actors its
 * links name) is data: `story.json`; the cross-file check holds every code to that list.
 */
export const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as "PER"');
export const CountryCodeSchema = Iso3;

/** An id chosen by the story's editors (measure types, link kinds): kebab-case. */
const KebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, e.g. "new-prison"');
export const MeasureTypeIdSchema = KebabId;
export const StatusSchema = z.enum(STATUSES);

const nonEmpty = z.string().trim().min(1, 'must not be empty or only spaces');

/**
 * Refinements run even when another field of the same object is already wrong, so one run of the
 * check lists every problem — but only on an object (a missing or non-object value is the base
 * check's problem alone). They therefore read their input defensively (it may be malformed).
 */
const always = { when: (payload: { value: unknown }) => asRecord(payload.value) !== undefined };

/** The value as a plain object, or undefined when it is anything else. */
function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

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
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
export const PartialDate = z
  .string()
  .regex(PARTIAL_DATE, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((v) => !PARTIAL_DATE.test(v) || isCalendarDate(v), 'is not a real calendar date');
export type PartialDate = z.infer<typeof PartialDate>;

function isPartialDate(value: unknown): value is string {
  return typeof value === 'string' && PARTIAL_DATE.test(value) && isCalendarDate(value);
}

/**
 * True when `a` is strictly before `b`, compared at the coarser precision of the two: "2023" is
 * neither before nor after "2023-05", but "2022-12" is before "2023".
 */
export function isBefore(a: PartialDate, b: PartialDate): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n);
}

/**
 * The data brief gives these sources only as plain http:// addresses. They are kept exactly as the
 * brief gives them (switching them to https would be a guess); every other source must be https.
 */
export const HTTP_SOURCES_IN_BRIEF: ReadonlySet<string> = new Set([
  'http://radiosanmartin.pe/2024/07/18/68819/',
  'http://cholusatsur.com/noticias/?p=77838',
  'http://elperiodico.hn/2026/01/27/fin-del-estado-de-excepcion-marca-el-cierre-de-una-era-de-seguridad-controvertida-en-honduras/',
  'http://www.oas.org/ios/indicatorsdetails.aspx?lang=es&indicator=1842',
]);

function isHttpsUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** A source's address: a full https:// URL (see `HTTP_SOURCES_IN_BRIEF` for the only exceptions). */
export const SourceUrl = z
  .string()
  .refine((v) => isHttpsUrl(v) || HTTP_SOURCES_IN_BRIEF.has(v), 'must be an https:// URL')
  .meta({ description: 'Full https:// address of the source', format: 'uri' });

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
  url: SourceUrl,
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
    /**
     * The currency when the value is money: an ISO 4217 code ("USD", "CLP", "GTQ"), or "UF" for
     * Chile's unidad de fomento, the unit readers know (its ISO code, CLF, is shown nowhere).
     */
    currency: z
      .string()
      .regex(/^([A-Z]{3}|UF)$/, 'must be an ISO 4217 code such as "USD", or "UF"')
      .refine((c) => c !== 'CLF', 'write the unidad de fomento as "UF", the unit readers know')
      .optional(),
    /** When the value was true, at its precision; null when the source does not say. */
    asOf: PartialDate.nullable(),
    /** Who says so, when it matters: "official", "NGO count", "White House figure". */
    note: Text.optional(),
    sources: Cites,
  })
  .refine((v) => typeof v.valueMax !== 'number' || typeof v.value !== 'number' || v.valueMax > v.value, {
    message: 'valueMax must be greater than value',
    path: ['valueMax'],
    ...always,
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
    /** This figure is the facility's capacity in places: it sizes the map symbol (one per measure). */
    capacity: z.boolean().optional(),
  })
  .refine((f) => !(f.contested === true && Array.isArray(f.values) && f.values.length === 1), {
    message: 'a contested figure needs at least two values, each with its sources',
    path: ['values'],
    ...always,
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
    ...always,
  })
  .refine((l) => l.lat === undefined || !Array.isArray(l.sources) || l.sources.length > 0, {
    message: 'coordinates need at least one source number',
    path: ['sources'],
    ...always,
  });
export type Location = z.infer<typeof Location>;

/**
 * `notFigures`, in the JSON Schema editors see: the data check warns when a number in a measure's
 * texts is none of its figures (src/tools/figures-in-prose.ts), so a figure edited in one place is
 * not left stale in the summary.
 */
const NOT_FIGURES_DESCRIPTION =
  'Numbers in this measure\'s texts that are not one of its figures, each as written in the text ("23", "1.030"; an English and a Spanish spelling are two entries). `npm run check-data` warns when a number in the title, summary, notes, timeline, facts, place or concerns is none of the measure\'s figure values (a figure edited, its mention not): list a number here when it is not a figure (a count given only in a fact, a name such as Barrio 18). Years, days of a month, times, decree, law and article numbers, ordinals, the base of a rate (per 100,000) and [n] markers are recognised without a listing; a number after about, more than, unos, más de… may be rounded.';

export const Measure = z
  .strictObject({
    /** Stable kebab-case id; used in URLs and links, never change it once published. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, e.g. "sv-cecot"'),
    /**
     * The entry code in the data brief, e.g. "SV-3", for tracing every fact back; omitted when the
     * story has no brief (its sources are then the trace).
     */
    briefCode: z
      .string()
      .regex(/^[A-Z]{2}-\d+$/, 'must look like "SV-3"')
      .optional(),
    country: CountryCodeSchema,
    type: MeasureTypeIdSchema,
    title: Text,
    summary: Text,
    status: z.strictObject({
      value: StatusSchema,
      /** Qualification of the status, e.g. "48th extension runs 2 to 31 March 2026". */
      note: Text.optional(),
      /**
       * When the current status began, where a source dates it and no date below does (the day a
       * prison that started construction earlier opened; the day decrees approved a campaign
       * promise). Omit when unknown: the time slider then says the status before today is unknown.
       */
      since: DatedEvent.optional(),
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
    notFigures: z
      .array(z.string().regex(/^\d+([.,]\d+)*$/, 'must be a number as written in the text, e.g. "23" or "1.030"'))
      .optional()
      .meta({ description: NOT_FIGURES_DESCRIPTION }),
    facts: z.array(Fact),
    location: Location.nullable(),
    concerns: z.array(z.strictObject({ text: Text, sources: Cites })),
    sources: z.array(Source).min(1, 'needs at least one source'),
  })
  .superRefine((m, ctx) => checkMeasure(m, ctx), always);
export type Measure = z.infer<typeof Measure>;

const DATE_ORDER = ['announced', 'started', 'ended'] as const;
type DateKey = (typeof DATE_ORDER)[number];

/**
 * Record-level rules: source numbers are unique, every citation points at a listed source, a
 * capacity is a positive number of places and only one figure is, and the dates present are in
 * order (announced ≤ started ≤ ended, every pair, at the coarser precision; the status's start
 * after both of the first two).
 */
function checkMeasure(value: unknown, ctx: z.RefinementCtx): void {
  const m = asRecord(value);
  if (!m) return;
  const listed = checkSourceNumbers(m, ctx);
  checkCitations(m, listed, ctx);
  checkCapacities(m, ctx);
  checkStatusSince(m, ctx);
  checkDateOrder(m, ctx);
}

/** Each source number is listed once; returns the numbers listed. */
function checkSourceNumbers(m: Record<string, unknown>, ctx: z.RefinementCtx): Set<number> {
  const seen = new Set<number>();
  for (const [i, s] of (Array.isArray(m.sources) ? m.sources : []).entries()) {
    const n = asRecord(s)?.n;
    if (typeof n !== 'number') continue;
    if (seen.has(n))
      ctx.addIssue({ code: 'custom', path: ['sources', i, 'n'], message: `source number ${n} is listed twice` });
    seen.add(n);
  }
  return seen;
}

/** Every citation (a `sources` list below the record's own) points at a source listed in the record. */
function checkCitations(m: Record<string, unknown>, listed: Set<number>, ctx: z.RefinementCtx): void {
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, [...path, i]);
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (k === 'sources' && path.length > 0 && Array.isArray(item)) checkCited(item, [...path, k], listed, ctx);
        else if (k !== 'sources') walk(item, [...path, k]);
      }
    }
  };
  walk(m, []);
}

/** One citation list: each number must be one of the record's sources. */
function checkCited(cited: unknown[], path: (string | number)[], listed: Set<number>, ctx: z.RefinementCtx): void {
  for (const [i, n] of cited.entries())
    if (typeof n === 'number' && !listed.has(n))
      ctx.addIssue({
        code: 'custom',
        path: [...path, i],
        message: `cites source ${n}, which is not in this measure's sources`,
      });
}

/**
 * A capacity sizes a prison's symbol and the legend: it must be a number of places (more than 0),
 * and only one figure of a measure can be its capacity.
 */
function checkCapacities(m: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const figures = Array.isArray(m.figures) ? m.figures : [];
  const capacities = figures.flatMap((f, i) => (asRecord(f)?.capacity === true ? [i] : []));
  for (const i of capacities) {
    const values = asRecord(figures[i])?.values;
    for (const [k, v] of (Array.isArray(values) ? values : []).entries()) {
      const value = asRecord(v)?.value;
      if (typeof value === 'number' && value <= 0)
        ctx.addIssue({
          code: 'custom',
          path: ['figures', i, 'values', k, 'value'],
          message: `a capacity must be more than 0 places; found ${value}`,
        });
    }
  }
  for (const i of capacities.slice(1))
    ctx.addIssue({
      code: 'custom',
      path: ['figures', i, 'capacity'],
      message: `only one figure of a measure can be its capacity; figures[${capacities[0]}] already is`,
    });
}

/** The record's date `key` (announced, started, ended), when it is a valid date. */
function dateOf(m: Record<string, unknown>, key: DateKey): PartialDate | undefined {
  const date = asRecord(asRecord(m.dates)?.[key])?.date;
  return isPartialDate(date) ? date : undefined;
}

/** The date the current status began cannot come before the measure was announced or started. */
function checkStatusSince(m: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const since = asRecord(asRecord(m.status)?.since)?.date;
  if (!isPartialDate(since)) return;
  for (const key of ['announced', 'started'] as const) {
    const d = dateOf(m, key);
    if (d && isBefore(since, d))
      ctx.addIssue({
        code: 'custom',
        path: ['status', 'since', 'date'],
        message: `the status cannot begin (${since}) before the measure was ${key} (${d})`,
      });
  }
}

/** Each date against every earlier one that is present (the nearest first), one problem per date. */
function checkDateOrder(m: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (let j = 1; j < DATE_ORDER.length; j++) {
    const later = DATE_ORDER[j] as DateKey;
    const b = dateOf(m, later);
    if (!b) continue;
    for (let i = j - 1; i >= 0; i--) {
      const earlier = DATE_ORDER[i] as DateKey;
      const a = dateOf(m, earlier);
      if (a && isBefore(b, a)) {
        ctx.addIssue({
          code: 'custom',
          path: ['dates', later, 'date'],
          message: `${later} (${b}) is before ${earlier} (${a})`,
        });
        break;
      }
    }
  }
}

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
  /**
   * Measures of this type are a place (a prison): drawn as a symbol where they have coordinates,
   * "location not mapped" where they have only a place name. Omitted = false.
   */
  facility: z.boolean().optional(),
});
export type MeasureType = z.infer<typeof MeasureType>;

/** A day, `YYYY-MM-DD`: a correction is dated to the day it was made. */
const Day = PartialDate.refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d), 'must be a full date, YYYY-MM-DD');

/** One section of the methods note ("How this was made"): a heading and paragraphs (blank-line separated). */
export const MethodsSection = z.strictObject({
  /** Stable kebab-case id: the section's anchor and its row in methods.csv. */
  id: KebabId,
  heading: Text,
  /** Paragraphs separated by a blank line. */
  text: Text,
});
export type MethodsSection = z.infer<typeof MethodsSection>;

/**
 * One entry of the corrections and updates log: what changed after publication, when, and which
 * records it touched (measure ids, link ids, or the dataset fields in `CORRECTABLE_FIELDS`; none
 * for a change to the graphic's own wording).
 */
export const Correction = z.strictObject({
  date: Day,
  /** `correction`: something shown was wrong; `update`: a new fact or a change since publication. */
  kind: z.enum(['correction', 'update']),
  ids: z.array(nonEmpty),
  text: Text,
});
export type Correction = z.infer<typeof Correction>;

/** Dataset-level fields a correction may name besides measure and link ids. */
export const CORRECTABLE_FIELDS = ['title', 'dek', 'credit', 'incarceration', 'methods'] as const;

const RateCell = z
  .strictObject({
    value: z.number().positive(),
    /** Year or date the rate refers to. */
    asOf: PartialDate,
    sources: z.array(z.string().regex(/^R\d+$/)).min(1),
  })
  .nullable();

/**
 * Story steps ("scrollytelling"): the map walked through the story one step at a time. The schema
 * gives their shape; the data check (src/tools/steps-check.ts) holds each step to the story (its
 * languages, countries, types, links, measures and sources, the time slider's months, date order)
 * and names the step by its id. The JSON Schema carries the same rules as hints for editors.
 */
const STEP_MONTH = '^\\d{4}-(0[1-9]|1[0-2])$';

/**
 * A step's texts are in exactly story.json's `languages`: the schema lets each language be absent so
 * that the data check can report a missing one by the step's id; once it has passed, every language
 * a reader can choose is there, so the app reads them as it reads `Text`.
 */
const inStoryLanguages = <T extends object>(value: T) => value as T & Text;

/** A step's title in each of the story's languages (story.json `languages`; the check holds it to them). */
const StepText = z
  .strictObject({ en: nonEmpty.optional(), es: nonEmpty.optional() })
  .meta({
    description: "The text in each of the story's languages (story.json `languages`), no other.",
    minProperties: 1,
  })
  .transform(inStoryLanguages);

export const StepCite = z
  .strictObject({
    measure: z
      .string()
      .optional()
      .meta({ description: 'The id of the measure whose source this is (or give `link`).' }),
    link: z
      .string()
      .optional()
      .meta({ description: 'The id of the policy link whose source this is, e.g. "L3" (or give `measure`).' }),
    source: z.number().int().min(0).meta({
      description:
        "The source's number as the record's panel shows it: a measure's `n` (0 = the seed article); for a link, the number its source list shows (the `n` of the measure it cites).",
    }),
  })
  .meta({
    description:
      'One source of the sentence: exactly one of `measure` or `link`, and the number of one of its sources.',
    oneOf: [{ required: ['measure'] }, { required: ['link'] }],
  });
export type StepCite = z.infer<typeof StepCite>;

export const StepSentence = z
  .strictObject({
    en: nonEmpty.optional(),
    es: nonEmpty.optional(),
    cites: z.array(StepCite).meta({
      description:
        "Every source the sentence rests on (at least one): the app numbers a step's sources [1], [2]… in order of first appearance and links them.",
      minItems: 1,
    }),
  })
  .meta({
    description:
      "One sentence or clause in each of the story's languages, with its sources. Write nothing the cited measures and links (and their sources) do not say.",
  })
  .transform(inStoryLanguages);
export type StepSentence = z.infer<typeof StepSentence>;

export const Step = z
  .strictObject({
    id: KebabId.meta({ description: 'Stable kebab-case id of the step, unique among the steps, e.g. "cecot-opens".' }),
    month: z.string().meta({
      description:
        'The month the map shows, YYYY-MM: one of the time slider\'s months (from the first month a measure exists to the "as of" month). Steps are listed oldest first.',
      pattern: STEP_MONTH,
    }),
    country: Iso3.optional().meta({
      description:
        'A focus country (story.json `countries`) whose panel the step opens; omitted = the panel is closed.',
    }),
    types: z.array(MeasureTypeIdSchema).optional().meta({
      description: 'The measure types the map shows (ids from `types`); omitted = every type.',
      minItems: 1,
    }),
    links: z.array(z.string()).optional().meta({
      description: 'Ids of the policy links the step emphasises (from `links`), e.g. ["L3"]; omitted = none.',
      minItems: 1,
    }),
    title: StepText,
    text: z.array(StepSentence).meta({
      description: "The step's text: a few short sentences (it is read on a phone), each with its sources.",
      minItems: 1,
    }),
  })
  .meta({ description: 'One step of the story: what the map shows and the text beside it.' });
export type Step = z.infer<typeof Step>;

export const Dataset = z.strictObject({
  $schema: z.string().optional(),
  title: Text,
  dek: Text,
  /** The facts are current as of this day (the newest source in the brief). */
  asOf: PartialDate,
  credit: Text,
  /** The data's licence (the code's is MIT): named in the methods note and written into every download. */
  licence: z.strictObject({
    /** Short name, e.g. "CC BY 4.0". */
    name: nonEmpty,
    url: SourceUrl,
  }),
  /** The methods note, "How this was made": what counts, how it is coded, sources, limits. */
  methods: z.array(MethodsSection).min(1, 'needs at least one section'),
  /** Corrections and updates since publication, oldest first; every download carries them. */
  corrections: z.array(Correction).superRefine((list, ctx) => {
    for (const [i, c] of list.entries())
      if (i > 0 && c.date < (list[i - 1] as Correction).date)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'date'],
          message: `is before the entry above it (${(list[i - 1] as Correction).date}): keep the log oldest first, adding new entries at the end`,
        });
  }),
  /** The story's measure types, in legend order. */
  types: z.array(MeasureType).min(1, 'needs at least one measure type'),
  /** Labels of the lifecycle statuses (all of `STATUSES`: the time model can show any of them). */
  statuses: z
    .array(z.strictObject({ id: StatusSchema, label: Text }))
    .length(STATUSES.length, `must label all ${STATUSES.length} statuses`),
  /** Sourced connections between countries (brief section 7). */
  links: z.array(
    z
      .strictObject({
        id: z.string().regex(/^L\d+$/),
        /** One of the story's link kinds (`story.json` `linkKinds`). */
        kind: KebabId,
        from: z.array(Iso3).min(1),
        to: z.array(Iso3).min(1),
        mutual: z.boolean(),
        date: PartialDate.nullable(),
        endDate: PartialDate.optional(),
        dateNote: Text.optional(),
        text: Text,
        /** Where the link is sourced: a measure id and source numbers within it. */
        refs: z.array(z.strictObject({ measure: z.string(), sources: Cites })).min(1),
      })
      .superRefine((value, ctx) => {
        // Read defensively: the refinement runs even when another field is already wrong.
        const l = asRecord(value);
        if (isPartialDate(l?.date) && isPartialDate(l?.endDate) && isBefore(l.endDate, l.date))
          ctx.addIssue({
            code: 'custom',
            path: ['endDate'],
            message: `ends (${l.endDate}) before the link began (${l.date})`,
          });
      }, always),
  ),
  /** The story's steps, oldest first; omitted or empty = the story has no steps. */
  steps: z.array(Step).optional().meta({
    description:
      "The story told step by step, oldest first: each step sets the map's month, panel, types and emphasised links, beside a short text whose every sentence cites the measures' and links' sources. Omitted or [] = no steps. `npm run check-data` holds each step to the story.",
  }),
  /** Prisoners per 100,000 population (brief section 8); null = unknown. Optional: a story may have none. */
  incarceration: z
    .strictObject({
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
    })
    .optional(),
});
export type Dataset = z.infer<typeof Dataset>;

const LngLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** A box as its south-west and north-east corners, [longitude, latitude] each. */
const BoxSchema = z.tuple([LngLatSchema, LngLatSchema]).refine(([sw, ne]) => sw[0] < ne[0] && sw[1] < ne[1], {
  message: 'must be [[west, south], [east, north]] with west < east and south < north',
});

/**
 * A measure type's id renamed after publication: links and embeds made with the old id still show
 * the type (src/state/url-migrations.ts). The data check holds `to` to the types in dataset.json
 * (or to the `from` of a later rename) and `from` to an id that is no longer a type.
 */
export const TypeRename = z
  .strictObject({
    /** The id old links carry. */
    from: KebabId,
    /** The id it became. */
    to: KebabId,
    /** The day of the rename, YYYY-MM-DD. */
    since: Day,
  })
  .refine((r) => r.from !== r.to, { message: 'renames a type to itself', path: ['to'], ...always });
export type TypeRename = z.infer<typeof TypeRename>;

/**
 * `story.json`: everything that makes this map this story rather than another — its countries, its
 * region and inset, its link kinds, its languages. The code knows none of these (a test checks).
 */
export const Story = z.strictObject({
  $schema: z.string().optional(),
  /** The reader's languages; the first is the default when the browser prefers none of them. */
  languages: z
    .array(z.enum(['en', 'es']))
    .min(1)
    .refine((l) => new Set(l).size === l.length, 'lists a language twice'),
  /** The focus countries, in display order; each has `measures/<code in lower case>.json`. */
  countries: z
    .array(
      z.strictObject({
        code: Iso3,
        name: Text,
        /** Measure ids of this country start with it: "sv-" → "sv-cecot". */
        idPrefix: z.string().regex(/^[a-z]{2,3}$/, 'must be 2 or 3 lower-case letters, e.g. "sv"'),
        /** Rough box around the country and its islands: a coordinate outside it is refused as a typo. */
        bounds: z.strictObject({
          south: z.number().min(-90).max(90),
          west: z.number().min(-180).max(180),
          north: z.number().min(-90).max(90),
          east: z.number().min(-180).max(180),
        }),
      }),
    )
    .min(1, 'needs at least one country'),
  /** Countries that policy links may name but that are not on the focus list, drawn as a tag at the map's top edge. */
  outsideActors: z.array(
    z.strictObject({
      code: Iso3,
      name: Text,
      /** The tag enters from the top edge above this point's longitude. */
      anchor: LngLatSchema,
    }),
  ),
  region: z.strictObject({
    /** The box the main map must show whole. */
    main: BoxSchema,
    /**
     * A magnified inset of a crowded area, set west of the main map (in open sea, where the controls
     * sit); null = none (every country is big enough on the main map).
     */
    inset: z
      .strictObject({
        /** Label in the inset's corner ("Central America, enlarged"). */
        caption: Text,
        /** One sentence for screen readers on what the inset shows and where. */
        description: Text,
        source: BoxSchema,
        minMagnification: z.number().min(1),
        maxMagnification: z.number().min(1),
      })
      .nullable(),
    /** `npm run geo`: the countries of the boundary file are clipped to this box. */
    boundaries: z.strictObject({ box: BoxSchema }),
  }),
  /** Kinds of policy link, in legend order ("Visit", "Cited as a model"). */
  linkKinds: z.array(z.strictObject({ id: KebabId, label: Text })).min(1, 'needs at least one kind of link'),
  /** The legend line of the facility symbols ("Prisons with known locations, by capacity:"). */
  facilityLegend: Text,
  /** Measure types renamed since publication, oldest first; omitted = none. Never remove an entry. */
  renamedTypes: z
    .array(TypeRename)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const [i, r] of list.entries()) {
        if (seen.has(r.from))
          ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `"${r.from}" is renamed twice` });
        seen.add(r.from);
        const before = list[i - 1];
        if (before && r.since < before.since)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'since'],
            message: `is before the entry above it (${before.since}): keep the list oldest first, adding new entries at the end`,
          });
      }
    })
    .optional()
    .meta({
      description:
        'Measure types renamed after publication, oldest first: a link or embed made with `from` shows `to`. `to` is a type in dataset.json (or the `from` of a later entry), `from` is no longer one. Add an entry when you rename a type id; never remove one.',
    }),
});
export type Story = z.infer<typeof Story>;
