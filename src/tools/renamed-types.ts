/**
 * The data check's rule for story.json `renamedTypes` (old links' type ids, src/state/url-migrations.ts):
 * each `from` is no longer a type, and each `to` is one of dataset.json's types or the `from` of a
 * later rename (a → b, then b → c), so every old id reaches a type. Read defensively: the shape is
 * the schema's to report.
 */
import { asRecord, type DataProblem, listOf } from './problems.ts';

export function renamedTypeProblems(
  storyJson: unknown,
  storyFile: string,
  typeIds: string[],
  metaFile: string,
): DataProblem[] {
  if (typeIds.length === 0) return [];
  const renames = listOf(asRecord(storyJson)?.renamedTypes).map(asRecord);
  const problems: DataProblem[] = [];
  for (const [i, r] of renames.entries()) {
    const from = r?.from;
    const to = r?.to;
    const record = typeof from === 'string' ? from : null;
    if (typeof from === 'string' && typeIds.includes(from))
      problems.push({
        file: storyFile,
        record,
        path: `renamedTypes[${i}].from`,
        message: `is still a type in ${metaFile}: only an id that is no longer a type can be renamed`,
      });
    const later = renames.slice(i + 1).map((x) => x?.from);
    if (typeof to === 'string' && !typeIds.includes(to) && !later.includes(to))
      problems.push({
        file: storyFile,
        record,
        path: `renamedTypes[${i}].to`,
        message: `must be one of the types in ${metaFile} (${typeIds.join(', ')}), or an id a later entry renames; found "${to}"`,
      });
  }
  return problems;
}
