/**
 * Figures repeated in prose: a measure's texts often repeat one of its figures ("a 5,100-inmate
 * prison costing US$35 million"), and when the figure is edited the text goes stale silently. This
 * check reads every number in a measure's texts, in every language, and warns when one is none of
 * the measure's figure values. Warnings are not errors: the data check still passes.
 *
 * Read: the title, summary, status note, the notes of the dated events, the timeline, the facts,
 * the place and the concerns. Not read: a figure's own label, unit and notes (they describe the
 * figure), and the sources.
 *
 * A number is compared at its scale ("35 million", "35 millones" = 35000000) with every value and
 * upper end of the measure's figures, and with the numbers written in the figures' own labels, units
 * and notes ("extensions of 30 days"); a per cent sign changes nothing ("78 %" = 78). It must equal
 * one of them, except after a word that says it is rounded ("about 15,000", "more than 91,300",
 * "unos 1.030"): then it may differ by less than one unit of its last non-zero digit (about 40,000
 * covers 39,001 to 40,999; about 35 million covers 34 to 36 million, not 36.5 million).
 *
 * Not figures, by rule: years (1500 to 2099 written without a separator, so a Spanish "1500
 * reclusos" is taken for a year), days next to a month ("21 October", "8 and 11 October", "2 al 31
 * de marzo"), times (23:00), decree, law and article numbers ("Decree 11-2025", "Ley 21.783",
 * "articles 69, 78 and 99"), numbers joined to letters ("MS-13", "48th", "48.ª", "41 bis"), the
 * base of a rate ("per 100,000") and citation markers ("[1]"). Any other number that is not a
 * figure (a count the brief gives only in a fact, a name such as "Barrio 18") is listed, as
 * written, in the measure's `notFigures`.
 */

import type { Measure, Text } from '../data/schema.ts';
import type { Lang } from '../i18n/strings.ts';
import { asRecord, type DataProblem, formatProblem, listOf } from './problems.ts';

/** A number as a text writes it. */
export interface ProseNumber {
  /** Digits and separators as written ("1,030", "5.100", "35"): what `notFigures` lists. */
  written: string;
  /** Its value at its scale: "35 millones" → 35000000. */
  value: number;
  /** After a word that says it is rounded ("about", "more than", "unos", "más de"). */
  approximate: boolean;
}

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';

/** Word boundaries that know accented letters (`\b` does not). */
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';

/**
 * Spans that hold numbers which are not figures, by rule. Each match is blanked before the numbers
 * are read (the text keeps its length, so what is left keeps its context).
 */
const NOT_FIGURES: RegExp[] = [
  // Citation markers: [1], [3, 4].
  /\[\d+(?:\s*[,;–-]\s*\d+)*\]/gu,
  // Times: 23:00.
  /(?<!\d)\d{1,2}:\d{2}(?!\d)/gu,
  // Decree and law numbers: Decree 110, Decreto Ejecutivo 110, PCM 29-2022, Ley 21.783, decree 3056-91.
  new RegExp(
    `${START}(?:decrees?|decretos?|laws?|ley|leyes|pcm)(?:\\s+(?:executive|legislative|ejecutivo|legislativo|pcm|no\\.|n\\.º|number|número))*\\s+\\d+(?:[.,-]\\d+)*`,
    'giu',
  ),
  // Article and paragraph numbers, with their lists: articles 69, 78 and 99; art. 12 inc. 2.
  new RegExp(
    `${START}(?:articles?|arts?\\.|artículos?|paras?\\.|párr\\.|párrafos?|inc\\.|incisos?)\\s+\\d+(?:(?:\\s*,\\s*|\\s+(?:and|or|y|e|o)\\s+)\\d+${END})*`,
    'giu',
  ),
  // Numbered ids: 11-2025, 01-2023, 3056-91.
  /(?<![\d.,])\d+-\d+(?![\d.,]*\d)/gu,
  // Days next to a month: 21 October, 8 and 11 October, 2 to 31 March; 1 de abril, 2 al 31 de marzo.
  new RegExp(
    `${START}\\d{1,2}(?:\\s*(?:–|-|to|and|al|a|y)\\s*(?:el\\s+)?\\d{1,2})?\\s+(?:de\\s+)?(?:${MONTHS})${END}`,
    'giu',
  ),
  // Month, then day: October 21.
  new RegExp(`${START}(?:${MONTHS})\\s+\\d{1,2}${END}(?![.,]\\d)`, 'giu'),
  // Ordinals and numbers joined to letters: 48th, 48.ª, 1.º, 41 bis, MS-13, zone-18 (not Q450: quetzales).
  /(?<![\d.,])\d+(?:st|nd|rd|th|\.?[ºª°])(?![\p{L}\p{N}])/gu,
  /(?<![\d.,])\d+\s?-?\s?(?:bis|ter)(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])(?!(?:Q|L)\d)\p{L}+-?\d+(?:[.,]\d+)*/gu,
  // The base of a rate: per 100,000; por cada 100.000.
  new RegExp(`${START}(?:per|por cada)\\s+\\d+(?:[.,]\\d+)*`, 'giu'),
  // Years: 1798, 2025, 2022–2026 (not 2,000, not 2025 million).
  /(?<![\d.,$])(?:1[5-9]\d\d|20\d\d)(?![.,]?\d)(?!\s*(?:%|per cent|million|millones|mil(?![\p{L}])))/gu,
];

/** A number as written in each language: thousands separators, then a decimal part. */
const NUMBER: Record<Lang, RegExp> = {
  en: /(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])/gu,
  es: /(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d])/gu,
};

/** Words after a number that scale it. */
const SCALES: [RegExp, number][] = [
  [/^\s*mil\s+millones(?![\p{L}])/iu, 1e9],
  [/^\s*(?:billion|bn)(?![\p{L}])/iu, 1e9],
  [/^\s*(?:millions?|millones|millón)(?![\p{L}])/iu, 1e6],
  [/^\s*(?:thousand|mil)(?![\p{L}])/iu, 1e3],
];

/** Words before a number that say it is rounded (a currency sign may come between). */
const ROUNDED = new RegExp(
  `${START}(?:about|around|some|nearly|almost|roughly|approximately|over|more than|fewer than|less than|at least|close to|up to|under|unos|unas|cerca de|casi|más de|menos de|alrededor de|aproximadamente|al menos|hasta|poco más de)\\s+(?:US\\$|\\$|Q|L|€)?\\s*$`,
  'iu',
);

/** The text with every span that is not a figure by rule blanked out. */
function blankNotFigures(text: string): string {
  let out = text;
  for (const re of NOT_FIGURES) out = out.replace(re, (m) => ' '.repeat(m.length));
  return out;
}

function parseWritten(written: string, lang: Lang): number {
  const [thousands, decimal] = lang === 'en' ? [',', '.'] : ['.', ','];
  return Number(written.split(thousands).join('').replace(decimal, '.'));
}

/** Every number in a text that is not a year, date, decree number or the like. */
export function numbersIn(text: string, lang: Lang): ProseNumber[] {
  const blanked = blankNotFigures(text);
  return [...blanked.matchAll(NUMBER[lang])].map((m) => {
    const written = m[1] as string;
    const at = m.index ?? 0;
    const after = blanked.slice(at + written.length);
    const scale = SCALES.find(([re]) => re.test(after))?.[1] ?? 1;
    return {
      written,
      value: parseWritten(written, lang) * scale,
      approximate: ROUNDED.test(blanked.slice(Math.max(0, at - 30), at)),
    };
  });
}

/** One unit of the number's last non-zero digit, at its scale: 15,000 → 1,000; 17.2 → 0.1. */
function precision(n: ProseNumber, lang: Lang): number {
  const plain = parseWritten(n.written, lang);
  const scale = n.value / plain;
  const [whole = '', decimals = ''] = String(plain).split('.');
  if (decimals) return 10 ** -decimals.length * scale;
  const zeros = whole.length - whole.replace(/0+$/, '').length;
  return 10 ** zeros * scale;
}

/** True when the number is one of the values (or, when rounded, close to one). */
export function isFigure(n: ProseNumber, lang: Lang, values: readonly number[]): boolean {
  if (values.some((v) => Math.abs(v - n.value) < 1e-9 * Math.max(1, Math.abs(v)))) return true;
  if (!n.approximate) return false;
  const unit = precision(n, lang);
  return values.some((v) => Math.abs(v - n.value) < unit);
}

/**
 * What a number in the measure's `lang` texts may repeat: every value and upper end of its figures,
 * and the numbers written in the figures' own labels, units and notes ("extensions of 30 days",
 * "of 298 municipalities"), which describe them.
 */
function figureNumbers(m: Measure, lang: Lang): number[] {
  return m.figures.flatMap((f) => [
    ...f.values.flatMap((v) => [v.value, ...(v.valueMax === undefined ? [] : [v.valueMax])]),
    ...[f.label, f.note, ...f.values.flatMap((v) => [v.unit, v.note])].flatMap((t) =>
      t ? numbersIn(t[lang], lang).map((n) => n.value) : [],
    ),
  ]);
}

/** The measure's prose: field path → text, in reading order. */
function proseFields(m: Measure): [string, Text][] {
  const out: [string, Text][] = [
    ['title', m.title],
    ['summary', m.summary],
  ];
  const add = (path: string, text: Text | undefined) => {
    if (text) out.push([path, text]);
  };
  add('status.note', m.status.note);
  add('status.since.note', m.status.since?.note);
  for (const key of ['announced', 'started', 'ended'] as const) add(`dates.${key}.note`, m.dates[key]?.note);
  for (const [i, t] of m.timeline.entries()) add(`timeline[${i}].text`, t.text);
  for (const [i, f] of m.facts.entries()) add(`facts[${i}].text`, f.text);
  add('location.place', m.location?.place);
  for (const [i, c] of m.concerns.entries()) add(`concerns[${i}].text`, c.text);
  return out;
}

const LANG_NAMES: Record<Lang, string> = { en: 'English', es: 'Spanish' };

const shown = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 6 });

/** The warning for a number that is none of the figures' numbers. */
function notAFigure(file: string, m: Measure, path: string, lang: Lang, n: ProseNumber, values: number[]): DataProblem {
  const scaled = n.value === parseWritten(n.written, lang) ? '' : ` (${shown(n.value)})`;
  const compared = values.length > 0 ? `compared with ${[...new Set(values)].map(shown).join('; ')}` : 'it has none';
  return {
    file,
    record: m.id,
    path: `${path}.${lang}`,
    message: `the number ${n.written}${scaled} in the ${LANG_NAMES[lang]} text is none of this measure's figures (${compared}): if a figure changed, update the text; if this number is not one of the figures, list "${n.written}" in the measure's notFigures`,
  };
}

/** The warnings for one measure: numbers that are no figure, and listings that match no number. */
function measureWarnings(file: string, m: Measure): DataProblem[] {
  const marked = new Set(m.notFigures ?? []);
  const seen = new Set<string>();
  const figures = new Map<Lang, number[]>();
  const out: DataProblem[] = [];
  for (const [path, text] of proseFields(m))
    for (const lang of Object.keys(text) as Lang[]) {
      if (!figures.has(lang)) figures.set(lang, figureNumbers(m, lang));
      const values = figures.get(lang) ?? [];
      for (const n of numbersIn(text[lang], lang)) {
        seen.add(n.written);
        if (!marked.has(n.written) && !isFigure(n, lang, values)) out.push(notAFigure(file, m, path, lang, n, values));
      }
    }
  for (const [i, written] of (m.notFigures ?? []).entries())
    if (!seen.has(written))
      out.push({
        file,
        record: m.id,
        path: `notFigures[${i}]`,
        message: `"${written}" is in none of this measure's texts (as written there): remove it from notFigures`,
      });
  return out;
}

/**
 * The warnings for a country file that passed the schema: every number in a measure's prose that
 * is none of its figures and not listed in its `notFigures`, and every listing that is stale.
 */
export function figuresInProse(file: string, json: unknown): DataProblem[] {
  return listOf(asRecord(json)?.measures).flatMap((m) => measureWarnings(file, m as Measure));
}

/** The warnings as `npm run check-data` and the build print them. */
export function formatWarnings(warnings: readonly DataProblem[]): string {
  const n = warnings.length;
  return `${n} warning${n === 1 ? '' : 's'} (the data is valid; check each, see notFigures in src/data/schema.ts):\n${warnings.map(formatProblem).join('\n')}`;
}
