/**
 * Issue 21, defect 11: old links and embeds keep working when a parameter or a measure type is
 * renamed (src/state/url-migrations.ts). The parameter renames here are the test's own (the app has
 * made none yet): early links said `month=` for what is now `date=`. The type rename is data, from
 * the test story (tests/fixtures/stories/caribbean/story.json `renamedTypes`).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Story } from '../../src/data/schema.ts';
import { countryCodes, typeIds } from '../../src/data/story.ts';
import { dateRange } from '../../src/data/timeline.ts';
import { migrateQuery, renameParam, URL_MIGRATIONS, urlMigrations } from '../../src/state/url-migrations.ts';
import { type ParseOptions, parseUrlState, replaceAddress } from '../../src/state/url-state.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { DataError } from '../../src/tools/problems.ts';
import { createData } from '../fixtures/create-data.ts';
import { URL_OPTIONS } from '../fixtures/story.ts';

afterEach(() => window.history.replaceState(null, '', '/'));

const CARIBBEAN = 'tests/fixtures/stories/caribbean';
const caribbean = loadPolicyData(CARIBBEAN);
/** What main.tsx passes for the test story. */
const CARIBBEAN_OPTIONS: ParseOptions = {
  countries: countryCodes(caribbean),
  types: typeIds(caribbean),
  renamedTypes: caribbean.story.renamedTypes,
};

describe('a renamed parameter', () => {
  const months = dateRange(createData());
  const MONTH_IS_DATE = [renameParam('month', 'date', '2024-05-01')];
  const options: ParseOptions = { ...URL_OPTIONS, months, migrations: MONTH_IS_DATE };

  it('an old link opens the view it was made of', () => {
    expect(parseUrlState('?country=SLV&month=2023-01', options)).toEqual({ country: 'SLV', date: '2023-01' });
    // Without its migration the old name means nothing (so the line above tests the migration).
    expect(parseUrlState('?country=SLV&month=2023-01', { ...options, migrations: [] })).toEqual({ country: 'SLV' });
  });

  it('a link with both names keeps the new one’s value; a repeated old one is ignored, as a repeated new one is', () => {
    expect(parseUrlState('?month=2023-01&date=2024-02', options)).toEqual({ date: '2024-02' });
    expect(parseUrlState('?month=2023-01&month=2024-02', options)).toEqual({});
  });

  it('the start-up rewrite puts its current name in the address bar, keeping every other parameter', () => {
    window.history.replaceState(null, '', '/maps/?utm_source=news&month=2023-01&embed=1#top');
    replaceAddress(parseUrlState(window.location.search, options), window, MONTH_IS_DATE);
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe(
      '/maps/?utm_source=news&embed=1&date=2023-01#top',
    );
  });

  it('runs the migrations in order, each from one version to the next', () => {
    const history = [renameParam('m', 'month', '2023-09-01'), ...MONTH_IS_DATE];
    expect(migrateQuery('?m=2023-01', history).toString()).toBe('date=2023-01');
    expect(parseUrlState('?m=2023-01', { ...options, migrations: history })).toEqual({ date: '2023-01' });
    // In the other order the first version's name reaches only the second's.
    expect(migrateQuery('?m=2023-01', [...history].reverse()).toString()).toBe('month=2023-01');
  });

  it('leaves a current or already migrated query as it is (no version parameter: migrations recognise the old form)', () => {
    const history = [renameParam('m', 'month', '2023-09-01'), ...MONTH_IS_DATE];
    for (const query of ['?m=2023-01&x=1', '?date=2023-01&types=', '', '?types=a,b&lang=es'])
      for (const list of [history, urlMigrations(caribbean.story.renamedTypes, history)]) {
        const once = migrateQuery(query, list).toString();
        expect(migrateQuery(once, list).toString(), query).toBe(once);
      }
    expect(migrateQuery('?date=2023-01&types=', history).toString()).toBe('date=2023-01&types=');
  });

  it('the app’s own renames are listed oldest first', () => {
    const days = URL_MIGRATIONS.map((m) => m.since);
    expect(days).toEqual([...days].sort());
    for (const day of days) expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('a renamed measure type (the story’s data)', () => {
  const [rename] = caribbean.story.renamedTypes ?? [];
  const renamed = { from: rename?.from as string, to: rename?.to as string };

  it('is in the test story: the old id is no longer a type, the new one is', () => {
    expect(rename).toBeDefined();
    expect(CARIBBEAN_OPTIONS.types).not.toContain(renamed.from);
    expect(CARIBBEAN_OPTIONS.types).toContain(renamed.to);
  });

  it('an old link shows the type under its new id, in legend order', () => {
    const [first] = CARIBBEAN_OPTIONS.types as [string];
    const search = `?types=${renamed.from},${first}`;
    const expected = CARIBBEAN_OPTIONS.types.filter((t) => t === first || t === renamed.to);
    expect(parseUrlState(search, CARIBBEAN_OPTIONS)).toEqual({ types: expected });
    // Without the story's renames the old id is an unknown one, and dropped.
    expect(parseUrlState(search, { ...CARIBBEAN_OPTIONS, renamedTypes: [] })).toEqual({ types: [first] });
    // Old and new id together are the one type.
    expect(parseUrlState(`?types=${renamed.from},${renamed.to}`, CARIBBEAN_OPTIONS)).toEqual({ types: [renamed.to] });
  });

  it('still drops an unknown id, and ignores a list of only unknown ids', () => {
    expect(parseUrlState(`?types=${renamed.from},no-such-type`, CARIBBEAN_OPTIONS)).toEqual({ types: [renamed.to] });
    expect(parseUrlState('?types=no-such-type', CARIBBEAN_OPTIONS)).toEqual({});
  });

  it('keeps `types=` (no type at all) apart from no `types` (every type)', () => {
    expect(parseUrlState('?types=', CARIBBEAN_OPTIONS)).toEqual({ types: [] });
    expect(parseUrlState('', CARIBBEAN_OPTIONS)).toEqual({});
    expect(migrateQuery('?types=', urlMigrations(caribbean.story.renamedTypes)).toString()).toBe('types=');
  });

  it('follows a rename of a renamed id (a → b, then b → c), in the list’s order', () => {
    const chain = [
      { from: 'police-restructuring-old', to: renamed.from, since: '2024-01-10' },
      ...(caribbean.story.renamedTypes ?? []),
    ];
    expect(parseUrlState('?types=police-restructuring-old', { ...CARIBBEAN_OPTIONS, renamedTypes: chain })).toEqual({
      types: [renamed.to],
    });
  });

  it('the start-up rewrite puts the new id in the address bar', () => {
    window.history.replaceState(null, '', `/?embed=1&types=${renamed.from}`);
    replaceAddress(parseUrlState(window.location.search, CARIBBEAN_OPTIONS));
    expect(window.location.search).toBe(`?embed=1&types=${renamed.to}`);
  });
});

describe('the data check of renamedTypes', () => {
  const root = mkdtempSync(join(tmpdir(), 'renamed-types-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let copies = 0;
  /** The problems the check finds in the test story with `renamedTypes` replaced. */
  const problems = (renamedTypes: unknown): string[] => {
    const dir = join(root, String(copies++));
    cpSync(CARIBBEAN, dir, { recursive: true });
    const file = join(dir, 'story.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), renamedTypes }));
    try {
      loadPolicyData(dir);
      return [];
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      return e.problems.map((p) => `${p.path}: ${p.message}`);
    }
  };

  it('accepts the test story’s rename and a chain ending at a type', () => {
    expect(problems(caribbean.story.renamedTypes)).toEqual([]);
    expect(
      problems([
        { from: 'a', to: 'b', since: '2024-01-01' },
        { from: 'b', to: 'curfew', since: '2024-02-01' },
      ]),
    ).toEqual([]);
  });

  it('refuses a `to` that is no type, and a `from` that still is one', () => {
    expect(problems([{ from: 'a', to: 'no-such-type', since: '2024-01-01' }])).toEqual([
      expect.stringMatching(
        /^renamedTypes\[0\]\.to: must be one of the types in .*dataset\.json .*found "no-such-type"$/,
      ),
    ]);
    expect(problems([{ from: 'curfew', to: 'police-reform', since: '2024-01-01' }])).toEqual([
      expect.stringMatching(/^renamedTypes\[0\]\.from: is still a type in .*dataset\.json/),
    ]);
    // A chain that runs backwards does not reach a type: b → curfew comes first.
    expect(
      problems([
        { from: 'b', to: 'curfew', since: '2024-01-01' },
        { from: 'a', to: 'b', since: '2024-02-01' },
      ]),
    ).toEqual([expect.stringMatching(/^renamedTypes\[1\]\.to: must be one of the types/)]);
  });

  it('refuses a rename to itself, an id renamed twice, a list out of date order, a date that is not a day', () => {
    const issues = (renamedTypes: unknown) => {
      const r = Story.shape.renamedTypes.safeParse(renamedTypes);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues([{ from: 'a', to: 'a', since: '2024-01-01' }])).toEqual(['0.to: renames a type to itself']);
    expect(
      issues([
        { from: 'a', to: 'curfew', since: '2024-01-01' },
        { from: 'a', to: 'new-prison', since: '2024-02-01' },
      ]),
    ).toEqual(['1.from: "a" is renamed twice']);
    expect(
      issues([
        { from: 'a', to: 'curfew', since: '2024-03-01' },
        { from: 'b', to: 'curfew', since: '2024-02-01' },
      ]),
    ).toEqual([expect.stringMatching(/^1\.since: is before the entry above it/)]);
    expect(issues([{ from: 'a', to: 'curfew', since: '2024-03' }])).toEqual([
      '0.since: must be a full date, YYYY-MM-DD',
    ]);
    expect(issues(undefined)).toEqual([]);
  });
});
