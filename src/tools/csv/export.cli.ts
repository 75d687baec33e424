/**
 * `npm run data:export [outDir]`: the story's dataset (`POLICY_DATA`, default src/data/content) as
 * CSV tables, with its story.json (default folder: tests/.results/csv, git-ignored).
 */
import { resolve } from 'node:path';
import { DataError, storyDir } from '../load-dataset.ts';
import { exportCsv } from './export.ts';

const outDir = resolve(process.argv[2] ?? 'tests/.results/csv');
try {
  const result = exportCsv(outDir, storyDir());
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
  console.log(`Wrote ${result.files.length} CSV files (${rows} rows, README.csv describes every column) to ${outDir}`);
} catch (e) {
  if (!(e instanceof DataError)) throw e;
  console.error(`The content folder has problems; fix them first (npm run check-data).\n${e.message}`);
  process.exit(1);
}
