/**
 * Writing the files `data:import` rebuilt: every file or none, and a failure is a message naming
 * the file (never a stack trace).
 */
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every problem of an import, each naming the CSV file and cell, or the file it could not write. */
export class CsvImportError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Cannot import (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'CsvImportError';
  }
}

/** Whether `path` is a plain file (a folder, a broken link or nothing there is not). */
export const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** Why `path` cannot take a file: a folder or a broken link where the file goes; undefined when it can. */
function notWritable(path: string): string | undefined {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined; // not there yet: it will be created
  }
  if (stat.isDirectory()) return 'is a folder, where the file should be';
  if (stat.isSymbolicLink() && !existsSync(path)) return 'is a link to a file that does not exist';
  if (!stat.isFile() && !stat.isSymbolicLink()) return 'is not a plain file';
  return undefined;
}

/**
 * Writes every file or none: checks each target first, writes each beside its target under a
 * temporary name, then renames them all into place (a rename within a folder replaces the old
 * file at once). Any failure removes what was written and is reported naming the file.
 * @throws CsvImportError
 */
export function writeAll(contentDir: string, files: Map<string, string>): void {
  const problems: string[] = [];
  const measures = join(contentDir, 'measures');
  if (existsSync(measures) && !lstatSync(measures).isDirectory())
    problems.push(`${measures}: is a file, where the measures folder should be; nothing was written`);
  for (const name of files.keys()) {
    const why = notWritable(join(contentDir, name));
    if (why) problems.push(`${join(contentDir, name)}: ${why}; nothing was written`);
  }
  if (problems.length > 0) throw new CsvImportError(problems);
  const written: string[] = [];
  try {
    mkdirSync(measures, { recursive: true });
    for (const [name, text] of files) {
      const temp = join(contentDir, `${name}.import-${process.pid}.tmp`);
      written.push(temp);
      writeFileSync(temp, text);
    }
  } catch (e) {
    for (const temp of written) rmSync(temp, { force: true });
    const failed = written.at(-1) ?? measures;
    throw new CsvImportError([`${failed}: cannot be written (${(e as Error).message}); nothing was written`]);
  }
  for (const [name] of files) renameSync(join(contentDir, `${name}.import-${process.pid}.tmp`), join(contentDir, name));
}
