// @vitest-environment node
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../../src/data/load-dataset.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('architecture', () => {
  it('imports maplibre-gl only in the map adapter', () => {
    const importers = files('src')
      .filter((f) => /from ['"]maplibre-gl|import\(['"]maplibre-gl/.test(readFileSync(f, 'utf8')))
      .map((f) => relative('.', f));
    expect(importers).toEqual(['src/map/map-adapter.ts']);
  });

  it('keeps imports flowing one way: map/ and ui/ never import each other, data/ imports neither', () => {
    for (const f of files('src/map')) expect(readFileSync(f, 'utf8'), f).not.toMatch(/from '\.\.\/ui\//);
    for (const f of files('src/ui'))
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/from '\.\.\/map\/(?!map-view|map-adapter)/);
    for (const f of files('src/data')) expect(readFileSync(f, 'utf8'), f).not.toMatch(/from '\.\.\/(state|map|ui)\//);
  });
});

describe('the production build', () => {
  it('fails on an invalid data file, naming the file, record and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-build-'));
    try {
      cpSync(CONTENT_DIR, dir, { recursive: true });
      const path = join(dir, 'measures/ecu.json');
      const json = JSON.parse(readFileSync(path, 'utf8'));
      json.measures[0].status.value = 'maybe';
      writeFileSync(path, JSON.stringify(json));
      const { policyDataPlugin } = await import('../../src/data/vite-plugin-policy-data.ts');
      const react = (await import('@vitejs/plugin-react')).default;
      await expect(
        build({
          configFile: false,
          logLevel: 'silent',
          plugins: [react(), policyDataPlugin(dir)],
          build: { write: false },
        }),
      ).rejects.toThrow(
        /measures\/ecu\.json › record "ec-state-of-exception-decree-110" › status\.value: must be one of .*; found "maybe"/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
