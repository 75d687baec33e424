/**
 * What every copy of the data says about itself: a citation of the view a reader is looking at,
 * and the credit block each download carries (licence, credit, version, "as of", the corrections
 * log). Pure functions of the data; the UI supplies the URL and the day.
 */
import { fill, type Lang, STRINGS } from '../i18n/strings.ts';
import { correctionsNewestFirst } from './corrections.ts';
import { formatDate } from './format.ts';
import type { PolicyData } from './policy-data.ts';
import type { PolicyIndex } from './policy-index.ts';
import type { Correction, Dataset } from './schema.ts';

/** "data version 1a2b3c4d". */
export function versionLabel(data: Pick<PolicyIndex, 'version'>, lang: Lang): string {
  return fill(STRINGS[lang].dataVersion, { version: data.version });
}

/** "Data licence: CC BY 4.0". */
export function licenceLabel(data: Pick<PolicyIndex, 'meta'>, lang: Lang): string {
  return fill(STRINGS[lang].dataLicence, { licence: data.meta.licence.name });
}

/** The day as YYYY-MM-DD in the reader's own calendar (not UTC: "retrieved" is the reader's day). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A ready citation: title, "as of" date, data version, credit, licence, the view's URL and the
 * day it was retrieved, in the reader's language.
 */
export function citation(data: Pick<PolicyIndex, 'meta' | 'version'>, lang: Lang, url: string, today: Date): string {
  return fill(STRINGS[lang].citation, {
    title: data.meta.title[lang],
    asOf: formatDate(data.meta.asOf, lang),
    version: versionLabel(data, lang),
    credit: data.meta.credit[lang],
    licence: licenceLabel(data, lang),
    url,
    today: formatDate(localDay(today), lang),
  });
}

/** The credit block of a download (README, "Downloads"). */
export interface DownloadCredits {
  title: string;
  asOf: string;
  version: string;
  licence: Dataset['licence'];
  credit: string;
  /** The whole log, newest first, each text in the reader's language. */
  corrections: (Pick<Correction, 'date' | 'kind' | 'ids'> & { text: string })[];
}

export function downloadCredits(data: PolicyData, lang: Lang): DownloadCredits {
  return {
    title: data.meta.title[lang],
    asOf: data.meta.asOf,
    version: data.version,
    licence: data.meta.licence,
    credit: data.meta.credit[lang],
    corrections: correctionsNewestFirst(data).map((c) => ({
      date: c.date,
      kind: c.kind,
      ids: c.ids,
      text: c.text[lang],
    })),
  };
}
