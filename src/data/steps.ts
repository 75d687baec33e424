/**
 * The story's steps (dataset.json `steps`): what each sets (store.ts `StepSettings`), its numbered
 * sources (each sentence's cites, numbered [1], [2]… in order of first appearance and resolved to
 * the measure's source), and what is new at a step (for the live region).
 */

import type { Lang } from '../i18n/strings.ts';
import { linkSources } from './links.ts';
import type { PolicyData } from './policy-data.ts';
import type { PolicyIndex } from './policy-index.ts';
import type { Measure, Source } from './schema.ts';
import { countryName } from './story.ts';
import { asOfMonth, existingAt, type Month } from './timeline.ts';
import type { CountryCode, MeasureTypeId } from './vocabulary.ts';

export type StoryStep = NonNullable<PolicyIndex['meta']['steps']>[number];
export type StepCite = StoryStep['text'][number]['cites'][number];

/** The story's steps, oldest first; none when the data has none. */
export function storySteps(data: PolicyIndex): readonly StoryStep[] {
  return data.meta.steps ?? [];
}

/** What each step sets, for the store. */
export function stepSettings(data: PolicyIndex) {
  return storySteps(data).map((s) => ({
    month: s.month,
    ...(s.country ? { country: s.country as CountryCode } : {}),
    ...(s.types ? { types: s.types as MeasureTypeId[] } : {}),
    ...(s.links ? { links: s.links } : {}),
  }));
}

export interface CitedSource {
  measure: Measure;
  source: Source;
}

/** The source a cite names: a measure's source by its number, or a link's (numbered as its measure numbers it). */
function resolve(data: PolicyData, cite: StepCite): CitedSource | null {
  if ('link' in cite && cite.link) {
    const link = data.meta.links.find((l) => l.id === cite.link);
    const found = link ? linkSources(data, link).find((s) => s.source.n === cite.source) : undefined;
    return found ? { measure: found.measure, source: found.source } : null;
  }
  for (const file of data.countries) {
    const measure = file.measures.find((m) => m.id === cite.measure);
    const source = measure?.sources.find((s) => s.n === cite.source);
    if (measure && source) return { measure, source };
  }
  return null;
}

/**
 * A step's sources, numbered from 1 in order of first appearance, and each sentence's numbers. A
 * source cited again keeps its first number, and so does the same page cited through another
 * measure (same URL); a sentence lists each number once.
 */
export function stepSources(data: PolicyData, step: StoryStep): { sources: CitedSource[]; numbers: number[][] } {
  const sources: CitedSource[] = [];
  const numbers = step.text.map((sentence) => {
    const own = sentence.cites.flatMap((cite) => {
      const found = resolve(data, cite);
      if (!found) return [];
      const at = sources.findIndex((s) => s.source.url === found.source.url);
      if (at >= 0) return [at + 1];
      sources.push(found);
      return [sources.length];
    });
    return [...new Set(own)];
  });
  return { sources, numbers };
}

/**
 * The measures that exist at `month` and not at `before` (the previous step's month; null = the
 * story's start, when everything that exists is new), among `types` (all when omitted).
 */
export function newAtStep(
  data: PolicyIndex,
  month: Month,
  before: Month | null,
  types?: readonly string[],
): { country: CountryCode; type: MeasureTypeId }[] {
  const asOf = asOfMonth(data);
  const now = existingAt(month, asOf);
  const then = before ? existingAt(before, asOf) : () => false;
  return data.countries.flatMap((c) =>
    c.measures
      .filter((m) => (!types || types.includes(m.type)) && now(m) && !then(m))
      .map((m) => ({ country: c.country as CountryCode, type: m.type as MeasureTypeId })),
  );
}

/** What the live region says at step `n`: its title, and what is new since the step before. */
export function stepAnnouncement(data: PolicyIndex, n: number, lang: Lang): { title: string; news: string[] } {
  const steps = storySteps(data);
  const step = steps[n - 1];
  if (!step) return { title: '', news: [] };
  const before = steps[n - 2]?.month ?? null;
  const news = newAtStep(data, step.month, before, step.types).map(({ country, type }) => {
    const label = data.meta.types.find((t) => t.id === type)?.label[lang] ?? type;
    return `${countryName(data, country, lang)}, ${label.toLocaleLowerCase(lang)}`;
  });
  return { title: step.title[lang], news: [...new Set(news)] };
}
