/**
 * The spreadsheet tables, described once: export writes these columns, import requires exactly
 * these columns, and README.csv is generated from the descriptions below.
 */
import { STATUSES } from '../../data/vocabulary.ts';
import { LANGS } from '../../i18n/strings.ts';

/** The languages of every text (the schema's `Text`): the app's one list. */
export { LANGS };

const LANG_NAMES: Record<(typeof LANGS)[number], string> = { en: 'English', es: 'Spanish' };

/** How a cell is read: the JSON value it becomes. */
export type Kind =
  | 'text' // a string; an empty cell means the field is absent (or null where the schema allows null)
  | 'number' // a JSON number written with a dot, no thousands separator
  | 'integer-list' // whole numbers separated by ";"
  | 'code-list' // codes separated by ";"
  | 'boolean'; // true or false

export interface Column {
  name: string;
  kind: Kind;
  description: string;
  /** Format shown in README.csv (for text columns with a format: dates, ids, URLs). */
  format?: string;
  allowed?: readonly string[];
  /** "yes", "no" or a condition. */
  required: string;
}

export interface Table {
  file: string;
  description: string;
  columns: Column[];
}

const DATE = 'YYYY, YYYY-MM or YYYY-MM-DD (the precision the source gives)';
const LIST_SEPARATOR = ';';

export { LIST_SEPARATOR };

const col = (
  name: string,
  kind: Kind,
  required: string,
  description: string,
  extra: Partial<Pick<Column, 'format' | 'allowed'>> = {},
): Column => ({ name, kind, required, description, ...extra });

/** A text in every language: one column per language, `<name>_en`, `<name>_es`. */
const text = (name: string, required: string, description: string): Column[] =>
  LANGS.map((lang) => col(`${name}_${lang}`, 'text', required, `${description} (${LANG_NAMES[lang]})`));

const sources = (name: string, required: string, what: string): Column =>
  col(
    name,
    'integer-list',
    required,
    `Numbers (column "n" of sources.csv for this measure) of the sources for ${what}`,
    {
      format: 'whole numbers separated by ";", e.g. 1; 4; 5',
    },
  );

const dated = (prefix: string, what: string): Column[] => [
  col(`${prefix}_date`, 'text', `yes if any ${prefix}_ column is filled`, `Date ${what}`, { format: DATE }),
  ...text(`${prefix}_note`, 'no', `Note on the date ${what}`),
  sources(`${prefix}_sources`, `yes if ${prefix}_date is filled`, `the date ${what}`),
];

const sourceColumns = (n: Column): Column[] => [
  n,
  col('publisher', 'text', 'yes', 'Publisher of the source'),
  col('headline', 'text', 'no', 'Headline as captured; empty when none was captured'),
  col('headline_kind', 'text', 'yes', 'page: seen on the page; slug: reconstructed from the URL; none: no headline', {
    allowed: ['page', 'slug', 'none'],
  }),
  col('date', 'text', 'no', 'Publication date shown by the source; empty = not dated', { format: DATE }),
  col('date_note', 'text', 'no', 'For undated sources: the inferred date, e.g. "2026-01-30 or later"'),
  col('url', 'text', 'yes', 'Full address of the source', { format: 'https:// URL' }),
  col('brief_ref', 'text', 'no', 'Where the source was copied from another entry of the brief, e.g. "CR-1 [6]"'),
];

const measureId = col('measure_id', 'text', 'yes', 'Id of the measure (column "id" of measures.csv)');

const rate = (prefix: string, what: string): Column[] => [
  col(
    `${prefix}_value`,
    'number',
    `yes if any ${prefix}_ column is filled`,
    `Prisoners per 100,000 population, ${what}; all ${prefix}_ columns empty = unknown`,
  ),
  col(`${prefix}_as_of`, 'text', `yes if ${prefix}_value is filled`, `Year or date the ${what} rate refers to`, {
    format: DATE,
  }),
  col(
    `${prefix}_sources`,
    'code-list',
    `yes if ${prefix}_value is filled`,
    `Sources of the ${what} rate (column "n" of incarceration_sources.csv)`,
    {
      format: 'R numbers separated by ";", e.g. R1; R2',
    },
  ),
];

export const TABLES = {
  dataset: {
    file: 'dataset.csv',
    description: 'The story: title, dek, credit, "as of" date, the data\'s licence (one row per field)',
    columns: [
      col('field', 'text', 'yes', 'Which field of the story this row is', {
        allowed: ['json_schema', 'title', 'dek', 'as_of', 'credit', 'licence', 'licence_url'],
      }),
      col(
        'value',
        'text',
        'for json_schema, as_of, licence and licence_url',
        "The value of a field that is not translated (as_of: the date the facts are current to; licence: the data's licence, e.g. CC BY 4.0; licence_url: its text)",
        {
          format: `as_of: ${DATE}; licence_url: https:// URL`,
        },
      ),
      ...text('text', 'for title, dek and credit', 'The text of a translated field'),
    ],
  },
  methods: {
    file: 'methods.csv',
    description: 'The methods note ("About this data"): one row per section, in reading order',
    columns: [
      col('id', 'text', 'yes', 'Section id (its anchor)', { format: 'kebab-case, e.g. what-counts' }),
      ...text('heading', 'yes', 'Heading of the section'),
      ...text('text', 'yes', 'The section; paragraphs separated by a blank line'),
    ],
  },
  corrections: {
    file: 'corrections.csv',
    description: 'Corrections and updates since publication, oldest first (add new ones at the end)',
    columns: [
      col('date', 'text', 'yes', 'The day the correction was made', { format: 'YYYY-MM-DD' }),
      col(
        'kind',
        'text',
        'yes',
        'correction: something shown was wrong; update: a new fact or a change since publication',
        {
          allowed: ['correction', 'update'],
        },
      ),
      col(
        'ids',
        'code-list',
        'no',
        "What it touched: measure ids, link ids, or title, dek, credit, incarceration, methods; empty for the graphic's own wording",
        { format: 'ids separated by ";", e.g. gt-transfer-of-gang-prisoners-abroad; L11' },
      ),
      ...text('text', 'yes', 'What was corrected or updated, for readers'),
    ],
  },
  types: {
    file: 'types.csv',
    description: 'Measure types (categories), in legend order',
    columns: [
      col('id', 'text', 'yes', 'Type id (never change it once published)', {
        format: 'kebab-case, e.g. new-prison',
      }),
      ...text('label', 'yes', 'Label'),
      col('colour', 'text', 'yes', 'Colour for chips and headings', { format: 'hex colour, e.g. #0072b2' }),
      ...text('description', 'yes', 'One-line description'),
      col(
        'facility',
        'boolean',
        'no',
        'Measures of this type are a place (a prison): a symbol on the map where they have coordinates; empty = no',
        { allowed: ['true', 'false'] },
      ),
    ],
  },
  statuses: {
    file: 'statuses.csv',
    description: 'Statuses a measure can have, in order',
    columns: [col('id', 'text', 'yes', 'Status id', { allowed: STATUSES }), ...text('label', 'yes', 'Label')],
  },
  countries: {
    file: 'countries.csv',
    description: 'The focus countries (one JSON file each), in display order',
    columns: [
      col('country', 'text', 'yes', 'Country code (one of the countries in story.json)', {
        format: 'ISO 3166-1 alpha-3',
      }),
      ...text('summary', 'yes', "One line for the country's panel"),
      col('json_schema', 'text', 'no', 'Path of the JSON Schema that editors use (keep as exported)'),
    ],
  },
  measures: {
    file: 'measures.csv',
    description: 'One row per measure, in the order of the country files',
    columns: [
      col('id', 'text', 'yes', 'Measure id, used in URLs and links (never change it once published)', {
        format: 'kebab-case starting with the country prefix, e.g. sv-cecot',
      }),
      col('country', 'text', 'yes', 'Country of the measure (code from countries.csv)', {
        format: 'ISO 3166-1 alpha-3',
      }),
      col('brief_code', 'text', 'no', 'Entry code in the data brief, when the story has one; empty = none', {
        format: 'XX-9, e.g. SV-3',
      }),
      col('type', 'text', 'yes', 'Measure type (id from types.csv)'),
      ...text('title', 'yes', 'Title'),
      ...text('summary', 'yes', 'Summary'),
      col('status', 'text', 'yes', 'Current status (id from statuses.csv)', { allowed: STATUSES }),
      ...text('status_note', 'no', 'Qualification of the status'),
      sources('status_sources', 'yes', 'the status'),
      ...dated('since', 'on which the current status began (empty when unknown)'),
      ...dated('announced', 'the measure was announced'),
      ...dated('started', 'the measure started'),
      ...dated('ended', 'the measure ended'),
      ...text(
        'place',
        'yes if the measure has a location',
        'Place name; all place_/lat/lon/location_sources empty = no location',
      ),
      col('lat', 'number', 'no (with lon)', 'Latitude in degrees, only where the brief gives coordinates', {
        format: 'number from -90 to 90, e.g. 13.6',
      }),
      col('lon', 'number', 'no (with lat)', 'Longitude in degrees', { format: 'number from -180 to 180, e.g. -88.9' }),
      col('location_sources', 'integer-list', 'yes when lat/lon are given', 'Sources of the location (may be empty)', {
        format: 'whole numbers separated by ";"',
      }),
      col(
        'not_figures',
        'code-list',
        'no',
        "Numbers in the measure's texts that are not one of its figures, as written there (English and Spanish spellings separately): check-data warns about any other number that is none of the figure values",
        { format: 'numbers separated by ";", e.g. 23; 1,030; 1.030' },
      ),
    ],
  },
  timeline: {
    file: 'timeline.csv',
    description: 'Other dated steps of a measure, oldest first',
    columns: [
      measureId,
      col('date', 'text', 'yes', 'Date of the step', { format: DATE }),
      ...text('text', 'yes', 'What happened'),
      sources('sources', 'yes', 'the step'),
    ],
  },
  figures: {
    file: 'figures.csv',
    description: 'Figures (numbers) of a measure; their values are in figure_values.csv',
    columns: [
      measureId,
      col('figure', 'number', 'yes', 'Number of the figure within its measure (1, 2, …), used by figure_values.csv', {
        format: 'whole number',
      }),
      ...text('label', 'yes', 'What is counted'),
      col('contested', 'boolean', 'yes', 'Sources disagree (every value is shown); needs at least two values', {
        allowed: ['true', 'false'],
      }),
      ...text('note', 'no', 'Note on the figure'),
      col(
        'capacity',
        'boolean',
        'no',
        "This figure is the facility's capacity in places: it sizes the prison's symbol on the map; empty = no",
        { allowed: ['true', 'false'] },
      ),
    ],
  },
  figureValues: {
    file: 'figure_values.csv',
    description: 'Values of the figures: one or (when contested or dated differently) several per figure',
    columns: [
      measureId,
      col('figure', 'number', 'yes', 'Number of the figure in figures.csv (same measure_id)', {
        format: 'whole number',
      }),
      col('value', 'number', 'yes', 'The number', { format: 'number with a dot for decimals, no thousands separator' }),
      col('value_max', 'number', 'no', 'Upper end when the source gives a range', {
        format: 'number greater than value',
      }),
      col('qualifier', 'text', 'no', 'How the source qualifies the number; empty = exact', {
        allowed: ['about', 'more-than', 'at-least', 'up-to'],
      }),
      ...text('unit', 'yes', 'What one unit is, after the number'),
      col('currency', 'text', 'no', 'Currency when the value is money', { format: 'ISO 4217 code, e.g. USD' }),
      col('as_of', 'text', 'no', 'When the value was true; empty when the source does not say', { format: DATE }),
      ...text('note', 'no', 'Who says so, when it matters'),
      sources('sources', 'yes', 'the value'),
    ],
  },
  facts: {
    file: 'facts.csv',
    description: 'Key facts of a measure',
    columns: [
      measureId,
      ...text('text', 'yes', 'The fact'),
      col('contested', 'boolean', 'no', 'The brief marks the point contested; empty = not marked', {
        allowed: ['true', 'false'],
      }),
      sources('sources', 'yes', 'the fact'),
    ],
  },
  concerns: {
    file: 'concerns.csv',
    description: 'Concerns raised about a measure',
    columns: [measureId, ...text('text', 'yes', 'The concern'), sources('sources', 'yes', 'the concern')],
  },
  sources: {
    file: 'sources.csv',
    description: "Sources of each measure; the measure's other tables cite them by n",
    columns: [
      measureId,
      ...sourceColumns(
        col('n', 'number', 'yes', "The source's number in its measure (0 = seed article)", { format: 'whole number' }),
      ),
    ],
  },
  links: {
    file: 'links.csv',
    description: 'Policy links between countries; their sources are in link_refs.csv',
    columns: [
      col('id', 'text', 'yes', 'Link id', { format: 'L and a number, e.g. L3' }),
      col('kind', 'text', 'yes', 'Kind of link (an id from linkKinds in story.json)', {
        format: 'kebab-case, e.g. visit',
      }),
      col('from', 'code-list', 'yes', 'Countries the link goes from (story.json countries or outsideActors)', {
        format: 'ISO alpha-3 codes separated by ";"',
      }),
      col('to', 'code-list', 'yes', 'Countries the link goes to (story.json countries or outsideActors)', {
        format: 'ISO alpha-3 codes separated by ";"',
      }),
      col('mutual', 'boolean', 'yes', 'The link goes both ways', { allowed: ['true', 'false'] }),
      col('date', 'text', 'no', 'Date of the link; empty when undated', { format: DATE }),
      col('end_date', 'text', 'no', 'Date the link ended', { format: DATE }),
      ...text('date_note', 'no', 'Note on the date'),
      ...text('text', 'yes', 'What the link is'),
    ],
  },
  linkRefs: {
    file: 'link_refs.csv',
    description: 'Where each policy link is sourced: a measure and source numbers within it',
    columns: [
      col('link_id', 'text', 'yes', 'Id of the link (column "id" of links.csv)'),
      measureId,
      sources('sources', 'yes', 'the link (in that measure)'),
    ],
  },
  steps: {
    file: 'steps.csv',
    description:
      'The story told step by step, oldest first: what the map shows at each step (its sentences are in step_text.csv); leave it and step_text.csv empty for a story without steps',
    columns: [
      col('id', 'text', 'yes', 'Step id, unique among the steps', { format: 'kebab-case, e.g. cecot-opens' }),
      col(
        'month',
        'text',
        'yes',
        'Month the map shows: one of the time slider\'s months (from the first month a measure exists to the "as of" month), not before the step above',
        { format: 'YYYY-MM' },
      ),
      col(
        'country',
        'text',
        'no',
        'Country whose panel the step opens (code from countries.csv); empty = panel closed',
        {
          format: 'ISO 3166-1 alpha-3',
        },
      ),
      col('types', 'code-list', 'no', 'Measure types the map shows (ids from types.csv); empty = every type', {
        format: 'type ids separated by ";", e.g. new-prison; curfew',
      }),
      col('links', 'code-list', 'no', 'Policy links the step emphasises (ids from links.csv); empty = none', {
        format: 'link ids separated by ";", e.g. L2; L3',
      }),
      ...text('title', "yes, in each of story.json's languages", 'Title of the step'),
    ],
  },
  stepText: {
    file: 'step_text.csv',
    description: "The sentences of each step, each with the sources it rests on (a measure's or a link's)",
    columns: [
      col('step_id', 'text', 'yes', 'Id of the step (column "id" of steps.csv)'),
      col('position', 'number', 'yes', 'Number of the sentence within its step (1, 2, …): the order it is read in', {
        format: 'whole number',
      }),
      ...text('text', "yes, in each of story.json's languages", 'The sentence (write nothing its sources do not say)'),
      col(
        'cites',
        'code-list',
        'yes',
        'Sources of the sentence: measure:<measure id>#<source number (column "n" of sources.csv)> or link:<link id>#<number in the link\'s source list, the n of the measure it cites>',
        { format: 'cites separated by ";", e.g. measure:sv-cecot#3; link:L3#1' },
      ),
    ],
  },
  caveats: {
    file: 'incarceration_caveats.csv',
    description:
      'Caveats shown with the incarceration rates (leave the three incarceration tables empty for a story without rates)',
    columns: text('caveat', 'yes', 'Caveat'),
  },
  rateSources: {
    file: 'incarceration_sources.csv',
    description: 'Sources of the incarceration rates',
    columns: sourceColumns(col('n', 'text', 'yes', 'Source code', { format: 'R and a number, e.g. R1' })),
  },
  rates: {
    file: 'incarceration_rates.csv',
    description: 'Prisoners per 100,000 population, one row per country',
    columns: [
      col('country', 'text', 'yes', 'Country (code from countries.csv)', { format: 'ISO 3166-1 alpha-3' }),
      ...rate('wpb', 'World Prison Brief / World Prison Population List'),
      ...rate('oas_all_persons', 'OAS, all persons'),
      ...rate('oas_adults', 'OAS, adults'),
    ],
  },
} satisfies Record<string, Table>;

export type TableKey = keyof typeof TABLES;
export const TABLE_LIST: Table[] = Object.values(TABLES);

export const README_FILE = 'README.csv';
/** The story's frame, copied beside the tables by export and back by import (edited as JSON). */
export const STORY_FILE = 'story.json';
export const README_COLUMNS = ['table', 'column', 'description', 'format', 'allowed values', 'required'] as const;

const KIND_FORMAT: Record<Kind, string> = {
  text: 'text',
  number: 'number with a dot for decimals',
  'integer-list': 'whole numbers separated by ";"',
  'code-list': 'codes separated by ";"',
  boolean: 'true or false',
};

/** README.csv: one row per table, then one row per column of that table. */
export function readmeRows(): string[][] {
  const rows: string[][] = [
    [
      README_FILE,
      '',
      'This file. The other CSV files are one table each; UTF-8 with BOM, comma-separated. Edit them, then run npm run data:import <folder>. Empty cell = no value. story.json (countries, region, languages, link kinds) is not a table: edit it as text.',
      '',
      '',
      '',
    ],
  ];
  for (const t of TABLE_LIST) {
    rows.push([t.file, '', t.description, '', '', '']);
    for (const c of t.columns)
      rows.push([
        t.file,
        c.name,
        c.description,
        c.format ?? KIND_FORMAT[c.kind],
        (c.allowed ?? []).join(', '),
        c.required,
      ]);
  }
  return rows;
}
