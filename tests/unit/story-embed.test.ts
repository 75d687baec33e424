/**
 * Issue 18, section 3: the story scrolled by the article. The embed's filter for step messages
 * (src/embed/story-messages.ts: only `{ type: 'policy-map:step', step: N }`, only from the parent
 * window, N a whole step number) and embed.js's host side (`data-layout="story"`, and the
 * `data-policy-map-step` elements it watches with an IntersectionObserver).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { embedSnippets } from '../../src/embed/embed-code.ts';
import { embedLayout } from '../../src/embed/layout.ts';
import { STEP_MESSAGE_TYPE, startStoryMessages, stepFromMessage } from '../../src/embed/story-messages.ts';

const T = STEP_MESSAGE_TYPE;

describe('the step message filter', () => {
  it.each([
    ['step 1', { type: T, step: 1 }, 1],
    ['the last step', { type: T, step: 9 }, 9],
    ['keys in the other order', { step: 4, type: T }, 4],
    ['a structured clone', structuredClone({ type: T, step: 2 }), 2],
    ['an object without a prototype', Object.assign(Object.create(null), { type: T, step: 3 }), 3],
  ])('takes %s', (_name, data, step) => {
    expect(stepFromMessage(data, 9)).toBe(step);
  });

  it.each([
    ['step 0', { type: T, step: 0 }],
    ['a step past the last', { type: T, step: 10 }],
    ['a negative step', { type: T, step: -1 }],
    ['a fraction', { type: T, step: 2.5 }],
    ['NaN', { type: T, step: Number.NaN }],
    ['Infinity', { type: T, step: Number.POSITIVE_INFINITY }],
    ['a numeric string', { type: T, step: '2' }],
    ['a boolean', { type: T, step: true }],
    ['a boxed number', { type: T, step: Object(2) }],
    ['an array step', { type: T, step: [2] }],
    ['an extra key', { type: T, step: 2, country: 'SLV' }],
    ['no step', { type: T }],
    ['no type', { step: 2 }],
    ['another type', { type: 'policy-map:goto', step: 2 }],
    ['the type in another case', { type: 'Policy-Map:Step', step: 2 }],
    ['the type with a space', { type: `${T} `, step: 2 }],
    ['the message as a JSON string', JSON.stringify({ type: T, step: 2 })],
    ['an array', [T, 2]],
    ['a bare number', 2],
    ['null', null],
    ['undefined', undefined],
    [
      'a Map',
      new Map<string, unknown>([
        ['type', T],
        ['step', 2],
      ]),
    ],
    ['a Date', new Date(2)],
    ['a height message', { sentinel: 'amp', type: 'embed-size', height: 2 }],
  ])('refuses %s', (_name, data) => {
    expect(stepFromMessage(data, 9)).toBeNull();
  });

  it('refuses every step when the story has none', () => {
    expect(stepFromMessage({ type: T, step: 1 }, 0)).toBeNull();
  });
});

/** A framed window whose message listeners the test calls itself (jsdom's top window has no parent). */
function framedWindow() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const parent = { name: 'host' } as unknown as Window;
  const win = {
    parent,
    addEventListener: (_type: string, l: (e: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_type: string, l: (e: MessageEvent) => void) => listeners.delete(l),
  } as unknown as Window;
  const post = (data: unknown, source: unknown) => {
    for (const l of listeners) l({ data, source, origin: 'https://any.example' } as MessageEvent);
  };
  return { win, parent, post, listeners };
}

function story(count = 9, current: number | null = null) {
  const state = { current };
  const goToStep = vi.fn((n: number) => {
    state.current = n;
  });
  return { count, current: () => state.current, goToStep };
}

describe('startStoryMessages', () => {
  it('moves the story for the exact message from the parent window, from any origin', () => {
    const { win, parent, post } = framedWindow();
    const s = story();
    startStoryMessages(s, win);
    post({ type: T, step: 3 }, parent);
    expect(s.goToStep).toHaveBeenCalledExactlyOnceWith(3);
    // Already there: nothing to do.
    post({ type: T, step: 3 }, parent);
    expect(s.goToStep).toHaveBeenCalledTimes(1);
  });

  it('ignores the same message from any other window: a sibling frame, itself, a child, none', () => {
    const { win, post } = framedWindow();
    const s = story();
    startStoryMessages(s, win);
    for (const source of [{ name: 'sibling' }, win, { parent: win }, null, undefined])
      post({ type: T, step: 2 }, source);
    expect(s.goToStep).not.toHaveBeenCalled();
  });

  it('ignores other shapes from the parent without throwing', () => {
    const { win, parent, post } = framedWindow();
    const s = story();
    startStoryMessages(s, win);
    for (const data of [{ type: T, step: '2' }, { type: T, step: 2, x: 1 }, 'pymxPYMxidxPYMxwidthxPYMx375', null])
      expect(() => post(data, parent)).not.toThrow();
    expect(s.goToStep).not.toHaveBeenCalled();
  });

  it('listens only when framed and the story has steps, and stops', () => {
    const framed = framedWindow();
    const stop = startStoryMessages(story(), framed.win);
    expect(framed.listeners.size).toBe(1);
    stop();
    expect(framed.listeners.size).toBe(0);
    const none = framedWindow();
    startStoryMessages(story(0), none.win);
    expect(none.listeners.size).toBe(0);
    const top = framedWindow();
    (top.win as { parent: Window }).parent = top.win;
    startStoryMessages(story(), top.win);
    expect(top.listeners.size).toBe(0);
  });
});

describe('the story layout parameter', () => {
  it('is `layout=story` in an embed, once', () => {
    expect(embedLayout('?embed=1&layout=story')).toBe('story');
    expect(embedLayout('?layout=story&embed=1&country=SLV')).toBe('story');
    expect(embedLayout('?layout=story')).toBeUndefined();
    expect(embedLayout('?embed=1&layout=Story')).toBeUndefined();
    expect(embedLayout('?embed=1&layout=story&layout=story')).toBeUndefined();
    expect(embedLayout('?embed=1')).toBeUndefined();
  });
});

describe('the story snippet (share dialog)', () => {
  const base = 'https://maps.example/policy/';

  it('is a sticky, screen-tall story placeholder with the loader, keeping only the language', () => {
    const { story } = embedSnippets({
      base,
      state: { step: 3, country: 'SLV', lang: 'es' },
      title: 'Mapa "1"',
      alt: 'Mapa <b>',
    });
    const doc = new DOMParser().parseFromString(story, 'text/html');
    const placeholder = doc.querySelector('[data-policy-map]') as HTMLElement;
    expect(placeholder.dataset.policyMap).toBe('lang=es');
    expect(placeholder.dataset.layout).toBe('story');
    expect(placeholder.dataset.title).toBe('Mapa "1"');
    expect(placeholder.id).toBe('policy-map-story');
    expect(placeholder.getAttribute('style')).toContain('position:sticky;top:0;height:100vh');
    expect(doc.querySelector('img')?.getAttribute('alt')).toBe('Mapa <b>');
    expect(doc.querySelector('script')?.getAttribute('src')).toBe(`${base}embed.js`);
    expect(story).toContain('data-policy-map-step="1"');
  });
});

describe('the README’s host page', () => {
  it('is the page the browser tests scroll: the same style, story placeholder and steps', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Scrolled by the article'));
    const start = section.indexOf('```html\n') + '```html\n'.length;
    const page = new DOMParser().parseFromString(section.slice(start, section.indexOf('\n```', start)), 'text/html');
    const fixture = new DOMParser().parseFromString(
      readFileSync('tests/fixtures/host/story.html', 'utf8'),
      'text/html',
    );
    expect(page.querySelector('style')?.textContent).toBe(fixture.querySelector('style')?.textContent);
    for (const doc of [page, fixture]) {
      const placeholder = doc.querySelector('.scrolly > .scrolly-map') as HTMLElement;
      expect(placeholder.dataset.layout).toBe('story');
      expect(placeholder.id).toBe('cecot-map');
    }
    expect(page.querySelector('.scrolly-map')?.hasAttribute('data-policy-map')).toBe(true);
    expect(page.querySelector('script')?.getAttribute('src')).toMatch(/\/embed\.js$/);
    const steps = (doc: Document) =>
      [...doc.querySelectorAll('.scrolly-text > [data-policy-map-step]')].map((p) => [
        p.getAttribute('data-policy-map-step'),
        p.textContent,
      ]);
    expect(steps(page).map(([n]) => n)).toEqual(['1', '2', '3', '4']);
    expect(steps(page)).toEqual(steps(fixture));
  });
});

/** The IntersectionObserver embed.js creates: its options, its targets, and its callback to drive. */
class FakeObserver {
  static last: FakeObserver | null = null;
  targets: Element[] = [];
  constructor(
    readonly callback: (entries: Partial<IntersectionObserverEntry>[]) => void,
    readonly options: IntersectionObserverInit,
  ) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.targets.push(el);
  }
  disconnect() {}
  /** Reports each step element's share above the viewport's middle (0.5 or more: its middle is above). */
  report(ratios: [Element, number][]) {
    this.callback(ratios.map(([target, r]) => ({ target, intersectionRatio: r, isIntersecting: r > 0 })));
  }
}

describe('embed.js: the story layout and its steps (host side)', () => {
  const code = readFileSync('public/embed.js', 'utf8');
  const MAP = 'https://maps.example';

  function run(html: string) {
    document.body.innerHTML = html;
    Object.defineProperty(document, 'currentScript', { configurable: true, value: { src: `${MAP}/policy/embed.js` } });
    new Function(code)();
    const frames = [...document.querySelectorAll('iframe')];
    const posts = frames.map((f) => vi.spyOn(f.contentWindow as Window, 'postMessage').mockImplementation(() => {}));
    const load = (i = 0) => frames[i]?.dispatchEvent(new Event('load'));
    const steps = (n: number) => document.querySelector(`[data-policy-map-step="${n}"]`) as Element;
    return { frames, posts, load, steps, observer: FakeObserver.last };
  }

  const STEPS = [1, 2, 3, 4].map((n) => `<p data-policy-map-step="${n}">Step ${n}</p>`).join('');

  beforeEach(() => {
    FakeObserver.last = null;
    vi.stubGlobal('IntersectionObserver', FakeObserver);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(document, 'currentScript');
  });

  const post = (data: unknown, source: Window | null) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin: MAP, source }));

  it('gives the story layout `layout=story` and the placeholder’s height, and never resizes it', () => {
    const { frames } = run(
      '<div id="a" data-policy-map="country=SLV" data-layout="story"></div><div data-policy-map="" data-layout="story" data-height="640"></div><div data-policy-map=""></div>',
    );
    const [story, fixed, plain] = frames as [HTMLIFrameElement, HTMLIFrameElement, HTMLIFrameElement];
    expect(story.src).toBe(`${MAP}/policy/?country=SLV&embed=1&embedId=policy-map-1&layout=story`);
    expect(story.style.height).toBe('100%');
    expect(fixed.style.height).toBe('640px');
    expect(new URL(plain.src).searchParams.has('layout')).toBe(false);
    post({ sentinel: 'amp', type: 'embed-size', height: 901 }, story.contentWindow);
    post({ sentinel: 'amp', type: 'embed-size', height: 902 }, fixed.contentWindow);
    post({ sentinel: 'amp', type: 'embed-size', height: 903 }, plain.contentWindow);
    expect([story.style.height, fixed.style.height, plain.style.height]).toEqual(['100%', '640px', '903px']);
  });

  it('watches every step element, by the middle of the screen', () => {
    const { observer } = run(`<div data-policy-map="" data-layout="story"></div>${STEPS}`);
    expect(observer?.targets).toHaveLength(4);
    expect(observer?.options.threshold).toBe(0.5);
    // The root: the viewport above its middle, reaching far up.
    expect(observer?.options.rootMargin).toMatch(/^\d{5,}px 0px -50%/);
  });

  it('sends the iframe `{ type, step }` at the map’s origin, once loaded, for the last step past the middle', () => {
    const { observer, posts, load, steps } = run(`<div data-policy-map="" data-layout="story"></div>${STEPS}`);
    const sent = () => posts[0]?.mock.calls.map((c) => c as unknown[]) ?? [];
    observer?.report([
      [steps(1), 1],
      [steps(2), 0.6],
      [steps(3), 0.2],
      [steps(4), 0],
    ]);
    expect(sent()).toEqual([]);
    load();
    expect(sent()).toEqual([[{ type: 'policy-map:step', step: 2 }, MAP]]);
    expect(Object.keys(sent()[0]?.[0] as object)).toEqual(['type', 'step']);
    observer?.report([[steps(3), 0.5]]);
    observer?.report([[steps(3), 0.7]]);
    observer?.report([[steps(4), 0.9]]);
    expect(sent().map((c) => (c[0] as { step: number }).step)).toEqual([2, 3, 4]);
    // Back up: step 4's middle below the screen's middle again, then all of them.
    observer?.report([[steps(4), 0.3]]);
    observer?.report([
      [steps(1), 0.2],
      [steps(2), 0],
      [steps(3), 0],
      [steps(4), 0],
    ]);
    expect(sent().map((c) => (c[0] as { step: number }).step)).toEqual([2, 3, 4, 3, 1]);
    // A reload of the frame gets the step it should show.
    load();
    expect(sent().at(-1)).toEqual([{ type: 'policy-map:step', step: 1 }, MAP]);
  });

  it('sends nothing before the reader reaches the first step', () => {
    const { observer, posts, load, steps } = run(`<div data-policy-map="" data-layout="story"></div>${STEPS}`);
    load();
    observer?.report([
      [steps(1), 0.3],
      [steps(2), 0],
    ]);
    expect(posts[0]).not.toHaveBeenCalled();
  });

  it('drives the embed data-policy-map-for names, else the first story on the page', () => {
    const { observer, posts, load } = run(
      `<div data-policy-map=""></div>
       <div id="first" data-policy-map="" data-layout="story"></div>
       <div id="second" data-policy-map="" data-layout="story"></div>
       <p data-policy-map-step="2" id="s">x</p><p data-policy-map-step="5" data-policy-map-for="second" id="t">y</p>`,
    );
    for (const i of [0, 1, 2]) load(i);
    observer?.report([
      [document.getElementById('s') as Element, 1],
      [document.getElementById('t') as Element, 1],
    ]);
    expect(posts[0]).not.toHaveBeenCalled();
    expect(posts[1]).toHaveBeenCalledExactlyOnceWith({ type: 'policy-map:step', step: 2 }, MAP);
    expect(posts[2]).toHaveBeenCalledExactlyOnceWith({ type: 'policy-map:step', step: 5 }, MAP);
  });

  it('still mounts every embed where there is no IntersectionObserver', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const { frames } = run(`<div data-policy-map="" data-layout="story"></div>${STEPS}`);
    expect(frames).toHaveLength(1);
  });
});
