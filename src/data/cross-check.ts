/**
 * Checks that need more than one record or file (unique ids, measures in the right file, links
 * to real measures and sources, coordinates inside their country).
 */
import { COUNTRY_BOUNDS, inBounds } from './bounds.ts';
import { asRecord, type DataProblem, listOf } from './problems.ts';
import { type CountryCode, FOCUS_COUNTRIES } from './vocabulary.ts';

/** Two-letter prefix of measure ids by country ("sv-cecot" belongs in slv.json). */
const ID_PREFIX: Record<CountryCode, string> = { GTM: 'gt', SLV: 'sv', HND: 'hn', CRI: 'cr', ECU: 'ec', CHL: 'cl' };

/** A country file as read, whether or not it passed the schema. */
export interface ReadCountryFile {
  code: CountryCode;
  file: string;
  /** The parsed JSON; undefined when the file is missing or is not valid JSON. */
  json: unknown;
}

const isCountryCode = (value: unknown): value is CountryCode =>
  typeof value === 'string' && (FOCUS_COUNTRIES as readonly string[]).includes(value);

/** Countries a policy link may name: the focus countries and the United States. */
const LINK_ENDPOINTS: readonly string[] = [...FOCUS_COUNTRIES, 'USA'];

/**
 * Checks that need more than one record or file: unique ids, measures in the right file, links
 * pointing at real measures and sources. They run on everything that parsed as JSON, even where the
 * schema found problems, and read it defensively; values of the wrong type are the schema's to report.
 */
export function crossCheck(metaJson: unknown, metaFile: string, read: ReadCountryFile[]): DataProblem[] {
  const problems: DataProblem[] = [];
  interface Occurrence {
    file: string;
    code: CountryCode;
    sources: Set<number>;
  }
  const occurrences = new Map<string, Occurrence[]>();
  for (const { code, file, json } of read) {
    const fileCountry = asRecord(json)?.country;
    if (isCountryCode(fileCountry) && fileCountry !== code)
      problems.push({
        file,
        record: null,
        path: 'country',
        message: `is "${fileCountry}" but the file name says ${code}`,
      });
    for (const item of listOf(asRecord(json)?.measures)) {
      const m = asRecord(item);
      if (typeof m?.id !== 'string') continue;
      // Coordinates must fall inside the country's rough box (catches a swapped sign or lat/lon).
      const location = asRecord(m.location);
      // (Out-of-range degrees are the schema's to report.)
      if (
        isCountryCode(m.country) &&
        typeof location?.lat === 'number' &&
        typeof location.lon === 'number' &&
        Math.abs(location.lat) <= 90 &&
        Math.abs(location.lon) <= 180
      ) {
        const box = COUNTRY_BOUNDS[m.country];
        if (!inBounds(box, location.lat, location.lon))
          problems.push({
            file,
            record: m.id,
            path: 'location',
            message: `lat ${location.lat}, lon ${location.lon} is outside ${m.country} (lat ${box.south} to ${box.north}, lon ${box.west} to ${box.east}); check the sign and the order`,
          });
      }
      const sources = new Set(
        listOf(m.sources).flatMap((s) => (typeof asRecord(s)?.n === 'number' ? [asRecord(s)?.n as number] : [])),
      );
      const list = occurrences.get(m.id) ?? [];
      list.push({ file, code, sources });
      occurrences.set(m.id, list);
      if (isCountryCode(m.country) && m.country !== code)
        problems.push({
          file,
          record: m.id,
          path: 'country',
          message: `is "${m.country}" but the file is for ${code}`,
        });
    }
  }
  // A repeated id is reported where it does not belong: the first use is the one in the file its
  // prefix names ("sv-" → slv.json), else the earliest; every other use is the mistake.
  const byId = new Map<string, Occurrence>();
  for (const [id, list] of occurrences) {
    const first = list.find((o) => id.startsWith(`${ID_PREFIX[o.code]}-`)) ?? (list[0] as Occurrence);
    byId.set(id, first);
    for (const o of list)
      if (o !== first)
        problems.push({
          file: o.file,
          record: id,
          path: 'id',
          message: `is already used by ${o.file === first.file ? 'another measure in this file' : `a measure in ${first.file}`}; ids must be unique`,
        });
  }

  const meta = asRecord(metaJson);
  if (!meta) return problems;
  const unique = (collection: string, what: string) => {
    const seen = new Set<string>();
    for (const item of listOf(meta[collection])) {
      const id = asRecord(item)?.id;
      if (typeof id !== 'string') continue;
      if (seen.has(id))
        problems.push({ file: metaFile, record: id, path: 'id', message: `${what} id is listed twice` });
      seen.add(id);
    }
  };
  unique('types', 'type');
  unique('statuses', 'status');
  unique('links', 'link');
  // An unreadable country file may hold the measure a link names: say nothing rather than guess.
  const allRead = read.every((c) => c.json !== undefined);
  for (const [l, item] of listOf(meta.links).entries()) {
    const link = asRecord(item);
    const record = typeof link?.id === 'string' ? link.id : `links[${l}]`;
    // Endpoints: a focus country or the United States, the only other country the brief links.
    for (const end of ['from', 'to'] as const)
      for (const [i, code] of listOf(link?.[end]).entries())
        if (typeof code === 'string' && /^[A-Z]{3}$/.test(code) && !LINK_ENDPOINTS.includes(code))
          problems.push({
            file: metaFile,
            record,
            path: `${end}[${i}]`,
            message: `must be one of ${LINK_ENDPOINTS.join(', ')}; found "${code}"`,
          });
    for (const [i, refItem] of listOf(link?.refs).entries()) {
      const ref = asRecord(refItem);
      if (typeof ref?.measure !== 'string') continue;
      const m = byId.get(ref.measure);
      if (!m) {
        if (allRead)
          problems.push({
            file: metaFile,
            record,
            path: `refs[${i}].measure`,
            message: `no measure has the id "${ref.measure}"`,
          });
        continue;
      }
      for (const [k, n] of listOf(ref.sources).entries())
        if (typeof n === 'number' && !m.sources.has(n))
          problems.push({
            file: metaFile,
            record,
            path: `refs[${i}].sources[${k}]`,
            message: `measure "${ref.measure}" has no source ${n}`,
          });
    }
  }
  const incarceration = asRecord(meta.incarceration);
  const rateSources = new Set(listOf(incarceration?.sources).map((s) => asRecord(s)?.n));
  for (const [r, item] of listOf(incarceration?.rows).entries()) {
    const row = asRecord(item);
    for (const key of ['wpb', 'oasAllPersons', 'oasAdults'] as const)
      for (const [k, s] of listOf(asRecord(row?.[key])?.sources).entries())
        if (typeof s === 'string' && !rateSources.has(s))
          problems.push({
            file: metaFile,
            record: typeof row?.country === 'string' ? row.country : `rows[${r}]`,
            path: `${key}.sources[${k}]`,
            message: `source ${s} is not in incarceration.sources`,
          });
  }
  return problems;
}
