/**
 * Policy links (who visited, cited or copied whom) as readers see them: their ends' names, an
 * accessible name with the date in words, their sources resolved from the measures they cite, each
 * country's links, and the pairs of places the map draws them by (one arc and marker per pair,
 * named "Costa Rica and El Salvador: 7 links, November 2024 – February 2026"). Pure; the time rule
 * (when a link exists, when it has ended) is timeline.ts.
 */
import type { Lang } from '../i18n/strings.ts';
import { fill, STRINGS } from '../i18n/strings.ts';
import { formatDate, formatList } from './format.ts';
import type { PolicyData } from './policy-data.ts';
import type { MeasureIndex, PolicyIndex } from './policy-index.ts';
import type { Measure, Source } from './schema.ts';
import { countryName, isFocusCountry } from './story.ts';
import { asOfMonth, type LinkAtMonth, linksAt, type Month, monthOf, type PolicyLink } from './timeline.ts';
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

/** A link shown at a month, with its state then (what `linksShownAt` lists). */
export type ShownLinkAt = ReturnType<typeof linksAt>[number];

/**
 * The links between one pair of places at a month: all of them, in either direction, share one
 * arc and one marker. A link with several origins or destinations belongs to each pair of an
 * origin and a destination ("Chile → El Salvador and United States" to Chile–El Salvador and to
 * Chile–United States).
 */
export interface LinkPair {
  /** The two places' codes, sorted and joined: "AAA|BBB". */
  key: string;
  /** The two places' codes, in that order. */
  ends: [string, string];
  /** Its links, oldest first, undated last (as `linksShownAt` orders them). */
  links: ShownLinkAt[];
  /** Arrowheads: some link points to `ends[0]`, to `ends[1]` (a mutual link to both). */
  toFirst: boolean;
  toSecond: boolean;
  /** Every link of the pair has ended. */
  ended: boolean;
  /** Some link of the pair has no date. */
  undated: boolean;
}

/** The pairs of places `shown` (oldest first) joins, in the order of their first link. */
export function linkPairs(shown: readonly ShownLinkAt[]): LinkPair[] {
  const pairs = new Map<string, LinkPair>();
  for (const s of shown) {
    const seen = new Set<string>();
    for (const f of s.link.from)
      for (const t of s.link.to) {
        if (f === t) continue;
        const ends = [f, t].sort() as [string, string];
        const key = ends.join('|');
        let pair = pairs.get(key);
        if (!pair) {
          pair = { key, ends, links: [], toFirst: false, toSecond: false, ended: true, undated: false };
          pairs.set(key, pair);
        }
        if (!seen.has(key)) pair.links.push(s);
        seen.add(key);
        if (s.link.mutual || t === ends[0]) pair.toFirst = true;
        if (s.link.mutual || t === ends[1]) pair.toSecond = true;
        if (!s.ended) pair.ended = false;
        if (s.undated) pair.undated = true;
      }
  }
  return [...pairs.values()];
}

/** The pairs of places the links drawn at `month` join (map and image). */
export function pairsAt(data: PolicyIndex, month: Month): LinkPair[] {
  return linkPairs(linksShownAt(data, month));
}

/** A name as it sorts in a list of names: without accents, lower-case (no collator: see `compareDates`). */
const sortable = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** How many places each place has links with, over all the data's links (whatever the month). */
const partnerCounts = new WeakMap<PolicyIndex, Map<string, number>>();
function partners(data: PolicyIndex): Map<string, number> {
  let counts = partnerCounts.get(data);
  if (!counts) {
    const pairs = linkPairs(data.meta.links.map((link) => ({ link, exists: true, ended: false, undated: false })));
    counts = new Map();
    for (const c of pairs.flatMap((p) => p.ends)) counts.set(c, (counts.get(c) ?? 0) + 1);
    partnerCounts.set(data, counts);
  }
  return counts;
}

/**
 * "Costa Rica and El Salvador" / "Costa Rica y El Salvador": the place linked with fewer places
 * first, so the story's hub (El Salvador, linked with six) always comes second, at every month;
 * else in the order of their names.
 */
export function pairTitle(data: PolicyIndex, pair: Pick<LinkPair, 'ends'>, lang: Lang): string {
  const degree = partners(data);
  const names = [...pair.ends]
    .sort(
      (a, b) =>
        (degree.get(a) ?? 0) - (degree.get(b) ?? 0) ||
        compareDates(sortable(countryName(data, a, lang)), sortable(countryName(data, b, lang))),
    )
    .map((c) => countryName(data, c, lang));
  return formatList(names, lang);
}

/** The first month of a date's period ('2025' → '2025-01'), for ordering dates of mixed precision. */
const periodStart = (d: string) => (d.length === 4 ? `${d}-01` : d.slice(0, 7));

/**
 * The span of a pair's dated links in words, at month precision at most and never finer than the
 * dates: "November 2024 – February 2026", "April 2024", "2023 – March 2025" ("2023" never becomes
 * "December 2023"). It runs from the start of the earliest date to the end of the latest, an end
 * date counted once the link has ended. Null when no link has a date.
 */
export function pairSpan(pair: Pick<LinkPair, 'links'>, lang: Lang): string | null {
  const dates = pair.links.flatMap(({ link, ended }) =>
    link.date === null ? [] : [link.date, ...(ended && link.endDate ? [link.endDate] : [])],
  );
  if (dates.length === 0) return null;
  const coarse = (d: string) => d.slice(0, 7);
  // Ties go to the coarser date, so a year and a month of it read as the year.
  const first = dates.reduce((a, b) =>
    periodStart(b) < periodStart(a) || (periodStart(b) === periodStart(a) && b.length < a.length) ? b : a,
  );
  const last = dates.reduce((a, b) =>
    monthOf(b) > monthOf(a) || (monthOf(b) === monthOf(a) && b.length < a.length) ? b : a,
  );
  const from = formatDate(coarse(first), lang);
  const to = formatDate(coarse(last), lang);
  return from === to ? from : `${from} – ${to}`;
}

/**
 * What a pair's marker says after its places: "7 links, November 2024 – February 2026",
 * "2 links, October 2025, 1 undated", "1 link, March 2025 – July 2025, ended".
 */
export function pairSummary(pair: LinkPair, lang: Lang): string {
  const s = STRINGS[lang];
  const n = pair.links.length;
  const count = n === 1 ? s.pairOneLink : fill(s.pairLinks, { n });
  const undated = pair.links.filter((l) => l.link.date === null).length;
  const span = pairSpan(pair, lang);
  const when = span === null ? s.linkUndated : undated > 0 ? `${span}, ${fill(s.pairUndated, { n: undated })}` : span;
  const ended = pair.ended ? `, ${n === 1 ? s.linkEnded : s.pairAllEnded}` : '';
  return `${count}, ${when}${ended}`;
}

/** The accessible name of a pair's marker: "Costa Rica and El Salvador: 7 links, November 2024 – February 2026". */
export function pairName(data: PolicyIndex, pair: LinkPair, lang: Lang): string {
  return fill(STRINGS[lang].pairName, { places: pairTitle(data, pair, lang), summary: pairSummary(pair, lang) });
}

/**
 * Whether a pair is faded while a story step is shown: the step's links (`stepLinks`; null when no
 * step is shown) are drawn in full, every pair that holds none of them faded.
 */
export function pairFaded(pair: Pick<LinkPair, 'links'>, stepLinks: readonly string[] | null): boolean {
  return stepLinks !== null && !pair.links.some((l) => stepLinks.includes(l.link.id));
}

/** The ends of `links` that are not focus countries (the story's outside actors), each once. */
export function outsideActors(data: PolicyIndex, links: readonly { from: string[]; to: string[] }[]): string[] {
  return [...new Set(links.flatMap((l) => [...l.from, ...l.to]))].filter((c) => !isFocusCountry(data, c));
}
