// @vitest-environment node
/**
 * Issue 20, section 1: fixes from the second fact check (items 1–11 and 13), pinned so they cannot
 * regress. Each test names the data brief's wording it follows.
 */
import { describe, expect, it } from 'vitest';
import { formatCoordinate, formatFigureValue, formatList, inSentence } from '../../src/data/format.ts';
import type { Measure, Text } from '../../src/data/schema.ts';
import { linkKindLabel } from '../../src/data/story.ts';
import { tableRows } from '../../src/data/table-rows.ts';
import { asOfMonth, measureAt } from '../../src/data/timeline.ts';
import { fill, STRINGS } from '../../src/i18n/strings.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';

const data = loadPolicyData();
const AS_OF = asOfMonth(data);
const measure = (id: string): Measure => {
  const m = data.countries.flatMap((c) => c.measures).find((x) => x.id === id);
  if (!m) throw new Error(`no measure ${id}`);
  return m;
};
const link = (id: string) => {
  const l = data.meta.links.find((x) => x.id === id);
  if (!l) throw new Error(`no link ${id}`);
  return l;
};
const countrySummary = (code: string): Text => {
  const c = data.countries.find((x) => x.country === code);
  if (!c) throw new Error(`no country ${code}`);
  return c.summary;
};
const allText = (value: unknown): string => JSON.stringify(value);

/** Every translated text of the data (dataset, story, measures), with where it is. */
function texts(): { path: string; text: Text }[] {
  const out: { path: string; text: Text }[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 2 && typeof o.en === 'string' && typeof o.es === 'string')
        out.push({ path, text: o as unknown as Text });
      else for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
    }
  };
  walk(data.meta, 'dataset');
  walk(data.story, 'story');
  for (const c of data.countries) walk(c, c.country);
  return out;
}

describe('second fact-check corrections (issue 20, section 1)', () => {
  it('1. GT-2: 21 October 2025 is when Congress approved it ("approved 2025-10-21 [1][2]"), not an announcement; it still appears in October 2025', () => {
    const gt2 = measure('gt-transfer-of-gang-prisoners-abroad');
    expect(gt2.dates.announced).toBeNull();
    expect(gt2.status.value).toBe('approved');
    expect(gt2.status.since).toMatchObject({ date: '2025-10-21', sources: [1, 2] });
    expect(gt2.status.since?.note?.en).toMatch(/Approved by Congress/);
    expect(gt2.status.note?.en).toContain('Approved by Congress on 21 October 2025');
    expect(gt2.status.note?.es).toContain('Aprobado por el Congreso el 21 de octubre de 2025');
    expect(gt2.timeline.find((e) => e.date === '2025-10-21')?.text.en).toMatch(/Approved by Congress/);
    // No "Announced" date in the panel or the table.
    const row = tableRows(data, [gt2.type], 'en').find((r) => r.id === gt2.id);
    expect(row?.announced).toBe('');
    // The slider: not yet in September 2025; approved from October 2025.
    expect(measureAt(gt2, '2025-09', AS_OF, false).exists).toBe(false);
    expect(measureAt(gt2, '2025-10', AS_OF, false)).toMatchObject({
      exists: true,
      dateUnknown: false,
      status: 'approved',
    });
  });

  it('2. L11: CECOT is named as a destination ("for example to CECOT in El Salvador, because it is close"), not cited as a model', () => {
    const l11 = link('L11');
    expect(l11.kind).toBe('destination');
    expect(linkKindLabel(data, l11.kind, 'en')).toBe('Named as a destination');
    expect(linkKindLabel(data, l11.kind, 'es')).toBe('Señalado como destino');
    expect(l11.text.en).toContain('for example to CECOT in El Salvador, because it is close');
    expect(l11.text.es).not.toMatch(/como ejemplo/);
    expect(l11.text.es).toContain('como destino');
  });

  it('3. L12: "better than CECOT" takes CECOT as a benchmark, and nothing has El Salvador citing Guatemala', () => {
    const l12 = link('L12');
    expect(l12.mutual).toBe(false);
    expect(l12.from).toEqual(['GTM']);
    expect(l12.to).toEqual(['SLV']);
    expect(l12.kind).toBe('benchmark');
    expect(linkKindLabel(data, l12.kind, 'en')).toBe('Cited as a benchmark');
    expect(linkKindLabel(data, l12.kind, 'es')).toBe('Tomado como referencia');
  });

  it('4. every link points from the country that acts (visits, sends, helps, cites, follows) to the other, and the legend says so', () => {
    // The model, benchmark and destination links: from the citing country to El Salvador.
    const citing = data.meta.links.filter((l) => ['model', 'benchmark', 'destination'].includes(l.kind));
    expect(citing.map((l) => l.id)).toEqual(['L10', 'L11', 'L12', 'L13', 'L14', 'L15', 'L16']);
    for (const l of citing) {
      expect(l.to, l.id).toContain('SLV');
      expect(l.from, l.id).not.toContain('SLV');
    }
    expect([link('L10').from, link('L13').from, link('L14').from, link('L15').from]).toEqual([
      ['CRI'],
      ['HND'],
      ['HND'],
      ['ECU'],
    ]);
    expect(link('L16')).toMatchObject({ from: ['CHL'], to: ['SLV', 'USA'] });
    // Visits run from the visitor; the transfer from the sender.
    expect(link('L1')).toMatchObject({ from: ['USA'], to: ['SLV'] });
    expect(link('L4')).toMatchObject({ from: ['SLV'], to: ['CRI'] });
    expect(link('L5')).toMatchObject({ from: ['CRI'], to: ['SLV'] });
    expect(STRINGS.en.legendLinks).toContain('from the country that acts');
    expect(STRINGS.es.legendLinks).toContain('del país que actúa');
  });

  it('5. L1 follows SV-4: "alleged Tren de Aragua members", no claim that the 23 MS-13 members came under the Alien Enemies Act, US$6 million a White House figure', () => {
    const l1 = link('L1');
    expect(l1.text.en).toContain('238 alleged Tren de Aragua members and 23 MS-13 members');
    expect(l1.text.en).not.toMatch(/under the Alien Enemies Act/);
    expect(l1.text.en).toMatch(/White House put the US payment at about US\$6 million/);
    expect(l1.text.es).toContain('238 presuntos miembros del Tren de Aragua');
    expect(l1.text.es).not.toMatch(/en virtud de la Ley de Enemigos Extranjeros/);
    expect(l1.text.es).toContain('según la Casa Blanca');
  });

  it('6. CL-4: a high- and maximum-security prison (550 + 50 places); at tender stage only "as of" its April 2025 sources, with [5] (July 2025 or later) saying the tender would not start', () => {
    const cl4 = measure('cl-santiago-max-security-prison');
    expect(cl4.title.en).toBe('High- and maximum-security prison in Santiago (Santiago 1 expansion)');
    expect(cl4.title.es).toBe('Cárcel de alta y máxima seguridad en Santiago (ampliación de Santiago 1)');
    const s5 = cl4.sources.find((s) => s.n === 5);
    expect(s5?.dateNote).toBe('2025-07 or later');
    const shown = [cl4.summary, cl4.status.note as Text, countrySummary('CHL')];
    for (const t of shown) {
      expect(t.en).not.toMatch(/still at tender stage/i);
      expect(t.es).not.toMatch(/sigue en etapa de licitación/i);
      expect(t.en).toMatch(/tender stage as of April 2025/);
      expect(t.es).toMatch(/etapa de licitación en abril de 2025/);
      expect(t.en).toMatch(/would not begin under the government of the time/);
      expect(t.es).toMatch(/no se iniciaría durante el Gobierno de entonces/);
    }
    expect(cl4.status.sources).toEqual(expect.arrayContaining([3, 4, 5]));
  });

  it('7. GT-3: the Masagua prison is not flattened to "planned": Prensa Libre says under construction, Infobae to be tendered', () => {
    const gt3 = measure('gt-max-security-prisons-izabal-masagua');
    for (const t of [gt3.summary, countrySummary('GTM')]) {
      expect(t.en).not.toMatch(/prisons are planned|two planned/i);
      expect(t.es).not.toMatch(/Se planifican dos|dos cárceles de máxima seguridad planificadas/);
    }
    expect(gt3.summary.en).toMatch(
      /Masagua, which Prensa Libre reported .* as under construction and Infobae .* to be put out to tender/,
    );
    expect(gt3.summary.es).toMatch(
      /Masagua, que Prensa Libre dio .* como en construcción e Infobae .* como pendiente de licitación/,
    );
    expect(gt3.status.note?.en).toMatch(/For Masagua the sources differ/);
    expect(gt3.status.sources).toEqual(expect.arrayContaining([7, 3]));
    expect(countrySummary('GTM').en).toMatch(/Masagua whose status the sources dispute/);
  });

  it('8. "first meeting" with Bukele is cited to CL-1 [6], the only source that says so (CL-1 and L3)', () => {
    const cl1 = measure('cl-kast-bukele-security-cooperation');
    const cited: { text: Text; sources: number[] }[] = [
      ...(cl1.dates.announced?.note ? [{ text: cl1.dates.announced.note, sources: cl1.dates.announced.sources }] : []),
      ...cl1.timeline,
      ...cl1.facts,
      ...cl1.concerns,
    ];
    const first = cited.filter((c) => /first meeting/i.test(c.text.en) || /primera reunión/i.test(c.text.es));
    expect(first.length).toBeGreaterThan(0);
    for (const c of first) expect(c.sources, c.text.en).toContain(6);
    const l3 = link('L3');
    expect(l3.text.en).toContain('first meeting with Bukele');
    expect(l3.refs).toEqual([{ measure: 'cl-kast-bukele-security-cooperation', sources: expect.arrayContaining([6]) }]);
  });

  it('9. the credit names what is cited: rights organisations, the OAS observatory, the World Prison Brief, official statements and news reports; Natural Earth kept', () => {
    const { en, es } = data.meta.credit;
    for (const name of [
      'Human Rights Watch',
      'Amnesty International',
      'OAS Hemispheric Security Observatory',
      'World Prison Brief',
      'official statements',
      'news reports',
      'Natural Earth',
    ])
      expect(en).toContain(name);
    for (const name of [
      'Human Rights Watch',
      'Amnistía Internacional',
      'Observatorio Hemisférico de Seguridad de la OEA',
      'World Prison Brief',
      'declaraciones oficiales',
      'informaciones periodísticas',
      'Natural Earth',
    ])
      expect(es).toContain(name);
  });

  it('10. CECOT to three decimals (13.533, −88.804: a Wikipedia mirror, SV-3 [3]); the Swan Islands point is the archipelago, not a chosen site', () => {
    const cecot = measure('sv-cecot').location;
    expect([cecot?.lat, cecot?.lon]).toEqual([13.533, -88.804]);
    for (const v of data.countries.flatMap((c) => c.measures).flatMap((m) => [m.location?.lat, m.location?.lon]))
      if (v !== undefined) expect(formatCoordinate(v).replace(/^-?\d+\.?/, '').length).toBeLessThanOrEqual(3);
    expect(formatCoordinate(13.533)).toBe('13.533');
    expect(formatCoordinate(17.41056)).toBe('17.411');
    const swan = measure('hn-islas-del-cisne-prison').location;
    expect(swan?.place.en).toMatch(/the map point marks the archipelago/);
    expect(swan?.place.en).toMatch(/no site on the islands/);
    expect(swan?.place.es).toMatch(/el punto del mapa marca el archipiélago/);
  });

  it('11. the first rate column names its source as it is (World Prison Brief / World Prison Population List); the caveat shows no "186" and no "usually compared"', () => {
    for (const lang of ['en', 'es'] as const)
      expect(STRINGS[lang].rateWpb).toBe('World Prison Brief / World Prison Population List');
    const caveats = data.meta.incarceration?.caveats ?? [];
    for (const c of caveats) {
      expect(c.en).not.toMatch(/\b186\b(?![.,]\d)/);
      expect(c.es).not.toMatch(/\b186\b(?![.,]\d)/);
      expect(c.en).not.toMatch(/usually compared/);
      expect(c.es).not.toMatch(/suelen compararse/);
    }
    const indicators = caveats.find((c) => c.en.includes('indicator 54'));
    expect(indicators?.en).toMatch(/indicator 1842/);
    expect(indicators?.en).toContain('185.95');
    expect(indicators?.es).toContain('185,95');
    // The figure the caveat names is the one the table shows.
    expect(data.meta.incarceration?.rows.find((r) => r.country === 'HND')?.oasAdults?.value).toBe(185.95);
  });

  it('13. Spanish wording and one style per language (dates, buttons, agreement, per cent, Gobierno, Cárcel del Encuentro, SV-4); en-GB lists', () => {
    const es = STRINGS.es;
    expect(es.asOf).toBe('Datos al');
    expect(es.asOfShortDay).toBe('al');
    expect(es.datePause).toBe('Pausar');
    expect(es.statusUnknownAtDate).toBe('Estado desconocido en esta fecha');
    expect(es.legendLinks).toContain('discontinua: terminada');
    expect(es.legendFacilityStatus).toContain('estancada');
    expect(es.legendFacilityStatus).not.toMatch(/paralizada/);
    expect(fill(es.groupShowAll, { count: '15 medidas', type: inSentence('Cárcel de máxima seguridad', 'es') })).toBe(
      'Mostrar las 15 medidas de tipo «cárcel de máxima seguridad»',
    );
    // Per cent: "78%" in English, "78 %" in Spanish, in texts and in figures.
    const all = texts();
    for (const { path, text } of all) {
      expect(text.en, path).not.toMatch(/\d %/);
      expect(text.es, path).not.toMatch(/\d%/);
    }
    const vote = { value: 48.5, unit: { en: '% of the vote', es: '% de los votos' }, asOf: null, sources: [2] };
    expect(formatFigureValue(vote, 'en')).toBe('48.5% of the vote');
    expect(formatFigureValue(vote, 'es')).toBe('48,5 % de los votos');
    // "el Gobierno" (the institution) with a capital; lower case only in generic use or for a term.
    for (const { path, text } of all) expect(text.es, path).not.toMatch(/\b(el|del|al) gobierno\b/);
    // The proper name kept whole.
    for (const { path, text } of all) {
      expect(text.es, path).not.toMatch(/cárcel (de máxima seguridad )?del Encuentro|Cárcel de El Encuentro/);
    }
    expect(countrySummary('ECU').es).toContain('la Cárcel del Encuentro');
    // SV-4: to whom the Venezuelans were handed back.
    const sv4 = measure('sv-us-deportations-to-cecot').status.note as Text;
    expect(sv4.es).not.toMatch(/fueron entregados el/);
    expect(sv4.es).toContain('devueltos a Venezuela');
    expect(sv4.en).toContain('returned to Venezuela');
    expect(allText(sv4)).toMatch(/10 (US citizens|ciudadanos)/);
    // en-GB lists: no serial comma.
    expect(STRINGS.en.listMany).not.toContain(',');
    expect(formatList(['El Salvador', 'Costa Rica', 'Chile'], 'en')).toBe('El Salvador, Costa Rica and Chile');
    expect(formatList(['El Salvador', 'Costa Rica', 'Chile'], 'es')).toBe('El Salvador, Costa Rica y Chile');
  });
});
