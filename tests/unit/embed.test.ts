import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embedQuery, embedSnippets, escapeAttr } from '../../src/embed/embed-code.ts';
import { heightMessages, isPymWidthMessage } from '../../src/embed/height-messages.ts';
import { fromUrlState, parseUrlState, serializeUrlState, toUrlState } from '../../src/state/url-state.ts';
import { DEFAULTS, MEASURE_TYPES, URL_OPTIONS } from '../fixtures/story.ts';

describe('URL state', () => {
  it('writes nothing for the defaults, and the defaults come back from an empty query', () => {
    expect(serializeUrlState(toUrlState(DEFAULTS))).toBe('');
    expect(parseUrlState('', URL_OPTIONS)).toEqual({});
    expect(fromUrlState(parseUrlState('', URL_OPTIONS))).toEqual({});
  });

  it('round-trips every setting a reader can choose', () => {
    const state = {
      ...DEFAULTS,
      selected: 'CRI' as const,
      activeTypes: ['state-of-exception', 'max-security-prison'] as const,
      lang: 'es' as const,
      theme: 'dark' as const,
      view: 'table' as const,
    };
    const query = serializeUrlState(toUrlState(state));
    expect(query).toBe('?country=CRI&types=state-of-exception,max-security-prison&lang=es&theme=dark&view=table');
    expect(fromUrlState(parseUrlState(query, URL_OPTIONS))).toEqual({
      selected: 'CRI',
      activeTypes: ['state-of-exception', 'max-security-prison'],
      lang: 'es',
      theme: 'dark',
      view: 'table',
    });
  });

  it('keeps other parameters (embed, pym childId) and puts types in canonical order', () => {
    expect(serializeUrlState({ country: 'SLV' }, '?embed=1&childId=policy-map&country=CHL')).toBe(
      '?embed=1&childId=policy-map&country=SLV',
    );
    expect(parseUrlState('?types=max-security-prison,state-of-exception', URL_OPTIONS).types).toEqual([
      'state-of-exception',
      'max-security-prison',
    ]);
  });

  it('tells an absent type list (every type) from an empty one (none): issue 21, defect 2', () => {
    expect(parseUrlState('', URL_OPTIONS).types).toBeUndefined();
    expect(parseUrlState('?types=', URL_OPTIONS)).toEqual({ types: [] });
    expect(parseUrlState('?types=&types=', URL_OPTIONS)).toEqual({});
    // A reader who unchecks every type: the link says so, and reading it back gives no types.
    const query = serializeUrlState(
      toUrlState({
        selected: null,
        activeTypes: [],
        allTypes: [...MEASURE_TYPES],
        lang: 'en',
        theme: null,
        view: 'map',
      }),
    );
    expect(query).toBe('?types=');
    expect(fromUrlState(parseUrlState(query, URL_OPTIONS)).activeTypes).toEqual([]);
  });

  it('ignores unknown, repeated, invalid and hostile values without throwing', () => {
    expect(parseUrlState('?country=FRA', URL_OPTIONS)).toEqual({});
    expect(parseUrlState('?country=slv', URL_OPTIONS)).toEqual({});
    expect(parseUrlState('?country=SLV&country=CHL', URL_OPTIONS)).toEqual({});
    expect(parseUrlState('?types=nope,also-nope', URL_OPTIONS)).toEqual({});
    expect(parseUrlState('?types=state-of-exception,<script>alert(1)</script>', URL_OPTIONS)).toEqual({
      types: ['state-of-exception'],
    });
    expect(parseUrlState('?country=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', URL_OPTIONS)).toEqual({});
    expect(parseUrlState('?%', URL_OPTIONS)).toEqual({});
    expect(parseUrlState(`?types=${MEASURE_TYPES.join(',')},${'x'.repeat(10_000)}`, URL_OPTIONS).types).toEqual([
      ...MEASURE_TYPES,
    ]);
  });
});

describe('height messages, byte for byte', () => {
  const opts = { childId: 'policy-map', embedId: 'policy-map-1', href: 'https://maps.example/policy/?embed=1' };

  it('pym.js: pym xPYMx childId xPYMx height xPYMx pixels', () => {
    expect(heightMessages(1261.3, opts)[0]).toBe('pymxPYMxpolicy-mapxPYMxheightxPYMx1262');
  });

  it('Datawrapper, AMP and Embedly/Medium', () => {
    const [, dw, amp, embedly] = heightMessages(900, opts);
    expect(dw).toEqual({ 'datawrapper-height': { 'policy-map-1': 900 } });
    expect(amp).toEqual({ sentinel: 'amp', type: 'embed-size', height: 900 });
    expect(embedly).toBe('{"src":"https://maps.example/policy/?embed=1","context":"iframe.resize","height":900}');
  });

  it('sends no pym message without a pym childId', () => {
    expect(heightMessages(900, { ...opts, childId: null })).toHaveLength(3);
  });

  it('recognises only pym width pings for this child', () => {
    expect(isPymWidthMessage('pymxPYMxpolicy-mapxPYMxwidthxPYMx375', 'policy-map')).toBe(true);
    expect(isPymWidthMessage('pymxPYMxotherxPYMxwidthxPYMx375', 'policy-map')).toBe(false);
    expect(isPymWidthMessage({ width: 375 }, 'policy-map')).toBe(false);
  });
});

describe('embed snippets', () => {
  const base = 'https://maps.example/policy/';

  it('reproduce the current view in all three forms', () => {
    const s = embedSnippets({
      base,
      state: { country: 'SLV', types: ['state-of-exception'], lang: 'es' },
      title: 'Mapa',
      alt: 'Mapa',
    });
    expect(s.link).toBe('https://maps.example/policy/?country=SLV&types=state-of-exception&lang=es');
    expect(s.iframe).toContain(
      'src="https://maps.example/policy/?embed=1&amp;country=SLV&amp;types=state-of-exception&amp;lang=es"',
    );
    expect(s.iframe).toContain('loading="lazy"');
    expect(s.script).toContain('data-policy-map="country=SLV&amp;types=state-of-exception&amp;lang=es"');
    expect(s.script).toContain(`<img src="${base}fallback.svg"`);
    expect(s.script).toContain(`<script async src="${base}embed.js"></script>`);
  });

  it('escape attribute values', () => {
    expect(escapeAttr('a"b<c>&')).toBe('a&quot;b&lt;c&gt;&amp;');
    expect(embedSnippets({ base, state: {}, title: '"><script>', alt: 'x' }).iframe).not.toContain('"><script>');
    expect(embedQuery({})).toBe('?embed=1');
  });
});

describe('embed.js (parent side)', () => {
  const code = readFileSync('public/embed.js', 'utf8');
  const MAP = 'https://maps.example';

  beforeEach(() => {
    document.body.innerHTML =
      '<div data-policy-map="country=SLV" data-title="Policy map"><a href="#"><img alt="fallback"></a></div>';
    Object.defineProperty(document, 'currentScript', { configurable: true, value: { src: `${MAP}/policy/embed.js` } });
    new Function(code)();
  });
  afterEach(() => {
    Reflect.deleteProperty(document, 'currentScript');
  });

  const iframe = () => document.querySelector('iframe') as HTMLIFrameElement;
  const post = (data: unknown, origin: string, source: Window | null) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));

  it('replaces the placeholder with a titled, lazy iframe of the embed view', () => {
    expect(iframe().src).toBe(`${MAP}/policy/?country=SLV&embed=1&embedId=policy-map-1`);
    expect(iframe().title).toBe('Policy map');
    expect(iframe().getAttribute('loading')).toBe('lazy');
    expect(iframe().getAttribute('allow')).toBe('fullscreen; clipboard-write');
    expect(document.querySelector('img')).toBeNull();
    expect(Number.parseInt(iframe().style.height, 10)).toBeGreaterThan(900);
  });

  it('resizes on each message format from its own iframe at the map origin', () => {
    const win = iframe().contentWindow;
    post({ sentinel: 'amp', type: 'embed-size', height: 901 }, MAP, win);
    expect(iframe().style.height).toBe('901px');
    post('pymxPYMxanyxPYMxheightxPYMx902', MAP, win);
    expect(iframe().style.height).toBe('902px');
    post({ 'datawrapper-height': { 'policy-map-1': 903 } }, MAP, win);
    expect(iframe().style.height).toBe('903px');
    post(JSON.stringify({ src: 'x', context: 'iframe.resize', height: 904 }), MAP, win);
    expect(iframe().style.height).toBe('904px');
  });

  it('ignores messages from another origin or another window, and absurd heights', () => {
    const win = iframe().contentWindow;
    post({ sentinel: 'amp', type: 'embed-size', height: 905 }, MAP, win);
    post({ sentinel: 'amp', type: 'embed-size', height: 111 }, 'https://evil.example', win);
    expect(iframe().style.height).toBe('905px');
    post({ sentinel: 'amp', type: 'embed-size', height: 222 }, MAP, window);
    expect(iframe().style.height).toBe('905px');
    post({ sentinel: 'amp', type: 'embed-size', height: 1e9 }, MAP, win);
    post('not json', MAP, win);
    expect(iframe().style.height).toBe('905px');
  });

  // Issue 9, defect 14: only finite numbers (pym: a plain decimal string), 1 ≤ ceil(h) ≤ 19,999 px,
  // and Datawrapper only under this iframe's own embedId.
  const amp = (height: unknown) => ({ sentinel: 'amp', type: 'embed-size', height });
  const pym = (height: string, childId = 'any') => `pymxPYMx${childId}xPYMxheightxPYMx${height}`;
  const dw = (height: unknown, id = 'policy-map-1') => ({ 'datawrapper-height': { [id]: height } });
  const embedly = (height: unknown) => JSON.stringify({ src: 'x', context: 'iframe.resize', height });

  it.each([
    ['AMP true', amp(true)],
    ['AMP false', amp(false)],
    ['AMP null', amp(null)],
    ['AMP array', amp([905])],
    ['AMP nested array', amp([[905]])],
    ['AMP numeric string', amp('905')],
    ['AMP hex string', amp('0x400')],
    ['AMP exponent string', amp('1e3')],
    ['AMP object', amp({ valueOf: () => 905 })],
    ['AMP NaN', amp(Number.NaN)],
    ['AMP Infinity', amp(Number.POSITIVE_INFINITY)],
    ['AMP 0', amp(0)],
    ['AMP -0.5 (rounds up to 0)', amp(-0.5)],
    ['AMP negative', amp(-905)],
    ['AMP 19,999.9 (rounds up to 20,000)', amp(19_999.9)],
    ['AMP 20,000', amp(20_000)],
    ['AMP 1e9', amp(1e9)],
    ['pym hex', pym('0x400')],
    ['pym exponent', pym('1e3')],
    ['pym empty', pym('')],
    ['pym spaces', pym(' 905 ')],
    ['pym negative', pym('-905')],
    ['pym sign', pym('+905')],
    ['pym trailing dot', pym('905.')],
    ['pym leading dot', pym('.5')],
    ['pym Infinity', pym('Infinity')],
    ['pym 0', pym('0')],
    ['pym 19999.9', pym('19999.9')],
    ['pym 20000', pym('20000')],
    ['pym width message', 'pymxPYMxanyxPYMxwidthxPYMx905'],
    ['Datawrapper another id', dw(905, 'policy-map-2')],
    ['Datawrapper any id', dw(905, 'x')],
    ['Datawrapper inherited id', { 'datawrapper-height': Object.create({ 'policy-map-1': 905 }) }],
    ['Datawrapper true', dw(true)],
    ['Datawrapper array', dw([905])],
    ['Datawrapper hex string', dw('0x400')],
    ['Datawrapper 19,999.9', dw(19_999.9)],
    ['Embedly true', embedly(true)],
    ['Embedly array', embedly([905])],
    ['Embedly exponent string', embedly('1e3')],
    ['Embedly 19,999.9', embedly(19_999.9)],
    ['bare number', 905],
    ['bare true', true],
    ['array', [905]],
    ['JSON number', '905'],
    ['JSON array', '[905]'],
  ])('ignores a bad height from its own iframe: %s', (_name, data) => {
    const win = iframe().contentWindow;
    post(amp(777), MAP, win);
    expect(iframe().style.height).toBe('777px');
    post(data, MAP, win);
    expect(iframe().style.height).toBe('777px');
  });

  it.each([
    ['AMP integer', amp(905), '905px'],
    ['AMP fraction rounds up', amp(904.2), '905px'],
    ['AMP tiny fraction rounds up to 1', amp(0.001), '1px'],
    ['AMP upper bound', amp(19_999), '19999px'],
    ['AMP fraction up to the bound', amp(19_998.5), '19999px'],
    ['AMP as a JSON string', JSON.stringify(amp(906)), '906px'],
    ['pym integer', pym('907'), '907px'],
    ['pym decimal', pym('907.25'), '908px'],
    ['pym upper bound', pym('19999'), '19999px'],
    ['Datawrapper own id', dw(909), '909px'],
    ['Datawrapper own id, JSON string', JSON.stringify(dw(910.5)), '911px'],
    ['Embedly', embedly(912), '912px'],
  ])('accepts a good height from its own iframe: %s', (_name, data, px) => {
    post(data, MAP, iframe().contentWindow);
    expect(iframe().style.height).toBe(px);
  });

  it('checks the pym childId when the placeholder gave one', () => {
    document.body.innerHTML = '<div data-policy-map="childId=story-map&amp;country=CHL"></div>';
    new Function(code)();
    const frame = document.querySelector('iframe') as HTMLIFrameElement;
    expect(frame.src).toBe(`${MAP}/policy/?childId=story-map&country=CHL&embed=1&embedId=policy-map-1`);
    post(pym('913', 'other'), MAP, frame.contentWindow);
    expect(frame.style.height).not.toBe('913px');
    post(pym('914', 'story-map'), MAP, frame.contentWindow);
    expect(frame.style.height).toBe('914px');
  });

  it('gives each iframe its own embedId and takes Datawrapper heights only under it', () => {
    document.body.innerHTML = '<div data-policy-map="country=SLV"></div><div data-policy-map="country=CHL"></div>';
    new Function(code)();
    const [a, b] = [...document.querySelectorAll('iframe')] as HTMLIFrameElement[];
    expect(new URL(a!.src).searchParams.get('embedId')).toBe('policy-map-1');
    expect(new URL(b!.src).searchParams.get('embedId')).toBe('policy-map-2');
    post(dw(915, 'policy-map-1'), MAP, b!.contentWindow);
    expect(b!.style.height).not.toBe('915px');
    post(dw(916, 'policy-map-2'), MAP, b!.contentWindow);
    expect(b!.style.height).toBe('916px');
    expect(a!.style.height).not.toBe('916px');
  });

  it('is small: at most 2 KB gzipped', async () => {
    const { gzipSync } = await import('node:zlib');
    expect(gzipSync(code).length).toBeLessThanOrEqual(2048);
  });
});
