/**
 * The page's own colours for what the stills draw over the map — text, labels, links — read from
 * the one place they are defined, the theme's custom properties in ui/base.css (the browser gets
 * that file's text with the image export's code; the build reads the file). A newsroom that
 * re-themes base.css re-themes its downloads, fallback.svg and social card with it.
 */
import type { ThemeName } from '../data/palette.ts';

export interface Ink {
  bg: string;
  text: string;
  muted: string;
  labelBg: string;
  labelBorder: string;
  link: string;
  linkText: string;
}

/** Each colour's custom property in base.css. */
const PROPERTIES: Record<keyof Ink, string> = {
  bg: '--colour-bg',
  text: '--colour-text',
  muted: '--colour-muted',
  labelBg: '--colour-label-bg',
  labelBorder: '--colour-label-border',
  link: '--colour-link',
  linkText: '--colour-link-text',
};

/**
 * A CSS colour as SVG renderers all read it: `#rgb`/`#rrggbb` as written; `#rgba`, `#rrggbbaa`
 * and CSS Color 4's `rgb(r g b / a)` as `rgba(r,g,b,a)`.
 */
function svgColour(value: string, name: string): string {
  const v = value.trim();
  if (/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(v)) return v.toLowerCase();
  // #rgba and #rrggbbaa (the build's CSS minifier writes translucent colours so).
  if (/^#([0-9a-f]{4}|[0-9a-f]{8})$/i.test(v)) {
    const hex = v.length === 5 ? [...v.slice(1)].map((c) => c + c).join('') : v.slice(1);
    const [r, g, b, a] = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [
      number,
      number,
      number,
      number,
    ];
    return `rgba(${r},${g},${b},${Math.round((a / 255) * 1000) / 1000})`;
  }
  const m = v.match(/^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)\s*(?:[/,]\s*([\d.]+%?))?\s*\)$/i);
  if (!m)
    throw new Error(`ink: ${name} is "${v}", not a colour the stills can draw (#rrggbb, #rrggbbaa or rgb(r g b / a))`);
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  return alpha === 1 ? `rgb(${m[1]},${m[2]},${m[3]})` : `rgba(${m[1]},${m[2]},${m[3]},${alpha})`;
}

/** The ink of `theme` from the text of base.css (its `:root[data-theme="…"]` rule). */
export function inkFromCss(css: string, theme: ThemeName): Ink {
  const rule = css.match(new RegExp(`:root\\[data-theme="${theme}"\\]\\s*\\{([^}]*)\\}`));
  if (!rule) throw new Error(`ink: base.css has no :root[data-theme="${theme}"] rule`);
  const body = rule[1] as string;
  const read = (key: keyof Ink) => {
    const name = PROPERTIES[key];
    const m = body.match(new RegExp(`${name}\\s*:\\s*([^;]+)(?:;|$)`));
    if (!m) throw new Error(`ink: base.css's ${theme} theme has no ${name}`);
    return svgColour(m[1] as string, name);
  };
  return Object.fromEntries(Object.keys(PROPERTIES).map((k) => [k, read(k as keyof Ink)])) as unknown as Ink;
}

/** The ink of `theme` from the page's own stylesheets (the browser: base.css as loaded). */
export function inkFromDocument(theme: ThemeName, doc: Document = document): Ink {
  const rules: string[] = [];
  for (const sheet of Array.from(doc.styleSheets)) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch (error) {
      // Another origin's stylesheet (a host's theming?): not ours, and unreadable.
      console.error(error);
      continue;
    }
    // The built stylesheet joins the light theme with the default: `:root, :root[data-theme="light"]`.
    for (const rule of Array.from(list))
      if (
        rule instanceof CSSStyleRule &&
        rule.selectorText.split(',').some((part) => part.trim().replace(/["']/g, '') === `:root[data-theme=${theme}]`)
      )
        rules.push(`:root[data-theme="${theme}"] { ${rule.style.cssText} }`);
  }
  return inkFromCss(rules.join('\n'), theme);
}
