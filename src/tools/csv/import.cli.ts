/**
 * `npm run data:import <folder>`: CSV tables back to JSON, into the story's content folder
 * (`POLICY_DATA`, default src/data/content).
 */
import { resolve } from 'node:path';
import { storyDir } from '../load-dataset.ts';
import { CsvImportError, importCsv } from './import.ts';

const [folder] = process.argv.slice(2);
if (!folder) {
  console.error('Usage: [POLICY_DATA=<content folder>] npm run data:import <folder with the CSV files>');
  process.exit(2);
}
try {
  const target = storyDir();
  const result = importCsv(resolve(folder), target);
  console.log(`Data OK: wrote ${result.files.length} JSON files (${result.measures} measures) to ${target}`);
} catch (e) {
  if (!(e instanceof CsvImportError)) throw e;
  console.error(e.message);
  process.exit(1);
}
