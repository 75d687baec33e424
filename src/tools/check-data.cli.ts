/**
 * `npm run check-data`: validates the story's data files (`POLICY_DATA`, default src/data/content)
 * and prints every problem, or a one-line summary and any warnings (valid data worth a look, such as
 * a number in a measure's text that is none of its figures; they do not fail the check).
 */
import { formatWarnings } from './figures-in-prose.ts';
import { DataError, type DataProblem, loadPolicyData, storyDir } from './load-dataset.ts';

try {
  const warnings: DataProblem[] = [];
  const data = loadPolicyData(storyDir(), warnings);
  const measures = data.countries.reduce((n, c) => n + c.measures.length, 0);
  const sources = data.countries.reduce((n, c) => n + c.measures.reduce((k, m) => k + m.sources.length, 0), 0);
  console.log(
    `Data OK (${data.meta.title.en}): ${measures} measures in ${data.countries.length} countries, ${sources} source citations, ${data.meta.links.length} policy links, as of ${data.meta.asOf}.`,
  );
  if (warnings.length > 0) console.warn(formatWarnings(warnings));
} catch (e) {
  if (!(e instanceof DataError)) throw e;
  console.error(e.message);
  process.exit(1);
}
