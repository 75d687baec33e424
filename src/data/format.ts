/**
 * Formatting of dates at their precision, of lists of names, and of figures with their qualifiers
 * and units, for either language. Pure functions. Dates, lists and whole numbers below a million
 * are written from the language's strings, with the text Intl would give (unit tests compare them):
 * building an Intl.DateTimeFormat cost about 30 ms of the first screen, a NumberFormat about 16 and
 * a ListFormat about 8. Fractions, millions and money go through Intl.
 */
import { fill, type Lang, LOCALES, STRINGS } from '../i18n/strings.ts';
import type { FigureValue, PartialDate } from './schema.ts';

export type DatePrecision = 'year' | 'month' | 'day';

export function datePrecision(date: PartialDate): DatePrecision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

/**
 * Intl formatters are costly to build (a date formatter takes ~0.3 ms, and a country panel formats
 * hundreds of dates and numbers), so each one is built once per language and options, then reused.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f as T;
}

/** The language's month names, split once (a panel formats dozens of dates per render). */
const months: Partial<Record<Lang, readonly string[]>> = {};
const monthNames = (lang: Lang): readonly string[] => (months[lang] ??= STRINGS[lang].months.split(' '));

/** "27 March 2022", "March 2022", "2022" (and Spanish equivalents) — never more precise than the source. */
export function formatDate(date: PartialDate | null, lang: Lang): string {
  const s = STRINGS[lang];
  if (date === null) return s.noDate;
  const [year, month, day] = date.split('-').map(Number) as [number, number?, number?];
  if (month === undefined) return String(year);
  const values = { year, month: monthNames(lang)[month - 1] ?? String(month), day: day ?? '' };
  return fill(day === undefined ? s.dateMonth : s.dateDay, values);
}

/** A Spanish /i/ sound at the start of a word ("Italia", "Hidalgo"; not "Hierro", "Huila"). */
const I_SOUND = /^(i|hi)(?![aeouáéóú])/i;

/** "Chile", "Chile and Costa Rica", "A, B and C" (en-GB) / "A, B y C" (and "e" before an /i/ sound). */
export function formatList(items: readonly string[], lang: Lang): string {
  const s = STRINGS[lang];
  if (items.length <= 1) return items[0] ?? '';
  const last = items[items.length - 1] as string;
  const i = I_SOUND.test(last);
  const template = items.length === 2 ? (i ? s.listTwoI : s.listTwo) : i ? s.listManyI : s.listMany;
  return fill(template, { first: items.slice(0, -1).join(', '), last });
}

/**
 * A whole number below a million, as Intl writes it in the language ("12,345"; Spanish groups only
 * from five digits: "1234", "12.345"), without building an Intl.NumberFormat: the first one built
 * cost about 16 ms of the first screen, which shows only counts.
 */
function formatInteger(n: number, lang: Lang): string {
  const s = STRINGS[lang];
  const digits = String(Math.abs(n));
  const grouped =
    digits.length < Number(s.groupFromDigits) ? digits : digits.replace(/\B(?=(\d{3})+$)/g, s.thousandsSeparator);
  return n < 0 || Object.is(n, -0) ? `-${grouped}` : grouped;
}

export function formatNumber(value: number, lang: Lang): string {
  // Millions and up read better as "35 million" than "35,000,000".
  const compact = Math.abs(value) >= 1e6;
  if (!compact && Number.isInteger(value)) return formatInteger(value, lang);
  return cached(
    `number:${lang}:${compact}`,
    () =>
      new Intl.NumberFormat(LOCALES[lang], {
        maximumFractionDigits: 2,
        ...(compact ? { notation: 'compact', compactDisplay: 'long' } : {}),
      }),
  ).format(value);
}

/**
 * Money that readers know by a unit name rather than a currency symbol: the Chilean unidad de
 * fomento is "UF" in the data (the schema refuses its ISO 4217 code, CLF) and is written
 * "4.75 million UF", as Chileans write it. Values in these currencies print as number + the
 * figure's own unit text.
 */
export const CURRENCIES_SHOWN_AS_UNIT: ReadonlySet<string> = new Set(['UF']);

/** "more than 91,000 people", "65–70 inmates per cell", "US$35 million", "4.75 million UF (…)". */
export function formatFigureValue(v: FigureValue, lang: Lang): string {
  const s = STRINGS[lang];
  const qualifier = v.qualifier ? `${s[`qualifier_${v.qualifier}`]} ` : '';
  if (v.currency && !CURRENCIES_SHOWN_AS_UNIT.has(v.currency)) {
    const fmt = (n: number) => formatMoney(n, v.currency as string, lang);
    return `${qualifier}${v.valueMax === undefined ? fmt(v.value) : `${fmt(v.value)}–${fmt(v.valueMax)}`}`;
  }
  const number =
    v.valueMax === undefined
      ? formatNumber(v.value, lang)
      : `${formatNumber(v.value, lang)}–${formatNumber(v.valueMax, lang)}`;
  const unit = v.unit[lang];
  // A unit that starts with the per cent sign ("% drop") takes the language's style: "8% drop", "8 % de caída".
  if (unit.startsWith('%')) return `${qualifier}${fill(s.percent, { number })}${unit.slice(1)}`;
  return `${qualifier}${number} ${unit}`;
}

/**
 * A label ("Maximum-security prison") as it reads inside a sentence: its first letter in lower case,
 * unless its first word is an acronym ("CECOT visits" stays as it is).
 */
export function inSentence(label: string, lang: Lang): string {
  const first = label.split(/[\s-]/)[0] ?? '';
  if (first.length > 1 && first === first.toLocaleUpperCase(lang)) return label;
  return label.charAt(0).toLocaleLowerCase(lang) + label.slice(1);
}

/**
 * A coordinate as the map's data gives it, to at most three decimals (about 100 m): no more
 * precision than the sources support (CECOT's point comes from a Wikipedia mirror; another mirror
 * puts it 0.1 km away), and never padded with zeros it does not have.
 */
export function formatCoordinate(degrees: number): string {
  return String(Math.round(degrees * 1000) / 1000);
}

/** "4 measures" / "1 medida"; zero reads "no measures" / "ninguna medida". */
export function formatCount(n: number, lang: Lang): string {
  const s = STRINGS[lang];
  if (n === 0) return s.noMeasures;
  return `${formatNumber(n, lang)} ${n === 1 ? s.measure : s.measures}`;
}

/**
 * "US$35 million" / "35 millones US$": Intl's compact currency format only abbreviates ("US$35M"),
 * so the currency symbol is taken from Intl and put where the locale puts it, around the long
 * compact number.
 */
export function formatMoney(value: number, currency: string, lang: Lang): string {
  const parts = cached(
    `currency:${lang}:${currency}`,
    () => new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency }),
  ).formatToParts(1);
  const symbol = parts.find((p) => p.type === 'currency')?.value ?? currency;
  const symbolFirst = parts.findIndex((p) => p.type === 'currency') < parts.findIndex((p) => p.type === 'integer');
  const number = formatNumber(value, lang);
  return symbolFirst ? `${symbol}${/^[A-Z]+$/i.test(symbol) ? ' ' : ''}${number}` : `${number} ${symbol}`;
}
