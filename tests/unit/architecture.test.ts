// @vitest-environment node
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../../src/tools/load-dataset.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** What a module imports: static, dynamic and type-only specifiers, as written. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].flatMap((m) =>
    m[1] ? [m[1]] : [],
  );
}

/** Whether every import of `spec` in `file` is `import type` (erased: no code of it ships). */
function typeOnly(file: string, spec: string): boolean {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes(`'${spec}'`));
  return lines.length > 0 && lines.every((l) => /^import type /.test(l));
}

/**
 * The modules that ship to readers: everything src/main.tsx reaches by relative imports (type-only
 * ones included, so a browser module cannot even name a Node module's types), and the packages and
 * built-ins they import.
 */
function browserGraph(): { modules: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const stack = [resolve('src/main.tsx')];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of specifiers(file)) {
      if (!spec.startsWith('.')) {
        if (!typeOnly(file, spec)) packages.add(spec);
      } else if (/\.(ts|tsx)$/.test(spec)) stack.push(resolve(dirname(file), spec));
    }
  }
  return { modules: [...seen].map((f) => relative('.', f)).sort(), packages };
}

describe('architecture', () => {
  it('keeps code that ships to readers and code that runs in Node in different folders', () => {
    const { modules, packages } = browserGraph();
    // Nothing the browser loads comes from src/tools, or imports a Node built-in…
    expect(modules.filter((f) => f.startsWith('src/tools/'))).toEqual([]);
    expect(
      [...packages].filter((p) => p.startsWith('node:') || (!p.includes(':') && /^(fs|path|url|crypto|os)$/.test(p))),
    ).toEqual([]);
    // …or a package installed only for development (vite, csv-parse, zod's JSON Schema tools…).
    const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const devOnly = [...packages].filter(
      (p) => !p.startsWith('virtual:') && !Object.keys(dependencies).some((d) => p === d || p.startsWith(`${d}/`)),
    );
    expect(devOnly).toEqual([]);
    // And every module outside src/tools ships: the folder tells where a line runs.
    const outside = files('src').filter((f) => !f.startsWith('src/tools/') && !f.endsWith('.d.ts'));
    expect(outside.filter((f) => !modules.includes(f))).toEqual([]);
  });

  it('runs in Node whatever lives in src/tools: no module there is imported by one that ships', () => {
    for (const f of files('src').filter((f) => !f.startsWith('src/tools/')))
      expect(
        specifiers(f).filter((s) => s.includes('/tools/')),
        f,
      ).toEqual([]);
  });

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
    for (const f of files('src/data'))
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/from '\.\.\/(state|map|ui|tools)\//);
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
      const { policyDataPlugin } = await import('../../src/tools/vite/policy-data.ts');
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
