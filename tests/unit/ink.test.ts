import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inkFromCss, inkFromDocument } from '../../src/map/ink.ts';

const css = readFileSync('src/ui/base.css', 'utf8');

describe('the stills’ ink, from base.css', () => {
  it('reads each theme’s colours from its custom properties, as SVG colours', () => {
    const light = inkFromCss(css, 'light');
    const dark = inkFromCss(css, 'dark');
    expect(light.text).toBe('#1d1d1b');
    expect(light.labelBg).toBe('rgba(255,255,255,0.95)');
    expect(dark.bg).toBe('#16181b');
    for (const key of Object.keys(light) as (keyof typeof light)[]) expect(dark[key], key).not.toBe(light[key]);
  });

  it('reads the colours as the built stylesheet writes them (the browser reads that one)', () => {
    const built =
      ':root[data-theme="light"]{--colour-bg:#fff;--colour-text:#1d1d1b;--colour-muted:#5c5a55;--colour-label-bg:#fffffff2;--colour-label-border:#1d1d1b73;--colour-link:#b3261e;--colour-link-text:#fff}';
    const ink = inkFromCss(built, 'light');
    expect(ink.labelBg).toBe('rgba(255,255,255,0.949)');
    expect(ink.labelBorder).toBe('rgba(29,29,27,0.451)');
    expect(ink.bg).toBe('#fff');
  });

  it('follows a re-themed base.css', () => {
    const rethemed = css.replace(/(:root\[data-theme="light"\]\s*\{[^}]*--colour-link:\s*)#[0-9a-f]+/i, '$1#0055aa');
    expect(inkFromCss(rethemed, 'light').link).toBe('#0055aa');
  });

  it('names what it cannot read', () => {
    expect(() => inkFromCss(css.replace(/--colour-muted:[^;]+;/g, ''), 'dark')).toThrow(
      /dark theme has no --colour-muted/,
    );
    expect(() => inkFromCss(css.replace(/--colour-link:[^;]+;/, '--colour-link: papayawhip;'), 'light')).toThrow(
      /--colour-link is "papayawhip"/,
    );
  });
});

describe('the stills’ ink, from the page’s stylesheets', () => {
  it('finds the theme in the built stylesheet, where light shares its rule with :root', () => {
    const style = document.createElement('style');
    style.textContent =
      ':root,:root[data-theme=light]{--colour-bg:#fff;--colour-text:#1d1d1b;--colour-muted:#5c5a55;--colour-label-bg:#fffffff2;--colour-label-border:#1d1d1b73;--colour-link:#b3261e;--colour-link-text:#fff}:root[data-theme=dark]{--colour-bg:#16181b;--colour-text:#ecebe8;--colour-muted:#b5b1aa;--colour-label-bg:#16181bf0;--colour-label-border:#ecebe880;--colour-link:#ff8a7a;--colour-link-text:#16181b}';
    document.head.append(style);
    try {
      expect(inkFromDocument('light').text).toBe('#1d1d1b');
      expect(inkFromDocument('dark').link).toBe('#ff8a7a');
    } finally {
      style.remove();
    }
  });
});
