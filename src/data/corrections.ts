/**
 * The corrections and updates log (dataset.json `corrections`, kept oldest first; it travels in the
 * records file) as readers see it: newest first, each entry with what it touched in words, and the
 * entries of one measure or link. Pure functions of the data.
 */
import { type Lang, STRINGS } from '../i18n/strings.ts';
import { formatDate, formatList } from './format.ts';
import { linkDate, linkTitle } from './links.ts';
import type { PolicyData } from './policy-data.ts';
import type { PolicyIndex } from './policy-index.ts';
import type { Correction, Dataset } from './schema.ts';

/** The log, newest first (entries of the same day: the later one first). */
export function correctionsNewestFirst(data: { meta: Pick<Dataset, 'corrections'> }): Correction[] {
  return data.meta.corrections
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.date === b.c.date ? b.i - a.i : a.c.date < b.c.date ? 1 : -1))
    .map((x) => x.c);
}

/** The entries that touched one measure or link, newest first. */
export function correctionsOf(data: { meta: Pick<Dataset, 'corrections'> }, id: string): Correction[] {
  return correctionsNewestFirst(data).filter((c) => c.ids.includes(id));
}

/** "Corrected on 5 December 2026" / "Corrección del 5 de diciembre de 2026". */
export function correctionLabel(c: Pick<Correction, 'kind' | 'date'>, lang: Lang): string {
  return STRINGS[lang][`correction_${c.kind}`].replace('{date}', formatDate(c.date, lang));
}

/**
 * What an entry touched, in words: a measure by its title, a link by its countries and date, a
 * dataset field by its name; "the graphic's own wording" when it names nothing.
 */
export function correctionTargets(data: PolicyIndex | PolicyData, c: Correction, lang: Lang): string {
  const t = STRINGS[lang];
  if (c.ids.length === 0) return t.correctionGraphic;
  const measures = new Map(data.countries.flatMap((country) => country.measures.map((m) => [m.id, m.title[lang]])));
  const names: Record<string, string> = {
    title: t.fieldTitle,
    dek: t.fieldDek,
    credit: t.fieldCredit,
    incarceration: t.ratesTitle,
    methods: t.methodsHeading,
  };
  return formatList(
    c.ids.map((id) => {
      const measure = measures.get(id);
      if (measure) return measure;
      const link = data.meta.links.find((l) => l.id === id);
      if (link)
        return t.correctionLink.replace('{link}', linkTitle(data, link, lang)).replace('{date}', linkDate(link, lang));
      return names[id] ?? id;
    }),
    lang,
  );
}
