// @vitest-environment node
/** Issue 8: the time model, on the shipped data and on small fixtures. */
import { describe, expect, it } from 'vitest';
import { mappedFacilities, unmappedFacilities } from '../../src/data/facilities.ts';
import type { Measure } from '../../src/data/schema.ts';
import {
  countsByCountry,
  countsByType,
  incarcerationRates,
  measuresComingLater,
  visibleMeasures,
} from '../../src/data/selectors.ts';
import { isFacilityType } from '../../src/data/story.ts';
import { tableRows } from '../../src/data/table-rows.ts';
import {
  addMonths,
  asOfMonth,
  dateRange,
  isInRange,
  isMonth,
  linkAt,
  linksAt,
  measureAt,
  monthOf,
  monthsBetween,
  statusAt,
} from '../../src/data/timeline.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { createMeasure } from '../fixtures/create-data.ts';
import { MEASURE_TYPES } from '../fixtures/story.ts';

const data = loadPolicyData();
const AS_OF = asOfMonth(data);
const byId = (id: string): Measure => {
  const m = data.countries.flatMap((c) => c.measures).find((x) => x.id === id);
  if (!m) throw new Error(`no measure ${id}`);
  return m;
};
const status = (id: string, month: string) => statusAt(byId(id), month, AS_OF, isFacilityType(data, byId(id).type));
/** A measure at a month, as the app reads it (its type's `facility` flag from the data). */
const at = (m: Measure, month: string) => measureAt(m, month, AS_OF, isFacilityType(data, m.type));

describe('months', () => {
  it('reads dates at their precision: a year counts only from its December', () => {
    expect(monthOf('2022-03-27')).toBe('2022-03');
    expect(monthOf('2022-03')).toBe('2022-03');
    expect(monthOf('2025')).toBe('2025-12');
  });

  it('validates and steps months', () => {
    expect(isMonth('2023-01')).toBe(true);
    for (const bad of ['2023-13', '2023-00', '2023-1', '2023', '2023-01-01', ' 2023-01', 123, null])
      expect(isMonth(bad)).toBe(false);
    expect(addMonths('2022-12', 1)).toBe('2023-01');
    expect(addMonths('2023-01', -1)).toBe('2022-12');
    expect(monthsBetween('2022-11', '2023-02')).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
    expect(() => monthsBetween('2022-1', '2023-02')).toThrow(/YYYY-MM/);
  });

  it('runs from El Salvador\'s state of exception (2022-03) to the "as of" month', () => {
    expect(AS_OF).toBe('2026-03');
    expect(dateRange(data)).toEqual({ first: '2022-03', last: '2026-03' });
    expect(isInRange('2022-02', dateRange(data))).toBe(false);
    expect(isInRange('2026-04', dateRange(data))).toBe(false);
  });

  it('is just the "as of" month for a story with no dated measure yet (a new story)', () => {
    const empty = { ...data, countries: data.countries.map((c) => ({ ...c, measures: [] })) };
    expect(dateRange(empty)).toEqual({ first: '2026-03', last: '2026-03' });
  });
});

describe('counts at a month (issue 8 acceptance)', () => {
  it('2023-01: El Salvador 3, Honduras 1, every other country 0', () => {
    expect(countsByCountry(data, MEASURE_TYPES, '2023-01')).toEqual({ GTM: 0, SLV: 3, HND: 1, CRI: 0, ECU: 0, CHL: 0 });
  });

  it('2024-01 and "as of" (the default, so existing callers see every measure)', () => {
    expect(countsByCountry(data, MEASURE_TYPES, '2024-01')).toEqual({ GTM: 0, SLV: 3, HND: 3, CRI: 0, ECU: 3, CHL: 0 });
    const all = { GTM: 5, SLV: 4, HND: 5, CRI: 3, ECU: 3, CHL: 4 };
    expect(countsByCountry(data, MEASURE_TYPES)).toEqual(all);
    expect(countsByCountry(data, MEASURE_TYPES, AS_OF)).toEqual(all);
    // A month after "as of" reads as "as of".
    expect(countsByCountry(data, MEASURE_TYPES, '2030-01')).toEqual(all);
  });

  it('follows the filter, and counts by type follow the month', () => {
    expect(countsByCountry(data, ['state-of-exception'], '2023-01')).toEqual({
      GTM: 0,
      SLV: 1,
      HND: 1,
      CRI: 0,
      ECU: 0,
      CHL: 0,
    });
    expect(countsByType(data, '2023-01')['max-security-prison']).toBe(1);
    expect(countsByType(data)['max-security-prison']).toBe(6);
  });

  it('lists the visible measures and the table rows at a month', () => {
    expect(visibleMeasures(data, 'SLV', MEASURE_TYPES, '2023-01').map((m) => m.briefCode)).toEqual([
      'SV-1',
      'SV-2',
      'SV-3',
    ]);
    const rows = tableRows(data, MEASURE_TYPES, 'en', '2023-01');
    expect(rows.map((r) => r.id).sort()).toEqual(
      ['hn-estado-de-excepcion-parcial', 'sv-cecot', 'sv-regimen-de-excepcion', 'sv-regimen-mass-detentions'].sort(),
    );
    const hn1 = rows.find((r) => r.id === 'hn-estado-de-excepcion-parcial');
    expect([hn1?.status, hn1?.statusAtMonth, hn1?.statusAtMonthLabel]).toEqual(['ended', 'in-force', 'In force']);
    const unknown = tableRows(data, MEASURE_TYPES, 'es', '2024-01').find((r) => r.id === 'ec-carcel-del-encuentro');
    expect(unknown?.statusAtMonthLabel).toBe('Estado desconocido en esta fecha');
    for (const r of tableRows(data, MEASURE_TYPES, 'en')) expect(r.statusAtMonth).toBe(r.status);
  });

  it('says how many measures of a country come later, with the pending and undated ones apart', () => {
    expect(measuresComingLater(data, 'SLV', MEASURE_TYPES, '2023-01')).toEqual({ total: 1, pending: 0, undated: 0 });
    // Chile in June 2025: CL-4 exists (2024-07); CL-1 and CL-2 come later; CL-3 ("2025") is pending.
    expect(measuresComingLater(data, 'CHL', MEASURE_TYPES, '2025-06')).toEqual({ total: 3, pending: 1, undated: 0 });
    expect(measuresComingLater(data, 'CRI', MEASURE_TYPES, '2026-02')).toEqual({ total: 1, pending: 0, undated: 1 });
    expect(measuresComingLater(data, 'CRI', MEASURE_TYPES, AS_OF)).toEqual({ total: 0, pending: 0, undated: 0 });
  });
});

describe('existence', () => {
  it('starts at the announced date, else the start date; timeline entries never make it earlier', () => {
    // HN-3 was first floated in March 2023 (timeline) but announced in July 2023.
    expect(at(byId('hn-islas-del-cisne-prison'), '2023-06').presence).toBe('later');
    expect(at(byId('hn-islas-del-cisne-prison'), '2023-07').exists).toBe(true);
    // HN-1 has no announced date: it exists from its start, 2022-12.
    expect(at(byId('hn-estado-de-excepcion-parcial'), '2022-11').exists).toBe(false);
    expect(at(byId('hn-estado-de-excepcion-parcial'), '2022-12').exists).toBe(true);
  });

  it('a year-only date is pending (month unknown) before December and exists from December', () => {
    const cl3 = byId('cl-escudo-fronterizo-military-zone');
    expect(cl3.dates.announced?.date).toBe('2025');
    expect(at(cl3, '2024-12')).toMatchObject({ presence: 'later', exists: false, status: null });
    expect(at(cl3, '2025-01')).toMatchObject({ presence: 'pending', exists: false, status: null });
    expect(at(cl3, '2025-11').presence).toBe('pending');
    expect(at(cl3, '2025-12')).toMatchObject({ presence: 'exists', exists: true });
  });

  it('a measure with no announced or start date exists only at "as of", flagged date unknown (CR-3)', () => {
    const cr3 = byId('cr-fernandez-state-of-exception-pledge');
    expect(cr3.dates.announced).toBeNull();
    expect(cr3.dates.started).toBeNull();
    expect(at(cr3, '2026-02')).toEqual({
      presence: 'undated',
      exists: false,
      dateUnknown: true,
      status: null,
    });
    expect(at(cr3, AS_OF)).toEqual({
      presence: 'exists',
      exists: true,
      dateUnknown: true,
      status: 'proposed',
    });
  });

  it('GT-2 exists from its approval by Congress (2025-10-21, status.since: it has no announcement); CL-1 from the 2026-01-30 meeting', () => {
    const gt2 = byId('gt-transfer-of-gang-prisoners-abroad');
    expect(gt2.dates.announced).toBeNull();
    expect(gt2.dates.started).toBeNull();
    expect(gt2.status.since).toMatchObject({ date: '2025-10-21' });
    expect(at(gt2, '2025-09').presence).toBe('later');
    expect(at(gt2, '2025-10')).toMatchObject({ presence: 'exists', dateUnknown: false, status: 'approved' });
    expect(byId('cl-kast-bukele-security-cooperation').dates.announced).toMatchObject({
      date: '2026-01-30',
      sources: [1, 2, 3],
    });
    expect(at(byId('cl-kast-bukele-security-cooperation'), '2026-01').exists).toBe(true);
    // Kast's 2024 visit is history, not the birth of the proposal.
    expect(at(byId('cl-kast-bukele-security-cooperation'), '2024-04').exists).toBe(false);
  });

  it('throws on a malformed month instead of guessing', () => {
    expect(() => at(byId('sv-cecot'), '2023-1')).toThrow(/YYYY-MM/);
    expect(() => countsByCountry(data, MEASURE_TYPES, 'soon')).toThrow(/YYYY-MM/);
  });
});

describe('status at a month', () => {
  it('equals the record\'s own status at the "as of" month, for every measure', () => {
    for (const m of data.countries.flatMap((c) => c.measures))
      expect(statusAt(m, AS_OF, AS_OF, isFacilityType(data, m.type))).toBe(m.status.value);
  });

  it('follows announced, started and ended', () => {
    expect(status('hn-estado-de-excepcion-parcial', '2023-01')).toBe('in-force');
    expect(status('hn-estado-de-excepcion-parcial', '2026-01')).toBe('ended');
    expect(status('sv-us-deportations-to-cecot', '2025-03')).toBe('in-force');
    expect(status('sv-us-deportations-to-cecot', '2025-07')).toBe('ended');
    expect(status('sv-cecot', '2023-01')).toBe('operating');
    expect(status('hn-emergency-reclusion-centre-20000', '2024-06')).toBe('proposed');
    expect(status('gt-transfer-of-gang-prisoners-abroad', '2025-10')).toBe('approved');
  });

  it('says unknown where the data cannot tell', () => {
    // CECOT between its announcement and its opening: the data does not say it was being built.
    expect(status('sv-cecot', '2022-06')).toBe('unknown');
    // HN-3 is stalled today; when it stalled is not dated.
    expect(status('hn-islas-del-cisne-prison', '2023-07')).toBe('unknown');
    // CR-2 is under construction today; the start of works is not dated (first stone contested).
    expect(status('cr-cacco', '2026-02')).toBe('unknown');
    // EC-1 ended at a date the sources do not give: certain only in the month it started.
    expect(status('ec-state-of-exception-decree-110', '2024-01')).toBe('in-force');
    expect(status('ec-state-of-exception-decree-110', '2024-02')).toBe('unknown');
  });

  it('uses status.since: EC-3 was being built until it opened; CL-3 was a proposal until the decrees', () => {
    expect(status('ec-carcel-del-encuentro', '2024-01')).toBe('unknown');
    expect(status('ec-carcel-del-encuentro', '2024-06')).toBe('under-construction');
    expect(status('ec-carcel-del-encuentro', '2025-10')).toBe('under-construction');
    expect(status('ec-carcel-del-encuentro', '2025-11')).toBe('operating');
    expect(status('cl-escudo-fronterizo-military-zone', '2025-12')).toBe('proposed');
    expect(status('cl-escudo-fronterizo-military-zone', '2026-03')).toBe('approved');
  });

  it("never counts a planned step as done (GT-3's first stone planned for April 2026)", () => {
    expect(status('gt-max-security-prisons-izabal-masagua', AS_OF)).toBe('approved');
    const planned = createMeasure({
      id: 'sv-test-planned',
      type: 'max-security-prison',
      status: { value: 'approved', sources: [1] },
      dates: { announced: { date: '2023-05', sources: [1] }, started: null, ended: null },
      timeline: [
        { date: '2024-01', text: { en: 'Planned: first stone', es: 'Prevista: primera piedra' }, sources: [1] },
      ],
    });
    expect(statusAt(planned, '2024-06', AS_OF, isFacilityType(data, planned.type))).toBe('approved');
  });
});

describe('policy links at a month', () => {
  it('exist from their date, show as ended after their end date, and an undated link only at "as of"', () => {
    const link = (id: string) => {
      const l = data.meta.links.find((x) => x.id === id);
      if (!l) throw new Error(id);
      return l;
    };
    expect(linkAt(link('L1'), '2025-02', AS_OF).exists).toBe(false);
    expect(linkAt(link('L1'), '2025-07', AS_OF)).toEqual({ exists: true, ended: false, undated: false });
    expect(linkAt(link('L1'), '2025-08', AS_OF)).toEqual({ exists: true, ended: true, undated: false });
    expect(linkAt(link('L12'), '2026-02', AS_OF)).toEqual({ exists: false, ended: false, undated: true });
    expect(linkAt(link('L12'), AS_OF, AS_OF)).toEqual({ exists: true, ended: false, undated: true });
    expect(linksAt(data, '2023-07').map((l) => l.link.id)).toEqual(['L13']);
    expect(linksAt(data)).toHaveLength(16);
  });
});

describe('facilities', () => {
  it('maps only measures with sourced coordinates (CECOT, the Swan Islands), with capacity and status', () => {
    const mapped = mappedFacilities(data);
    expect(mapped.map((f) => f.id)).toEqual(['sv-cecot', 'hn-islas-del-cisne-prison']);
    const cecot = mapped[0];
    expect(cecot).toMatchObject({ lat: 13.533, lon: -88.804, exists: true, status: 'operating' });
    expect(cecot?.capacity?.values.map((v) => [v.value, v.unit.en])).toEqual([[40000, 'places']]);
    const swan = mappedFacilities(data, '2023-01')[1];
    expect(swan).toMatchObject({ id: 'hn-islas-del-cisne-prison', exists: false, status: null });
  });

  it('lists prisons with only a place name as "location not mapped", contested capacities in full', () => {
    const unmapped = unmappedFacilities(data);
    expect(unmapped.map((f) => f.id)).toEqual([
      'gt-max-security-prisons-izabal-masagua',
      'hn-emergency-reclusion-centre-20000',
      'cr-cacco',
      'ec-carcel-del-encuentro',
      'cl-santiago-max-security-prison',
    ]);
    for (const f of unmapped) expect(f.lat).toBeUndefined();
    const encuentro = unmapped.find((f) => f.id === 'ec-carcel-del-encuentro');
    expect(encuentro?.capacity?.contested).toBe(true);
    expect(encuentro?.capacity?.values.map((v) => v.value)).toEqual([736, 800]);
  });
});

describe('incarceration rates', () => {
  it('gives every country its rates with year and sources, unknowns as null, and the caveats', () => {
    const { rows, caveats } = incarcerationRates(data);
    expect(rows.map((r) => r.country)).toEqual(['GTM', 'SLV', 'HND', 'CRI', 'ECU', 'CHL']);
    const slv = rows.find((r) => r.country === 'SLV');
    expect(slv?.wpb).toMatchObject({ value: 1086, asOf: '2022-05' });
    expect(slv?.wpb?.sources.map((s) => s.n)).toEqual(['R1', 'R2']);
    expect(rows.find((r) => r.country === 'CRI')?.wpb).toBeNull();
    for (const r of rows)
      for (const cell of [r.wpb, r.oasAllPersons, r.oasAdults])
        if (cell) for (const s of cell.sources) expect(s.url).toMatch(/^https?:\/\//);
    expect(caveats.length).toBeGreaterThanOrEqual(1);
  });
});
