/**
 * The story's vocabulary, read from its data: focus countries in display order, measure types in
 * legend order, names, facility types, link kinds. The code holds none of these as constants; every
 * reader goes through here. Derived once per dataset (memoised by the data object).
 */
import type { Lang } from '../i18n/strings.ts';
import type { PolicyIndex } from './policy-index.ts';
import type { Text } from './schema.ts';
import type { CountryCode, MeasureTypeId } from './vocabulary.ts';

export interface StoryIndex {
  /** Focus countries, in display order. */
  countries: readonly CountryCode[];
  /** Measure types, in legend order. */
  types: readonly MeasureTypeId[];
  /** Names of the focus countries and of the outside actors links name. */
  names: ReadonlyMap<string, Text>;
  focus: ReadonlySet<CountryCode>;
  /** Types whose measures are places (prisons): symbols, "location not mapped". */
  facilityTypes: ReadonlySet<MeasureTypeId>;
  linkKinds: ReadonlyMap<string, Text>;
}

const cache = new WeakMap<PolicyIndex, StoryIndex>();

export function storyIndex(data: PolicyIndex): StoryIndex {
  let index = cache.get(data);
  if (!index) {
    const { story, meta } = data;
    index = {
      countries: story.countries.map((c) => c.code),
      types: meta.types.map((t) => t.id),
      names: new Map([...story.countries, ...story.outsideActors].map((c) => [c.code, c.name])),
      focus: new Set(story.countries.map((c) => c.code)),
      facilityTypes: new Set(meta.types.filter((t) => t.facility).map((t) => t.id)),
      linkKinds: new Map(story.linkKinds.map((k) => [k.id, k.label])),
    };
    cache.set(data, index);
  }
  return index;
}

/** The focus countries, in display order. */
export const countryCodes = (data: PolicyIndex): readonly CountryCode[] => storyIndex(data).countries;

/** The measure types, in legend order. */
export const typeIds = (data: PolicyIndex): readonly MeasureTypeId[] => storyIndex(data).types;

export const isFocusCountry = (data: PolicyIndex, code: string): code is CountryCode =>
  storyIndex(data).focus.has(code);

/** A focus country's or an outside actor's name in the reader's language; the code itself when unknown (the data check refuses those). */
export function countryName(data: PolicyIndex, code: string, lang: Lang): string {
  return storyIndex(data).names.get(code)?.[lang] ?? code;
}

export const isFacilityType = (data: PolicyIndex, type: MeasureTypeId): boolean =>
  storyIndex(data).facilityTypes.has(type);

/** The story's link kinds as one phrase for the legend: "visit, agreement or cooperation, …". */
export function linkKindList(data: PolicyIndex, lang: Lang): string {
  return data.story.linkKinds
    .map((k) => k.label[lang].charAt(0).toLocaleLowerCase(lang) + k.label[lang].slice(1))
    .join(', ');
}

/** The point an outside actor's tag hangs above (story.json `outsideActors[].anchor`). */
export function outsideAnchor(data: PolicyIndex, code: string): [number, number] | undefined {
  return data.story.outsideActors.find((a) => a.code === code)?.anchor;
}

/** A link kind's label ("Visit"); the id itself when unknown (the data check refuses those). */
export function linkKindLabel(data: PolicyIndex, kind: string, lang: Lang): string {
  return storyIndex(data).linkKinds.get(kind)?.[lang] ?? kind;
}
