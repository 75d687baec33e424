/**
 * JSON Schemas generated from the zod schema, for editors: each data file names one in its
 * `$schema` key, so VS Code and others check it and complete field names while typing. Rules zod
 * checks in code (date order, citations, https, unique ids) are not in them: `npm run check-data`
 * stays the judge. Regenerate with `npm run schema`; a unit test fails when they are out of date.
 */
import { z } from 'zod';
import { CountryFile, Dataset, Story } from '../data/schema.ts';

/** File names in `content/schema/`, and the generated text of each. */
export function buildJsonSchemas(): Record<string, string> {
  const generate = (schema: z.ZodType, title: string, description: string) => {
    const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'any' });
    return `${JSON.stringify({ ...json, title, description }, null, 2)}\n`;
  };
  return {
    'story.schema.json': generate(
      Story,
      'Policy map: story.json',
      'Generated from src/data/schema.ts by `npm run schema`; do not edit. `npm run check-data` checks more than this schema.',
    ),
    'dataset.schema.json': generate(
      Dataset,
      'Policy map: dataset.json',
      'Generated from src/data/schema.ts by `npm run schema`; do not edit. `npm run check-data` checks more than this schema.',
    ),
    'country.schema.json': generate(
      CountryFile,
      'Policy map: measures/<country>.json',
      'Generated from src/data/schema.ts by `npm run schema`; do not edit. `npm run check-data` checks more than this schema.',
    ),
  };
}
