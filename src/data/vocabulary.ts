/**
 * The vocabularies of the data. Which countries and measure types a story has is data
 * (`content/story.json`, `content/dataset.json`; read them through `story.ts`); only the statuses
 * are fixed here, because the time model (timeline.ts) knows what each one means: a measure that is
 * 'operating' today was 'under-construction' before it opened. Kept apart from the zod schema so
 * runtime code can use them without bundling the schema library.
 */

/** ISO 3166-1 alpha-3 code of a country ("PER"); a story's focus countries are listed in its story.json. */
export type CountryCode = string;

/** Id of one of the story's measure types (dataset.json `types`). */
export type MeasureTypeId = string;

/** The lifecycle statuses, in order; a story labels the ones it uses (dataset.json `statuses`). */
export const STATUSES = [
  'proposed',
  'approved',
  'under-construction',
  'in-force',
  'operating',
  'stalled',
  'ended',
] as const;
export type Status = (typeof STATUSES)[number];
