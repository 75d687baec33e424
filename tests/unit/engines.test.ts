// @vitest-environment node
/**
 * Issue 21: the README says Node ≥ 20.19; `npm install` must then print no EBADENGINE. Every
 * package the lock file installs must accept that Node (one dependency declared Node ≥ 22 and was
 * overridden to the release before it, which declares no such floor).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const README_NODE = readFileSync('README.md', 'utf8').match(/Node\.js ≥ (\d+)\.(\d+)/);

/** Whether version [major, minor, patch] satisfies one npm `engines` range (the forms the lock file uses). */
function satisfies(version: [number, number, number], range: string): boolean {
  const parse = (s: string): [number, number, number] => {
    const [a = 0, b = 0, c = 0] = s
      .replace(/^v/, '')
      .split('.')
      .map((p) => (p === '*' || p === 'x' ? 0 : Number(p)));
    return [a, b, c];
  };
  const cmp = (a: number[], b: number[]) =>
    (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .every((c) => {
        if (c === '' || c === '*') return true;
        if (c.startsWith('>=')) return cmp(version, parse(c.slice(2))) >= 0;
        if (c.startsWith('>')) return cmp(version, parse(c.slice(1))) > 0;
        if (c.startsWith('<=')) return cmp(version, parse(c.slice(2))) <= 0;
        if (c.startsWith('<')) return cmp(version, parse(c.slice(1))) < 0;
        if (c.startsWith('^')) {
          const min = parse(c.slice(1));
          return version[0] === min[0] && cmp(version, min) >= 0;
        }
        // "20", "6.*", "14.17": that major (and minor, when given).
        const [major, minor] = c.split('.');
        return version[0] === Number(major) && (minor === undefined || minor === '*' || version[1] >= Number(minor));
      }),
  );
}

describe('Node version', () => {
  it('the README names one', () => {
    expect(README_NODE).not.toBeNull();
  });

  it('reads npm ranges as npm does', () => {
    expect(satisfies([20, 19, 0], '>= 22')).toBe(false);
    expect(satisfies([20, 19, 0], '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies([20, 18, 0], '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies([20, 19, 0], '20 || >=22')).toBe(true);
    expect(satisfies([20, 19, 0], '6.* || 8.* || >= 10.*')).toBe(true);
    expect(satisfies([20, 19, 0], '>=16 || 14 >=14.17')).toBe(true);
  });

  it('every package in the lock file accepts the README’s minimum Node', () => {
    const version: [number, number, number] = [Number(README_NODE?.[1]), Number(README_NODE?.[2]), 0];
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const refused = Object.entries(lock.packages).flatMap(([name, p]) => {
      const node = Array.isArray(p.engines) ? undefined : p.engines?.node;
      return node && !satisfies(version, node) ? [`${name || 'the project'}: node ${node}`] : [];
    });
    expect(refused).toEqual([]);
  });

  it('every dependency is pinned to one version, as the stack records', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, Record<string, string>>;
    const loose = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, v]) => !/^\d/.test(v));
    expect(loose).toEqual([]);
  });
});
