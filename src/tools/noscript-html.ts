/**
 * The graphic as static HTML for readers where no script runs (facts.html): the title, dek and
 * image (fallback.svg), then every measure with its sources. Runs at build time in Node.
 */
import { formatDate } from '../data/format.ts';
import type { PolicyData } from '../data/policy-data.ts';
import { countryName } from '../data/story.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The <noscript> body: the same title, dek and image, then every measure with its sources. */
export function renderNoscriptHtml(data: PolicyData): string {
  const statuses = new Map(data.meta.statuses.map((s) => [s.id, s.label.en]));
  const countries = data.countries
    .map((c) => {
      const items = c.measures
        .map((m) => {
          const sources = m.sources
            .map(
              (s) =>
                `<li><a href="${esc(s.url)}">${esc(s.publisher)}</a>${s.headline ? `: ${esc(s.headline)}` : ''} (${esc(formatDate(s.date, 'en'))})</li>`,
            )
            .join('');
          return `<li><strong>${esc(m.title.en)}</strong> — ${esc(statuses.get(m.status.value) ?? m.status.value)}. ${esc(m.summary.en)}<details><summary>Sources</summary><ol>${sources}</ol></details></li>`;
        })
        .join('');
      return `<h2>${esc(countryName(data, c.country, 'en'))} (${c.measures.length})</h2><p>${esc(c.summary.en)}</p><ul>${items}</ul>`;
    })
    .join('');
  return `<noscript><div class="noscript"><h1>${esc(data.meta.title.en)}</h1><p>${esc(data.meta.dek.en)}</p><p><img src="./fallback.svg" alt="${esc(`Map: ${data.meta.title.en}`)}" width="800" height="600"></p><p>This interactive graphic needs JavaScript; its facts follow as text. Facts as of ${esc(formatDate(data.meta.asOf, 'en'))}.</p>${countries}<p>${esc(data.meta.credit.en)}</p></div></noscript>`;
}
