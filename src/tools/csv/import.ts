/**
 * `npm run data:import <folder>`: reads the CSV tables written by `data:export` (and edited in a
 * spreadsheet), rebuilds dataset.json and measures/<iso3>.json, validates them with the build's
 * checker (`loadPolicyData`) and only then writes them. Every problem names the CSV file, the
 * spreadsheet row (the header is row 1) and the column, and says what was expected.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { CONTENT_DIR, DataError, formatProblem, loadPolicyData } from '../load-dataset.ts';
import { Builder, type Json } from './builder.ts';
import { formatJson, readLayout } from './json-format.ts';
import { type Loc, type Row, readTable, where } from './read-table.ts';
import { LANGS, STORY_FILE, TABLES, type Table, type TableKey } from './tables.ts';
import { CsvImportError, isFile, writeAll } from './write-files.ts';

export { CsvImportError };

const DATASET = 'dataset.json';
const countryFile = (code: string) => `measures/${code.toLowerCase()}.json`;
const langCols = (name: string) => LANGS.map((l) => `${name}_${l}`);

function dated(b: Builder, file: string, path: string, r: Row, prefix: string): Json | undefined {
  if (b.empty(r, [`${prefix}_date`, ...langCols(`${prefix}_note`), `${prefix}_sources`])) {
    b.at(file, path, r, `${prefix}_date`);
    return undefined;
  }
  return {
    date: b.str(file, `${path}.date`, r, `${prefix}_date`),
    note: b.text(file, `${path}.note`, r, `${prefix}_note`),
    sources: b.ints(file, `${path}.sources`, r, `${prefix}_sources`),
  };
}

function source(b: Builder, file: string, path: string, r: Row, n: unknown): Json {
  return {
    n,
    publisher: b.str(file, `${path}.publisher`, r, 'publisher'),
    headline: b.str(file, `${path}.headline`, r, 'headline') ?? null,
    headlineKind: b.str(file, `${path}.headlineKind`, r, 'headline_kind'),
    date: b.str(file, `${path}.date`, r, 'date') ?? null,
    dateNote: b.str(file, `${path}.dateNote`, r, 'date_note'),
    url: b.str(file, `${path}.url`, r, 'url'),
    briefRef: b.str(file, `${path}.briefRef`, r, 'brief_ref'),
  };
}

/** Groups child rows by a key column; rows whose key is unknown are reported. */
function groupBy(b: Builder, rows: Row[], column: string, known: Set<string>, what: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const key = r.cells[column] ?? '';
    if (!known.has(key)) {
      b.problem(r, column, key === '' ? `is empty (expected ${what})` : `no ${what} has the id "${key}"`);
      continue;
    }
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

/** dataset.csv, one row per field: reports unknown and repeated fields; the reader reports missing ones. */
function datasetFields(b: Builder, rows: Row[]): <T>(name: string, read: (r: Row) => T) => T | undefined {
  const fields = new Map<string, Row>();
  for (const r of rows) {
    const f = r.cells.field ?? '';
    const allowed = TABLES.dataset.columns[0]?.allowed ?? [];
    if (!allowed.includes(f)) b.problem(r, 'field', `expected one of ${allowed.join(', ')}; got "${f}"`);
    else if (fields.has(f)) b.problem(r, 'field', `"${f}" is listed twice`);
    else fields.set(f, r);
  }
  return <T>(name: string, read: (r: Row) => T): T | undefined => {
    const r = fields.get(name);
    if (!r) {
      b.problems.push({ loc: { file: TABLES.dataset.file, row: 1, column: 'field' }, message: `no row for "${name}"` });
      return undefined;
    }
    return read(r);
  };
}

/** methods.csv → dataset.json's methods. */
function buildMethods(b: Builder, rows: Row[]): Json[] {
  const F = DATASET;
  return rows.map((r, i) => {
    const p = `methods[${i}]`;
    b.at(F, p, r, 'id');
    return {
      id: b.str(F, `${p}.id`, r, 'id'),
      heading: b.text(F, `${p}.heading`, r, 'heading'),
      text: b.text(F, `${p}.text`, r, 'text'),
    };
  });
}

/** corrections.csv → dataset.json's corrections. */
function buildCorrections(b: Builder, rows: Row[]): Json[] {
  const F = DATASET;
  return rows.map((r, i) => {
    const p = `corrections[${i}]`;
    b.at(F, p, r, 'date');
    return {
      date: b.str(F, `${p}.date`, r, 'date'),
      kind: b.str(F, `${p}.kind`, r, 'kind'),
      ids: b.list(F, `${p}.ids`, r, 'ids'),
      text: b.text(F, `${p}.text`, r, 'text'),
    };
  });
}

/** types.csv → dataset.json's measure types. */
function buildTypes(b: Builder, rows: Row[]): Json[] {
  const F = DATASET;
  return rows.map((r, i) => {
    const p = `types[${i}]`;
    b.record(F, r.cells.id ?? '', p);
    b.at(F, p, r, 'id');
    return {
      id: b.str(F, `${p}.id`, r, 'id'),
      label: b.text(F, `${p}.label`, r, 'label'),
      colour: b.str(F, `${p}.colour`, r, 'colour'),
      description: b.text(F, `${p}.description`, r, 'description'),
      facility: b.bool(F, `${p}.facility`, r, 'facility'),
    };
  });
}

/** statuses.csv → dataset.json's statuses. */
function buildStatuses(b: Builder, rows: Row[]): Json[] {
  const F = DATASET;
  return rows.map((r, i) => {
    const p = `statuses[${i}]`;
    b.record(F, r.cells.id ?? '', p);
    b.at(F, p, r, 'id');
    return { id: b.str(F, `${p}.id`, r, 'id'), label: b.text(F, `${p}.label`, r, 'label') };
  });
}

/** links.csv and link_refs.csv → dataset.json's links, each with its measure references. */
function buildLinks(b: Builder, links: Row[], linkRefs: Row[]): Json[] {
  const F = DATASET;
  const refs = groupBy(b, linkRefs, 'link_id', new Set(links.map((r) => r.cells.id ?? '')), 'link in links.csv');
  return links.map((r, i) => {
    const p = `links[${i}]`;
    b.record(F, r.cells.id ?? '', p);
    b.at(F, p, r, 'id');
    b.at(F, `${p}.refs`, r, 'id');
    return {
      id: b.str(F, `${p}.id`, r, 'id'),
      kind: b.str(F, `${p}.kind`, r, 'kind'),
      from: b.list(F, `${p}.from`, r, 'from'),
      to: b.list(F, `${p}.to`, r, 'to'),
      mutual: b.bool(F, `${p}.mutual`, r, 'mutual'),
      date: b.str(F, `${p}.date`, r, 'date') ?? null,
      endDate: b.str(F, `${p}.endDate`, r, 'end_date'),
      dateNote: b.text(F, `${p}.dateNote`, r, 'date_note'),
      text: b.text(F, `${p}.text`, r, 'text'),
      refs: (refs.get(r.cells.id ?? '') ?? []).map((rr, k) => ({
        measure: b.str(F, `${p}.refs[${k}].measure`, rr, 'measure_id'),
        sources: b.ints(F, `${p}.refs[${k}].sources`, rr, 'sources'),
      })),
    };
  });
}

/** One cite of step_text.csv: `measure:<id>#<n>` or `link:<id>#<n>`. */
const CITE = /^(measure|link):([^#\s]+)#(\d+)$/;

/** The "cites" cell of a step_text.csv row → the sentence's cites. */
function stepCites(b: Builder, p: string, r: Row): Json[] {
  const F = DATASET;
  const cites: Json[] = [];
  for (const item of b.list(F, `${p}.cites`, r, 'cites')) {
    const m = CITE.exec(item);
    if (!m) {
      b.problem(
        r,
        'cites',
        `expected cites as measure:<measure id>#<source number> or link:<link id>#<source number>, separated by ";", e.g. measure:sv-cecot#3; link:L3#1; got "${item}"`,
      );
      continue;
    }
    const [, kind, id, n] = m as unknown as [string, 'measure' | 'link', string, string];
    const cp = `${p}.cites[${cites.length}]`;
    b.at(F, `${cp}.${kind}`, r, 'cites');
    b.at(F, `${cp}.source`, r, 'cites');
    cites.push({ [kind]: id, source: Number(n) });
  }
  return cites;
}

/** step_text.csv rows of one step → its sentences, in the order of their positions. */
function stepSentences(b: Builder, p: string, id: string, rows: Row[]): Json[] {
  const F = DATASET;
  const seen = new Set<number>();
  const numbered = rows.map((r) => {
    const raw = (r.cells.position ?? '').trim();
    const n = Number(raw);
    if (!/^\d+$/.test(raw)) b.problem(r, 'position', `expected a whole number (1, 2, …); got "${r.cells.position}"`);
    else if (seen.has(n)) b.problem(r, 'position', `sentence ${n} of step "${id}" is listed twice`);
    seen.add(n);
    return { r, n: Number.isFinite(n) ? n : Number.POSITIVE_INFINITY };
  });
  return numbered
    .sort((x, y) => x.n - y.n)
    .map(({ r }, k) => {
      const sp = `${p}.text[${k}]`;
      b.at(F, sp, r, 'text_en');
      return { ...b.text(F, sp, r, 'text'), cites: stepCites(b, sp, r) };
    });
}

/** steps.csv and step_text.csv → dataset.json's steps, each with its sentences. */
function buildSteps(b: Builder, steps: Row[], stepText: Row[]): Json[] {
  const F = DATASET;
  const sentences = groupBy(b, stepText, 'step_id', new Set(steps.map((r) => r.cells.id ?? '')), 'step in steps.csv');
  const done = new Set<string>();
  return steps.map((r, i) => {
    const p = `steps[${i}]`;
    const id = r.cells.id ?? '';
    b.record(F, id, p);
    b.at(F, p, r, 'id');
    b.at(F, `${p}.text`, r, 'id');
    // Sentences belong to the first step with the id (the checker reports the repeated id).
    const first = !done.has(id);
    done.add(id);
    return {
      id: b.str(F, `${p}.id`, r, 'id'),
      month: b.str(F, `${p}.month`, r, 'month'),
      country: b.str(F, `${p}.country`, r, 'country'),
      types: b.empty(r, ['types']) ? undefined : b.list(F, `${p}.types`, r, 'types'),
      links: b.empty(r, ['links']) ? undefined : b.list(F, `${p}.links`, r, 'links'),
      title: b.text(F, `${p}.title`, r, 'title'),
      text: stepSentences(b, p, id, first ? (sentences.get(id) ?? []) : []),
    };
  });
}

/** One incarceration rate (`<prefix>_value`, `_as_of`, `_sources`); null when all three are empty. */
function rate(b: Builder, p: string, r: Row, prefix: string): Json | null {
  const F = DATASET;
  if (b.empty(r, [`${prefix}_value`, `${prefix}_as_of`, `${prefix}_sources`])) {
    b.at(F, p, r, `${prefix}_value`);
    return null;
  }
  b.at(F, p, r, `${prefix}_value`);
  return {
    value: b.num(F, `${p}.value`, r, `${prefix}_value`),
    asOf: b.str(F, `${p}.asOf`, r, `${prefix}_as_of`),
    sources: b.list(F, `${p}.sources`, r, `${prefix}_sources`),
  };
}

/** The three incarceration tables → dataset.json's incarceration; undefined when all are empty. */
function buildIncarceration(b: Builder, t: Record<TableKey, Row[]>): Json | undefined {
  const F = DATASET;
  // A story without rates leaves the three incarceration tables empty.
  const hasRates = t.caveats.length + t.rateSources.length + t.rates.length > 0;
  if (!hasRates) return undefined;
  return {
    caveats: t.caveats.map((r, i) => b.text(F, `incarceration.caveats[${i}]`, r, 'caveat')),
    sources: t.rateSources.map((r, i) =>
      source(b, F, `incarceration.sources[${i}]`, r, b.str(F, `incarceration.sources[${i}].n`, r, 'n')),
    ),
    rows: t.rates.map((r, i) => {
      const p = `incarceration.rows[${i}]`;
      b.at(F, p, r, 'country');
      // The checker names a row by its country for problems with its sources.
      b.record(F, r.cells.country ?? '', p);
      return {
        country: b.str(F, `${p}.country`, r, 'country'),
        wpb: rate(b, `${p}.wpb`, r, 'wpb'),
        oasAllPersons: rate(b, `${p}.oasAllPersons`, r, 'oas_all_persons'),
        oasAdults: rate(b, `${p}.oasAdults`, r, 'oas_adults'),
      };
    }),
  };
}

/** dataset.json, from dataset.csv and the tables of the story's lists. */
function buildDataset(b: Builder, t: Record<TableKey, Row[]>): Json {
  const F = DATASET;
  const field = datasetFields(b, t.dataset);
  return {
    $schema: field('json_schema', (r) => b.str(F, '$schema', r, 'value')),
    title: field('title', (r) => b.text(F, 'title', r, 'text')),
    dek: field('dek', (r) => b.text(F, 'dek', r, 'text')),
    asOf: field('as_of', (r) => b.str(F, 'asOf', r, 'value')),
    credit: field('credit', (r) => b.text(F, 'credit', r, 'text')),
    licence: {
      name: field('licence', (r) => b.str(F, 'licence.name', r, 'value')),
      url: field('licence_url', (r) => b.str(F, 'licence.url', r, 'value')),
    },
    methods: buildMethods(b, t.methods),
    corrections: buildCorrections(b, t.corrections),
    types: buildTypes(b, t.types),
    statuses: buildStatuses(b, t.statuses),
    links: buildLinks(b, t.links, t.linkRefs),
    // Always written, [] when the tables are empty (as `npm run story:new` writes it).
    steps: buildSteps(b, t.steps, t.stepText),
    incarceration: buildIncarceration(b, t),
  };
}

/**
 * countries.csv → one measures/<iso3>.json per country (into `files`), each with an empty list of
 * measures to fill; returns those lists by country code.
 */
function buildCountries(b: Builder, rows: Row[], files: Map<string, Json>): Map<string, Json[]> {
  const byCountry = new Map<string, Json[]>();
  for (const r of rows) {
    const code = r.cells.country ?? '';
    const file = countryFile(code);
    if (byCountry.has(code)) {
      b.problem(r, 'country', `"${code}" is listed twice`);
      continue;
    }
    const measures: Json[] = [];
    byCountry.set(code, measures);
    b.at(file, '', r, 'country');
    files.set(file, {
      $schema: b.str(file, '$schema', r, 'json_schema'),
      country: b.str(file, 'country', r, 'country'),
      summary: b.text(file, 'summary', r, 'summary'),
      measures,
    });
  }
  return byCountry;
}

/** The tables whose rows belong to a measure (by `measure_id`), in the order they are read. */
const MEASURE_CHILDREN = ['timeline', 'figures', 'figureValues', 'facts', 'concerns', 'sources'] as const;
type MeasureChild = (typeof MEASURE_CHILDREN)[number];
type ChildRows = Record<MeasureChild, Row[]>;

/** The child tables' rows grouped by measure id (rows naming no known measure are reported). */
function groupChildren(b: Builder, t: Record<TableKey, Row[]>): Record<MeasureChild, Map<string, Row[]>> {
  const ids = new Set(t.measures.map((r) => r.cells.id ?? ''));
  const grouped = {} as Record<MeasureChild, Map<string, Row[]>>;
  for (const key of MEASURE_CHILDREN) grouped[key] = groupBy(b, t[key], 'measure_id', ids, 'measure in measures.csv');
  return grouped;
}

/** A measure's figures being rebuilt: each with its path in the file, and by figure number. */
interface Figures {
  list: { f: Json; fp: string }[];
  byNumber: Map<string, Json>;
}

/** figures.csv rows of one measure → its figures (values still empty), and the figures by number. */
function readFigures(b: Builder, file: string, p: string, id: string, rows: Row[]): Figures {
  const byNumber = new Map<string, Json>();
  const list = rows.map((fr, k) => {
    const fp = `${p}.figures[${k}]`;
    b.at(file, fp, fr, 'figure');
    b.at(file, `${fp}.values`, fr, 'figure');
    const f: Json = {
      label: b.text(file, `${fp}.label`, fr, 'label'),
      values: [] as Json[],
      contested: b.bool(file, `${fp}.contested`, fr, 'contested'),
      note: b.text(file, `${fp}.note`, fr, 'note'),
      capacity: b.bool(file, `${fp}.capacity`, fr, 'capacity'),
    };
    const n = b.num(file, `${fp}.n`, fr, 'figure');
    const key = String(n);
    if (typeof n !== 'number' || !Number.isInteger(n))
      b.problem(fr, 'figure', `expected a whole number; got "${fr.cells.figure}"`);
    else if (byNumber.has(key)) b.problem(fr, 'figure', `figure ${key} of measure "${id}" is listed twice`);
    else byNumber.set(key, f);
    return { f, fp };
  });
  return { list, byNumber };
}

/** figure_values.csv rows of one measure → the values of its figures (by figure number). */
function addFigureValues(b: Builder, file: string, id: string, rows: Row[], figures: Figures): void {
  for (const vr of rows) {
    const key = String(Number(vr.cells.figure));
    const f = figures.byNumber.get(key);
    if (!f) {
      b.problem(vr, 'figure', `measure "${id}" has no figure "${vr.cells.figure}" in figures.csv`);
      continue;
    }
    const fp = figures.list.find((x) => x.f === f)?.fp ?? '';
    const vs = f.values as Json[];
    const vp = `${fp}.values[${vs.length}]`;
    b.at(file, vp, vr, 'value');
    vs.push({
      value: b.num(file, `${vp}.value`, vr, 'value'),
      valueMax: b.num(file, `${vp}.valueMax`, vr, 'value_max'),
      qualifier: b.str(file, `${vp}.qualifier`, vr, 'qualifier'),
      unit: b.text(file, `${vp}.unit`, vr, 'unit'),
      currency: b.str(file, `${vp}.currency`, vr, 'currency'),
      asOf: b.str(file, `${vp}.asOf`, vr, 'as_of') ?? null,
      note: b.text(file, `${vp}.note`, vr, 'note'),
      sources: b.ints(file, `${vp}.sources`, vr, 'sources'),
    });
  }
}

/** A measure's figures, with their values, from figures.csv and figure_values.csv. */
function buildFigures(b: Builder, file: string, p: string, id: string, kids: ChildRows): Json[] {
  const figures = readFigures(b, file, p, id, kids.figures);
  addFigureValues(b, file, id, kids.figureValues, figures);
  return figures.list.map((x) => x.f);
}

/** A measure's status, from its row in measures.csv. */
function measureStatus(b: Builder, file: string, p: string, r: Row): Json {
  return {
    value: b.str(file, `${p}.status.value`, r, 'status'),
    note: b.text(file, `${p}.status.note`, r, 'status_note'),
    since: dated(b, file, `${p}.status.since`, r, 'since'),
    sources: b.ints(file, `${p}.status.sources`, r, 'status_sources'),
  };
}

/** A measure's dates, from its row in measures.csv. */
function measureDates(b: Builder, file: string, p: string, r: Row): Json {
  return {
    announced: dated(b, file, `${p}.dates.announced`, r, 'announced') ?? null,
    started: dated(b, file, `${p}.dates.started`, r, 'started') ?? null,
    ended: dated(b, file, `${p}.dates.ended`, r, 'ended') ?? null,
  };
}

/** A measure's location, from its row in measures.csv; null when its place cells are all empty. */
function measureLocation(b: Builder, file: string, p: string, r: Row): Json | null {
  const placeCols = [...langCols('place'), 'lat', 'lon', 'location_sources'];
  return b.empty(r, placeCols)
    ? null
    : {
        place: b.text(file, `${p}.location.place`, r, 'place'),
        lat: b.num(file, `${p}.location.lat`, r, 'lat'),
        lon: b.num(file, `${p}.location.lon`, r, 'lon'),
        sources: b.ints(file, `${p}.location.sources`, r, 'location_sources'),
      };
}

/** timeline.csv rows of one measure → its timeline. */
function measureTimeline(b: Builder, file: string, p: string, rows: Row[]): Json[] {
  return rows.map((tr, k) => {
    const tp = `${p}.timeline[${k}]`;
    b.at(file, tp, tr, 'date');
    return {
      date: b.str(file, `${tp}.date`, tr, 'date'),
      text: b.text(file, `${tp}.text`, tr, 'text'),
      sources: b.ints(file, `${tp}.sources`, tr, 'sources'),
    };
  });
}

/** facts.csv rows of one measure → its facts. */
function measureFacts(b: Builder, file: string, p: string, rows: Row[]): Json[] {
  return rows.map((fr, k) => {
    const fp = `${p}.facts[${k}]`;
    b.at(file, fp, fr, 'text_en');
    return {
      text: b.text(file, `${fp}.text`, fr, 'text'),
      contested: b.bool(file, `${fp}.contested`, fr, 'contested'),
      sources: b.ints(file, `${fp}.sources`, fr, 'sources'),
    };
  });
}

/** concerns.csv rows of one measure → its concerns. */
function measureConcerns(b: Builder, file: string, p: string, rows: Row[]): Json[] {
  return rows.map((cr, k) => {
    const cp = `${p}.concerns[${k}]`;
    b.at(file, cp, cr, 'text_en');
    return { text: b.text(file, `${cp}.text`, cr, 'text'), sources: b.ints(file, `${cp}.sources`, cr, 'sources') };
  });
}

/** sources.csv rows of one measure → its numbered sources. */
function measureSources(b: Builder, file: string, p: string, rows: Row[]): Json[] {
  return rows.map((sr, k) => {
    const sp = `${p}.sources[${k}]`;
    b.at(file, sp, sr, 'n');
    return source(b, file, sp, sr, b.num(file, `${sp}.n`, sr, 'n'));
  });
}

/** One row of measures.csv, with its rows in the child tables, → the measure at `p` in `file`. */
function buildMeasure(b: Builder, file: string, p: string, r: Row, kids: ChildRows): Json {
  const id = r.cells.id ?? '';
  b.record(file, id, p);
  b.at(file, p, r, 'id');
  const figures = buildFigures(b, file, p, id, kids);
  b.at(file, `${p}.location`, r, 'place_en');
  b.at(file, `${p}.status`, r, 'status');
  b.at(file, `${p}.dates`, r, 'announced_date');
  return {
    id: b.str(file, `${p}.id`, r, 'id'),
    briefCode: b.str(file, `${p}.briefCode`, r, 'brief_code'),
    country: b.str(file, `${p}.country`, r, 'country'),
    type: b.str(file, `${p}.type`, r, 'type'),
    title: b.text(file, `${p}.title`, r, 'title'),
    summary: b.text(file, `${p}.summary`, r, 'summary'),
    status: measureStatus(b, file, p, r),
    dates: measureDates(b, file, p, r),
    timeline: measureTimeline(b, file, p, kids.timeline),
    figures,
    notFigures: b.empty(r, ['not_figures']) ? undefined : b.list(file, `${p}.notFigures`, r, 'not_figures'),
    facts: measureFacts(b, file, p, kids.facts),
    location: measureLocation(b, file, p, r),
    concerns: measureConcerns(b, file, p, kids.concerns),
    sources: measureSources(b, file, p, kids.sources),
  };
}

/** measures.csv → the measures of each country's file (`byCountry`), with their child rows. */
function buildMeasures(b: Builder, t: Record<TableKey, Row[]>, byCountry: Map<string, Json[]>): void {
  const grouped = groupChildren(b, t);
  const done = new Set<string>();
  for (const r of t.measures) {
    const code = r.cells.country ?? '';
    const list = byCountry.get(code);
    if (!list) {
      b.problem(r, 'country', `no country "${code}" in countries.csv`);
      continue;
    }
    const id = r.cells.id ?? '';
    // Child rows belong to the first measure with the id (the checker reports the repeated id).
    const first = !done.has(id);
    done.add(id);
    const kids = Object.fromEntries(
      MEASURE_CHILDREN.map((key) => [key, first ? (grouped[key].get(id) ?? []) : []]),
    ) as ChildRows;
    list.push(buildMeasure(b, countryFile(code), `measures[${list.length}]`, r, kids));
  }
}

/** Rebuilds the JSON files (path relative to the content folder → value) from the tables. */
function build(b: Builder, t: Record<TableKey, Row[]>): Map<string, Json> {
  const files = new Map<string, Json>();
  files.set(DATASET, buildDataset(b, t));
  const byCountry = buildCountries(b, t.countries, files);
  buildMeasures(b, t, byCountry);
  return files;
}

/** A checker problem, read back to the CSV cell the value came from. */
function locateProblem(b: Builder, file: string, record: string | null, path: string): Loc | undefined {
  let prefix = '';
  if (record !== null) {
    const known = b.records.get(`${file}|${record}`);
    prefix = known ?? (/^[a-zA-Z.]+\[\d+\]$/.test(record) ? record : '');
    if (!known && !prefix) return undefined;
  }
  let full = prefix && path ? (path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`) : prefix || path;
  for (;;) {
    const loc = b.origins.get(`${file}|${full}`);
    if (loc) return loc;
    if (full === '') return undefined;
    const shorter = full.replace(/(\[\d+\]|\.?[^.[\]]+)$/, '');
    if (shorter === full) return undefined;
    full = shorter;
  }
}

export interface ImportResult {
  files: string[];
  measures: number;
}

/**
 * Reads the tables in `csvDir`, validates the rebuilt JSON with `loadPolicyData`, and writes
 * dataset.json and measures/<iso3>.json into `contentDir`. Each file keeps the line layout of the
 * file it replaces (or, for a new folder, of the same file in src/data/content), as Biome does.
 * @throws CsvImportError listing every problem; nothing is written then.
 */
export function importCsv(csvDir: string, contentDir: string = CONTENT_DIR): ImportResult {
  const structural: string[] = [];
  const tables = {} as Record<TableKey, Row[]>;
  for (const [key, table] of Object.entries(TABLES) as [TableKey, Table][])
    tables[key] = readTable(csvDir, table, structural) ?? [];
  if (structural.length > 0) throw new CsvImportError(structural);

  const b = new Builder();
  const files = build(b, tables);
  const texts = new Map<string, string>();
  for (const [name, value] of files) {
    // The file it replaces gives the layout (a folder or broken link there is reported by writeAll).
    const template = [join(contentDir, name), join(CONTENT_DIR, name)].find(isFile);
    texts.set(name, formatJson(value, template ? readLayout(readFileSync(template, 'utf8')) : undefined));
  }

  const messages: string[] = [];
  const seen = new Set<string>();
  const add = (loc: Loc | undefined, message: string) => {
    const key = loc ? where(loc) : message;
    // One problem per cell: a cell already reported (say, not a number) is not reported again.
    if (loc && seen.has(key)) return;
    seen.add(key);
    messages.push(loc ? `${where(loc)}: ${message}` : message);
  };
  for (const p of b.problems) add(p.loc, p.message);

  // The story's frame: the copy beside the tables, else the one already in the content folder.
  const storyPath = [join(csvDir, STORY_FILE), join(contentDir, STORY_FILE)].find(isFile);
  if (!storyPath)
    throw new CsvImportError([
      `${STORY_FILE} is missing: put the story's ${STORY_FILE} (countries, region, languages) beside the tables, as data:export does`,
    ]);
  const storyText = readFileSync(storyPath, 'utf8');
  const tmp = mkdtempSync(join(tmpdir(), 'policy-import-'));
  try {
    mkdirSync(join(tmp, 'measures'));
    writeFileSync(join(tmp, STORY_FILE), storyText);
    for (const [name, text] of texts) writeFileSync(join(tmp, name), text);
    try {
      loadPolicyData(tmp);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      for (const p of e.problems) {
        const file = relative(tmp, resolve(p.file)).split(sep).join('/');
        const loc = locateProblem(b, file, p.record, p.path);
        add(loc, loc ? p.message : `rebuilt ${formatProblem({ ...p, file }).trim()}`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (messages.length > 0) throw new CsvImportError(messages);

  writeAll(contentDir, new Map([[STORY_FILE, storyText], ...texts]));
  return {
    files: [STORY_FILE, ...texts.keys()],
    measures: tables.measures.length,
  };
}
