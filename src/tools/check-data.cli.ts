/**
 * `npm run check-data`: validates the story's data files (`POLICY_DATA`, default src/data/content)
 * and prints every problem, or a one-line summary.
 */
import { DataError, loadPolicyData, storyDir } from './load-dataset.ts';

try {
  const data = loadPolicyData(storyDir());
  const measures = data.countries.reduce((n, c) => n + c.measures.length, 0);
  const sources = data.countries.reduce((n, c) => n + c.measures.reduce((k, m) => k + m.sources.length, 0), 0);
  console.log(
    `Data OK (${data.meta.title.en}): ${measures} measures in ${data.countries.length} countries, ${sources} source citations, ${data.meta.links.length} policy links, as of ${data.meta.asOf}.`,
  );
} catch (e) {
  if (!(e instanceof DataError)) throw e;
  console.error(e.message);
  process.exit(1);
}
