/** `npm run data:import <folder> [contentDir]`: CSV tables back to JSON (default: src/data/content). */
import { resolve } from 'node:path';
import { CONTENT_DIR } from '../load-dataset.ts';
import { CsvImportError, importCsv } from './import.ts';

const [folder, contentDir] = process.argv.slice(2);
if (!folder) {
  console.error('Usage: npm run data:import <folder with the CSV files> [content folder, default src/data/content]');
  process.exit(2);
}
try {
  const target = contentDir ? resolve(contentDir) : CONTENT_DIR;
  const result = importCsv(resolve(folder), target);
  console.log(`Data OK: wrote ${result.files.length} JSON files (${result.measures} measures) to ${target}`);
} catch (e) {
  if (!(e instanceof CsvImportError)) throw e;
  console.error(e.message);
  process.exit(1);
}
