// @vitest-environment node
/**
 * The stylesheets are split by component: a base (src/ui/base.css: the theme, the page's defaults,
 * what several components share) and a .css file beside each component with rules of its own.
 * Vite puts the CSS in the bundle in the order the modules import it, so the order of the cascade
 * is the order of the imports: each module imports its stylesheet before anything else, so the
 * base comes first and a component's rules come after those of the components around it (a
 * failure's own `.records-error p` wins over the About dialog's `.about-data p`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stylesheets } from '../fixtures/stylesheets.ts';

const modules = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ts|tsx)$/.test(f))
  .map((f) => join('src', f));

/** A module's static imports, in order, as written (`import './a.css'`, `import { b } from './b.ts'`). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
}

/** The stylesheets `file` imports, as paths from the repository's root. */
function importedStylesheets(file: string): string[] {
  return imports(file)
    .filter((s) => s.startsWith('.') && s.endsWith('.css'))
    .map((s) => join(dirname(file), s));
}

describe('the stylesheets', () => {
  it('are split: none is over 400 lines', () => {
    expect(stylesheets().length).toBeGreaterThan(1);
    const long = stylesheets()
      .map((f) => [f, readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > 400);
    expect(long).toEqual([]);
  });

  it('are each imported by exactly one module (none orphaned, none loaded twice)', () => {
    const importers = new Map<string, string[]>(stylesheets().map((f) => [f, []]));
    for (const m of modules)
      for (const css of importedStylesheets(m)) importers.set(css, [...(importers.get(css) ?? []), m]);
    const wrong = [...importers].filter(([, by]) => by.length !== 1);
    expect(wrong).toEqual([]);
  });

  it('come first in every module that imports one, the base first of all', () => {
    expect(importedStylesheets('src/main.tsx')[0]).toBe(join('src', 'ui', 'base.css'));
    expect(imports('src/main.tsx')[0]).toBe('./ui/base.css');
    const late = modules.filter((m) => {
      const specs = imports(m);
      const firstOther = specs.findIndex((s) => !s.endsWith('.css'));
      return firstOther !== -1 && specs.slice(firstOther).some((s) => s.endsWith('.css'));
    });
    expect(late).toEqual([]);
  });
});
