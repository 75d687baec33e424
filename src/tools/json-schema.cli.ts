/** `npm run schema`: writes the editors' JSON Schemas to `src/data/content/schema/`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildJsonSchemas } from './json-schema.ts';
import { CONTENT_DIR } from './load-dataset.ts';

const dir = join(CONTENT_DIR, 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(buildJsonSchemas())) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote ${relative(process.cwd(), join(dir, name))}`);
}
