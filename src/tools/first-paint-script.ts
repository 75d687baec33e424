/**
 * The first script in index.html's <head> (inline, allowed by its hash in the CSP: never
 * 'unsafe-inline'): before anything paints, it decides whether this reader's view is the
 * prerendered one (state/first-paint.ts). When the address holds any of the app's own parameters,
 * the browser prefers another of the story's languages, or the system is dark (the prerender is
 * light), it marks <html> so CSS keeps the prerender hidden until the page renders the reader's
 * view (main.tsx): the reader never sees another view's content. Anything it cannot read counts
 * as "not the prerender's view" (and is logged).
 */
import { FIRST_PAINT } from '../state/first-paint.ts';
import { STATE_PARAMS } from '../state/url-state.ts';

/** The app's own parameters besides the view's (framing). */
const FRAMING_PARAMS = ['embed', 'layout'] as const;

export function firstPaintScript(langs: readonly string[], prerendered: string): string {
  const params = JSON.stringify([...STATE_PARAMS, ...FRAMING_PARAMS]);
  const offered = JSON.stringify(langs);
  const key = FIRST_PAINT.staleKey;
  // ES2017, no modules: it runs before the app's bundle, in every browser that runs the bundle.
  return `(function(){var d=document.documentElement;try{var q=new URLSearchParams(location.search),p=${params},l=${offered},n=navigator.languages||[],s=p.some(function(k){return q.has(k)}),w=${JSON.stringify(prerendered)};for(var i=0;i<n.length;i++){var b=String(n[i]).toLowerCase().split("-")[0];if(l.indexOf(b)>=0){w=b;break}}if(w!==${JSON.stringify(prerendered)}||matchMedia("(prefers-color-scheme: dark)").matches)s=true;if(s)d.dataset.${key}=""}catch(e){d.dataset.${key}="";console.error(e)}})();`;
}

/**
 * The script after the prerendered page: on the full page the map's height follows its distance
 * from the page's top (`--map-top`, map-view.css; the map controller keeps it), which no stylesheet
 * knows before layout. Set on <html> (outside what React hydrates) before the first paint, the
 * map is drawn at its final height, and nothing below it moves when the app starts.
 */
export function mapTopScript(): string {
  return `(function(){var m=document.querySelector("#root section.map");if(m&&m.offsetParent)document.documentElement.style.setProperty("--map-top",Math.round(m.getBoundingClientRect().top+scrollY)+"px")})();`;
}
