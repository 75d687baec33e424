/**
 * Policy links (who visited, cited or copied whom) as readers see them: their ends' names, an
 * accessible name with the date in words, their sources resolved from the measures they cite, and
 * each country's links. Pure; the time rule (when a link exists, when it has ended) is timeline.ts.
 */
import type { Lang } from '../i18n/strings.ts';
import { STRINGS } from '../i18n/strings.ts';
import { formatDate, formatList } from './format.ts';
import type { PolicyData } from './policy-data.ts';
import type { MeasureIndex, PolicyIndex } from './policy-index.ts';
import type { Measure, Source } from './schema.ts';
import { countryName, isFocusCountry } from './story.ts';
import { asOfMonth, type LinkAtMonth, linksAt, type Month, type PolicyLink } from './timeline.ts';
import type { CountryCode } from './vocabulary.ts';

/** "Chile", "El Salvador and United States" / "El Salvador y Estados Unidos". */
function names(data: PolicyIndex, codes: string[], lang: Lang): string {
  return formatList(
    codes.map((c) => countryName(data, c, lang)),
    lang,
  );
}

/** "Chile → El Salvador" (↔ for mutual links). */
export function linkTitle(data: PolicyIndex, link: PolicyLink, lang: Lang): string {
  return `${names(data, link.from, lang)} ${link.mutual ? '↔' : '→'} ${names(data, link.to, lang)}`;
}

/**
 * The link's date in words, at the data's precision: "30 January 2026", "April 2024",
 * "16 March 2025 – 18 July 2025", or "undated (after 15 October 2025)".
 */
export function linkDate(link: PolicyLink, lang: Lang): string {
  const s = STRINGS[lang];
  if (link.date === null) return link.dateNote ? `${s.linkUndated} (${link.dateNote[lang]})` : s.linkUndated;
  const start = formatDate(link.date, lang);
  return link.endDate ? `${start} – ${formatDate(link.endDate, lang)}` : start;
}

/** The accessible name of a link's button: "Chile → El Salvador, 30 January 2026" (+ ", ended"). */
export function linkName(data: PolicyIndex, link: PolicyLink, state: Pick<LinkAtMonth, 'ended'>, lang: Lang): string {
  const ended = state.ended ? `, ${STRINGS[lang].linkEnded}` : '';
  return `${linkTitle(data, link, lang)}, ${linkDate(link, lang)}${ended}`;
}

export interface LinkSource {
  /** The measure the source belongs to (its numbering is that measure's). */
  measure: Measure;
  country: CountryCode;
  source: Source;
}

/** The link's sources, in the order its refs give them, each with the measure that numbers it. */
export function linkSources(data: PolicyData, link: PolicyLink): LinkSource[] {
  return link.refs.flatMap((ref) => {
    for (const file of data.countries) {
      const measure = file.measures.find((m) => m.id === ref.measure);
      if (!measure) continue;
      return ref.sources.flatMap((n) => {
        const source = measure.sources.find((s) => s.n === n);
        return source ? [{ measure, country: file.country, source }] : [];
      });
    }
    return [];
  });
}

/** The first measure a link cites, and its country: where "read more" opens the panel. */
export function linkMeasure(
  data: PolicyIndex,
  link: PolicyLink,
): { country: CountryCode; measure: MeasureIndex } | null {
  for (const ref of link.refs)
    for (const file of data.countries) {
      const measure = file.measures.find((m) => m.id === ref.measure);
      if (measure) return { country: file.country, measure };
    }
  return null;
}

/**
 * ISO dates ("2024-04", "2024-04-15") in time order, by code unit: `localeCompare` would build a
 * collator inside the engine, about 10 ms of the first screen, to order digits.
 */
function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A country's links at `month`, in both directions, newest first; undated ones last. */
export function linksOfCountry(
  data: PolicyIndex,
  country: CountryCode,
  month: Month = asOfMonth(data),
): ReturnType<typeof linksAt> {
  return linksAt(data, month)
    .filter(({ link }) => link.from.includes(country) || link.to.includes(country))
    .sort((a, b) => compareDates(b.link.date ?? '', a.link.date ?? ''));
}

/** The links drawn at `month`: those that exist then, oldest first, undated last (map and image). */
export function linksShownAt(data: PolicyIndex, month: Month): ReturnType<typeof linksAt> {
  return linksAt(data, month).sort((a, b) => compareDates(a.link.date ?? '9999', b.link.date ?? '9999'));
}

/** The ends of `links` that are not focus countries (the story's outside actors), each once. */
export function outsideActors(data: PolicyIndex, links: readonly { from: string[]; to: string[] }[]): string[] {
  return [...new Set(links.flatMap((l) => [...l.from, ...l.to]))].filter((c) => !isFocusCountry(data, c));
}
