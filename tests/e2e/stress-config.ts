/**
 * Sizes of the stress tests (issue 9). `npm test` runs the small versions inside the e2e suite;
 * `npm run test:stress` (STRESS=full) runs the full counts with the same files.
 */
export const FULL = process.env.STRESS === 'full';

/**
 * Hostile URLs loaded into the built app as new documents, each a generated query string plus a
 * generated hash fragment, then one more hash set on the same document (so 70 loads put 140
 * generated strings through the app, plus 70 hash changes). The default counts keep both files
 * near 60 s on a shared 2-core machine (about 0.4 s per load and 0.17 s per step there).
 */
export const FUZZ_URLS = Number(process.env.FUZZ_URLS ?? (FULL ? 1000 : 100));

/** Random-walk steps that must execute. */
export const WALK_STEPS = Number(process.env.WALK_STEPS ?? (FULL ? 2000 : 300));

/** Seeds: fixed by default, so a failure replays; override to explore. */
export const FUZZ_SEED = Number(process.env.HOSTILE_SEED ?? 20260313);
export const WALK_SEED = Number(process.env.WALK_SEED ?? 9);

/**
 * Uncounted steps before the walk (another seed), so the heap baseline after step 100 is taken
 * once every part of the app has filled its caches; see stress-walk.e2e.ts.
 */
export const WARMUP_STEPS = Number(process.env.WARMUP_STEPS ?? 300);
