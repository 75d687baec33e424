// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas } from '../../src/tools/json-schema.ts';
import { CONTENT_DIR } from '../../src/tools/load-dataset.ts';

const SCHEMA_DIR = join(CONTENT_DIR, 'schema');

describe('JSON Schemas for editors', () => {
  it('are in sync with the zod schema (run `npm run schema` after changing src/data/schema.ts)', () => {
    const generated = buildJsonSchemas();
    expect(readdirSync(SCHEMA_DIR).sort()).toEqual(Object.keys(generated).sort());
    for (const [name, text] of Object.entries(generated))
      expect(readFileSync(join(SCHEMA_DIR, name), 'utf8')).toBe(text);
  });

  it('are named by every data file through a relative $schema key', () => {
    const read = (path: string) => JSON.parse(readFileSync(join(CONTENT_DIR, path), 'utf8'));
    expect(read('dataset.json').$schema).toBe('./schema/dataset.schema.json');
    expect(read('story.json').$schema).toBe('./schema/story.schema.json');
    const files = readdirSync(join(CONTENT_DIR, 'measures'));
    expect(files).toHaveLength(6);
    for (const f of files) expect(read(`measures/${f}`).$schema).toBe('../schema/country.schema.json');
  });

  it('describe the fields editors fill in, with the fixed vocabularies (the story chooses its own codes and types)', () => {
    const country = JSON.parse(buildJsonSchemas()['country.schema.json'] as string);
    expect(country.additionalProperties).toBe(false);
    expect(Object.keys(country.properties)).toEqual(['$schema', 'country', 'summary', 'measures']);
    const measure = country.properties.measures.items;
    // Countries and types are the story's own (story.json, dataset.json): a pattern, not a list.
    expect(measure.properties.type.enum).toBeUndefined();
    expect(measure.properties.type.pattern).toBeDefined();
    expect(measure.properties.country.pattern).toBeDefined();
    // The lifecycle statuses are the time model's: a fixed list.
    expect(measure.properties.status.properties.value.enum).toContain('under-construction');
    const story = JSON.parse(buildJsonSchemas()['story.schema.json'] as string);
    expect(Object.keys(story.properties)).toEqual([
      '$schema',
      'languages',
      'countries',
      'outsideActors',
      'region',
      'linkKinds',
      'facilityLegend',
      'renamedTypes',
    ]);
    // Renamed types are optional: a story that renamed none says nothing.
    expect(story.required).not.toContain('renamedTypes');
    expect(measure.properties.dates.properties.announced.anyOf).toHaveLength(2);
  });
});
