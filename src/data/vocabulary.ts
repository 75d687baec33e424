/**
 * The fixed vocabularies of the data: focus countries, measure types and statuses. Kept apart from
 * the zod schema so runtime code can use them without bundling the schema library.
 */

/** ISO 3166-1 alpha-3 codes of the six focus countries, in display order (north to south). */
export const FOCUS_COUNTRIES = ['GTM', 'SLV', 'HND', 'CRI', 'ECU', 'CHL'] as const;
export type CountryCode = (typeof FOCUS_COUNTRIES)[number];
export const isFocusCountry = (code: string): code is CountryCode =>
  (FOCUS_COUNTRIES as readonly string[]).includes(code);

export const MEASURE_TYPES = [
  'state-of-exception',
  'mass-detention',
  'max-security-prison',
  'island-prison',
  'prison-regime',
  'military-deployment',
  'anti-gang-law',
  'international-cooperation',
] as const;
export type MeasureTypeId = (typeof MEASURE_TYPES)[number];

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
