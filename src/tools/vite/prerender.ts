/**
 * Build step: the first screen, prerendered. index.html gets the default view's page — header,
 * filter, date, tabs, the map drawn as SVG for phone and wide frames, the country list, the empty
 * panel — which React hydrates (main.tsx), a first script in <head> that keeps it hidden for a
 * reader whose view is another (tools/first-paint-script.ts), and the tags that make a shared link
 * show the map (Open Graph and Twitter: title, description, the social card and its alt text, and
 * the canonical URL when `PUBLIC_URL` is set). It also writes `fallback.svg` (800 × 600) and
 * `social-card.png` (1200 × 630, the same still rasterised with resvg in DejaVu Sans). All drawn by
 * the one still renderer (map/still.ts), run through Vite's SSR loader with the app's own modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import react from '@vitejs/plugin-react';
import { createServer, type HtmlTagDescriptor, type Plugin } from 'vite';
import { firstPaintScript, mapTopScript } from '../first-paint-script.ts';
import { FONT_FAMILY, FONT_FILES } from '../font-measure.ts';
import { CONTENT_DIR } from '../load-dataset.ts';
import type { Frame, Topo } from '../prerender-entry.tsx';
import { BOUNDARIES_FILE, policyDataPlugin } from './policy-data.ts';

/**
 * The map's frames the first screen is drawn for: a phone's (375 px wide: the map is 4:5) and a
 * wide page's (1280 × 800). Between and beyond, the drawing scales to the frame until the live
 * map, which answers at once, redraws it at the frame's own size.
 */
export const FIRST_SCREEN_FRAMES: readonly Frame[] = [
  { width: 351, height: 439, name: 'narrow' },
  { width: 816, height: 423, name: 'wide' },
];
export const FALLBACK = { file: 'fallback.svg', width: 800, height: 600 } as const;
export const SOCIAL_CARD = { file: 'social-card.png', width: 1200, height: 630 } as const;

export interface Prerendered {
  html: string;
  lang: string;
  langs: readonly string[];
  fallbackSvg: string;
  cardPng: Buffer;
  share: { title: string; description: string; imageAlt: string };
}

type Entry = typeof import('../prerender-entry.tsx');

export async function prerender(root: string, dir: string): Promise<Prerendered> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
    // Modules are only loaded for SSR here: nothing to pre-bundle for a browser.
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [react(), policyDataPlugin(dir)],
  });
  try {
    const entry = (await server.ssrLoadModule('/src/tools/prerender-entry.tsx')) as Entry;
    const topo = JSON.parse(readFileSync(join(dir, BOUNDARIES_FILE), 'utf8')) as Topo;
    const { html, lang, langs } = entry.renderFirstScreen(topo, FIRST_SCREEN_FRAMES);
    const card = entry.renderDefaultStill(topo, SOCIAL_CARD);
    const cardPng = new Resvg(card, {
      fitTo: { mode: 'original' },
      font: {
        fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
        loadSystemFonts: false,
        defaultFontFamily: FONT_FAMILY,
      },
    })
      .render()
      .asPng();
    return {
      html,
      lang,
      langs,
      fallbackSvg: entry.renderDefaultStill(topo, FALLBACK),
      cardPng,
      share: entry.shareText(),
    };
  } finally {
    await server.close();
  }
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The Open Graph and Twitter tags; absolute URLs when the graphic's public URL is known. */
export function shareTags(p: Prerendered['share'], publicUrl: string | undefined): HtmlTagDescriptor[] {
  const base = publicUrl ? (publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`) : './';
  const meta = (property: string, content: string, key = 'property'): HtmlTagDescriptor => ({
    tag: 'meta',
    attrs: { [key]: property, content },
    injectTo: 'head',
  });
  return [
    meta('og:type', 'article'),
    meta('og:title', p.title),
    meta('og:description', p.description),
    ...(publicUrl ? [meta('og:url', base)] : []),
    meta('og:image', `${base}${SOCIAL_CARD.file}`),
    meta('og:image:type', 'image/png'),
    meta('og:image:width', String(SOCIAL_CARD.width)),
    meta('og:image:height', String(SOCIAL_CARD.height)),
    meta('og:image:alt', p.imageAlt),
    meta('twitter:card', 'summary_large_image', 'name'),
    meta('twitter:image:alt', p.imageAlt, 'name'),
  ];
}

/**
 * @param dir the content folder (the policy-data plugin's)
 * @param publicUrl where the graphic will be served (`PUBLIC_URL`), for absolute share URLs
 */
export function prerenderPlugin(dir: string = CONTENT_DIR, publicUrl = process.env.PUBLIC_URL): Plugin {
  let root = process.cwd();
  let done: Promise<Prerendered> | null = null;
  const once = () => {
    done ??= prerender(root, dir);
    return done;
  };
  return {
    name: 'prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      done = null;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const p = await once();
        if (!html.includes('<div id="root"></div>'))
          throw new Error('prerender: index.html has no empty <div id="root">');
        return {
          html: html.replace(
            '<div id="root"></div>',
            () => `<div id="root" data-first-paint="${attr(p.lang)}">${p.html}</div>`,
          ),
          tags: [
            { tag: 'script', children: firstPaintScript(p.langs, p.lang), injectTo: 'head-prepend' },
            { tag: 'script', children: mapTopScript(), injectTo: 'body' },
            ...shareTags(p.share, publicUrl),
          ],
        };
      },
    },
    async generateBundle() {
      const p = await once();
      this.emitFile({ type: 'asset', fileName: FALLBACK.file, source: p.fallbackSvg });
      this.emitFile({ type: 'asset', fileName: SOCIAL_CARD.file, source: p.cardPng });
    },
  };
}
