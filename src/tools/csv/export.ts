/**
 * `npm run data:export`: writes the content folder's JSON as CSV tables (see tables.ts) that a
 * spreadsheet opens cleanly: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting.
 * Everything in the JSON is in some table, so `data:import` rebuilds the same files.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CSV_OPTIONS } from '../../data/export.ts';
import { CONTENT_DIR, loadPolicyData } from '../load-dataset.ts';
import {
  LANGS,
  LIST_SEPARATOR,
  README_COLUMNS,
  README_FILE,
  readmeRows,
  STORY_FILE,
  TABLES,
  type Table,
  type TableKey,
} from './tables.ts';

type Json = Record<string, unknown>;
type Row = Record<string, string>;

/** Writes one CSV: BOM, header row, CRLF, fields quoted only when they need it. */
export function toCsvText(header: readonly string[], rows: string[][]): string {
  return stringify([header as string[], ...rows], CSV_OPTIONS);
}

const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const list = (v: unknown): string => (Array.isArray(v) ? v.join(`${LIST_SEPARATOR} `) : '');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** `{ en, es }` → `{ <name>_en, <name>_es }`. */
function text(name: string, v: unknown): Row {
  const t = obj(v);
  return Object.fromEntries(LANGS.map((l) => [`${name}_${l}`, cell(t[l])]));
}

function dated(prefix: string, v: unknown): Row {
  const e = obj(v);
  return {
    [`${prefix}_date`]: cell(e.date),
    ...text(`${prefix}_note`, e.note),
    [`${prefix}_sources`]: list(e.sources),
  };
}

function source(s: Json): Row {
  return {
    n: cell(s.n),
    publisher: cell(s.publisher),
    headline: cell(s.headline),
    headline_kind: cell(s.headlineKind),
    date: cell(s.date),
    date_note: cell(s.dateNote),
    url: cell(s.url),
    brief_ref: cell(s.briefRef),
  };
}

function rate(prefix: string, v: unknown): Row {
  const r = obj(v);
  return {
    [`${prefix}_value`]: cell(r.value),
    [`${prefix}_as_of`]: cell(r.asOf),
    [`${prefix}_sources`]: list(r.sources),
  };
}

type Tables = Record<TableKey, Row[]>;

/** dataset.json's single fields, one row each (dataset.csv). */
function datasetRows(meta: Json): Row[] {
  return [
    { field: 'json_schema', value: cell(meta.$schema), ...text('text', undefined) },
    { field: 'title', value: '', ...text('text', meta.title) },
    { field: 'dek', value: '', ...text('text', meta.dek) },
    { field: 'as_of', value: cell(meta.asOf), ...text('text', undefined) },
    { field: 'credit', value: '', ...text('text', meta.credit) },
    { field: 'licence', value: cell(obj(meta.licence).name), ...text('text', undefined) },
    { field: 'licence_url', value: cell(obj(meta.licence).url), ...text('text', undefined) },
  ];
}

/** dataset.json's methods, corrections, measure types and statuses, one table each. */
function listRows(meta: Json, t: Tables): void {
  for (const m of arr(meta.methods))
    t.methods.push({ id: cell(m.id), ...text('heading', m.heading), ...text('text', m.text) });
  for (const c of arr(meta.corrections))
    t.corrections.push({ date: cell(c.date), kind: cell(c.kind), ids: list(c.ids), ...text('text', c.text) });
  for (const ty of arr(meta.types))
    t.types.push({
      id: cell(ty.id),
      ...text('label', ty.label),
      colour: cell(ty.colour),
      ...text('description', ty.description),
      facility: cell(ty.facility),
    });
  for (const st of arr(meta.statuses)) t.statuses.push({ id: cell(st.id), ...text('label', st.label) });
}

/** dataset.json's links (links.csv), and their measure references (link_refs.csv). */
function linkRows(meta: Json, t: Tables): void {
  for (const link of arr(meta.links)) {
    t.links.push({
      id: cell(link.id),
      kind: cell(link.kind),
      from: list(link.from),
      to: list(link.to),
      mutual: cell(link.mutual),
      date: cell(link.date),
      end_date: cell(link.endDate),
      ...text('date_note', link.dateNote),
      ...text('text', link.text),
    });
    for (const ref of arr(link.refs))
      t.linkRefs.push({ link_id: cell(link.id), measure_id: cell(ref.measure), sources: list(ref.sources) });
  }
}

/** A step's cite as a cell item: `measure:sv-cecot#3` or `link:L3#1`. */
const citeItem = (c: Json): string =>
  c.measure !== undefined ? `measure:${cell(c.measure)}#${cell(c.source)}` : `link:${cell(c.link)}#${cell(c.source)}`;

/** dataset.json's steps (steps.csv), and their sentences with their cites (step_text.csv). */
function stepRows(meta: Json, t: Tables): void {
  for (const step of arr(meta.steps)) {
    t.steps.push({
      id: cell(step.id),
      month: cell(step.month),
      country: cell(step.country),
      types: list(step.types),
      links: list(step.links),
      ...text('title', step.title),
    });
    for (const [k, sentence] of arr(step.text).entries())
      t.stepText.push({
        step_id: cell(step.id),
        position: String(k + 1),
        ...text('text', sentence),
        cites: arr(sentence.cites).map(citeItem).join(`${LIST_SEPARATOR} `),
      });
  }
}

/** dataset.json's incarceration rates: caveats, sources and one row per country. */
function incarcerationRows(meta: Json, t: Tables): void {
  const inc = obj(meta.incarceration);
  for (const c of arr(inc.caveats)) t.caveats.push(text('caveat', c));
  for (const s of arr(inc.sources)) t.rateSources.push(source(s));
  for (const r of arr(inc.rows))
    t.rates.push({
      country: cell(r.country),
      ...rate('wpb', r.wpb),
      ...rate('oas_all_persons', r.oasAllPersons),
      ...rate('oas_adults', r.oasAdults),
    });
}

/** One measure's row of measures.csv. */
function measureRow(m: Json): Row {
  const status = obj(m.status);
  const dates = obj(m.dates);
  const loc = obj(m.location);
  return {
    id: cell(m.id),
    country: cell(m.country),
    brief_code: cell(m.briefCode),
    type: cell(m.type),
    ...text('title', m.title),
    ...text('summary', m.summary),
    status: cell(status.value),
    ...text('status_note', status.note),
    status_sources: list(status.sources),
    ...dated('since', status.since),
    ...dated('announced', dates.announced),
    ...dated('started', dates.started),
    ...dated('ended', dates.ended),
    ...text('place', loc.place),
    lat: cell(loc.lat),
    lon: cell(loc.lon),
    location_sources: list(loc.sources),
    not_figures: list(m.notFigures),
  };
}

/** One measure's figures (figures.csv, numbered from 1) and their values (figure_values.csv). */
function figureRows(id: string, figures: unknown, t: Tables): void {
  for (const [i, f] of arr(figures).entries()) {
    const figure = String(i + 1);
    t.figures.push({
      measure_id: id,
      figure,
      ...text('label', f.label),
      contested: cell(f.contested),
      ...text('note', f.note),
      capacity: cell(f.capacity),
    });
    for (const v of arr(f.values))
      t.figureValues.push({
        measure_id: id,
        figure,
        value: cell(v.value),
        value_max: cell(v.valueMax),
        qualifier: cell(v.qualifier),
        ...text('unit', v.unit),
        currency: cell(v.currency),
        as_of: cell(v.asOf),
        ...text('note', v.note),
        sources: list(v.sources),
      });
  }
}

/** One measure: its row of measures.csv and its rows in the tables that belong to a measure. */
function measureRows(m: Json, t: Tables): void {
  const id = cell(m.id);
  t.measures.push(measureRow(m));
  for (const step of arr(m.timeline))
    t.timeline.push({
      measure_id: id,
      date: cell(step.date),
      ...text('text', step.text),
      sources: list(step.sources),
    });
  figureRows(id, m.figures, t);
  for (const f of arr(m.facts))
    t.facts.push({
      measure_id: id,
      ...text('text', f.text),
      contested: cell(f.contested),
      sources: list(f.sources),
    });
  for (const c of arr(m.concerns))
    t.concerns.push({ measure_id: id, ...text('text', c.text), sources: list(c.sources) });
  for (const s of arr(m.sources)) t.sources.push({ measure_id: id, ...source(s) });
}

/** The rows of every table, from the raw JSON of `dataset.json` and the country files. */
export function toTables(meta: Json, countryFiles: Json[]): Record<TableKey, Row[]> {
  const t: Tables = Object.fromEntries(Object.keys(TABLES).map((k) => [k, []])) as unknown as Tables;
  t.dataset.push(...datasetRows(meta));
  listRows(meta, t);
  linkRows(meta, t);
  stepRows(meta, t);
  incarcerationRows(meta, t);
  for (const file of countryFiles) {
    t.countries.push({
      country: cell(file.country),
      ...text('summary', file.summary),
      json_schema: cell(file.$schema),
    });
    for (const m of arr(file.measures)) measureRows(m, t);
  }
  return t;
}

function tableCsv(table: Table, rows: Row[]): string {
  const names = table.columns.map((c) => c.name);
  for (const row of rows)
    for (const k of Object.keys(row))
      if (!names.includes(k)) throw new Error(`${table.file}: column "${k}" is not described in tables.ts`);
  return toCsvText(
    names,
    rows.map((r) => names.map((n) => r[n] ?? '')),
  );
}

export interface ExportResult {
  files: string[];
  rows: Record<string, number>;
}

/**
 * Validates the content folder with the build's checker, then writes README.csv and one CSV per
 * table into `outDir` (created if needed). The JSON is read as written (key order, `$schema`).
 */
export function exportCsv(outDir: string, contentDir: string = CONTENT_DIR): ExportResult {
  // The build's checker reads and judges the files first, so a typo is reported as check-data
  // reports it (file:line:column, what is wrong), never as a parser's stack trace; only valid
  // files are read again here, as written.
  const data = loadPolicyData(contentDir);
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Json;
  const meta = read(join(contentDir, 'dataset.json'));
  const countries = data.story.countries.map((c) => read(join(contentDir, 'measures', `${c.code.toLowerCase()}.json`)));
  const tables = toTables(meta, countries);
  mkdirSync(outDir, { recursive: true });
  const result: ExportResult = { files: [], rows: {} };
  writeFileSync(join(outDir, README_FILE), toCsvText(README_COLUMNS, readmeRows()));
  result.files.push(README_FILE);
  // The story's frame (countries, region, languages) is not a table: it travels with them as is.
  copyFileSync(join(contentDir, STORY_FILE), join(outDir, STORY_FILE));
  result.files.push(STORY_FILE);
  for (const [key, table] of Object.entries(TABLES) as [TableKey, Table][]) {
    writeFileSync(join(outDir, table.file), tableCsv(table, tables[key]));
    result.files.push(table.file);
    result.rows[table.file] = tables[key].length;
  }
  return result;
}
