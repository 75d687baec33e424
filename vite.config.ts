/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { storyDir } from './src/tools/load-dataset.ts';
import { embedHeightsPlugin } from './src/tools/vite/embed-heights.ts';
import { policyDataPlugin } from './src/tools/vite/policy-data.ts';
import { mapPreloadPlugin } from './src/tools/vite/preload.ts';
import { staticFallbackPlugin } from './src/tools/vite/static-fallback.ts';

/**
 * The story: `POLICY_DATA=<content folder>` builds (or serves) the app for another story — its
 * story.json, dataset.json, measures/ and boundaries.topo.json (README, "A new story"). Unset, the
 * shipped story in src/data/content is built.
 */
const dataDir = storyDir();

export default defineConfig({
  // Relative asset URLs: the build works from any folder of any host (CMS embeds, static hosting).
  base: './',
  plugins: [
    react(),
    policyDataPlugin(dataDir),
    staticFallbackPlugin(dataDir),
    embedHeightsPlugin(),
    mapPreloadPlugin(),
  ],
  build: {
    target: 'es2022',
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    pool: 'threads',
    maxWorkers: 2,
    // No test asserts speed (npm run bench does); a whole-app render or a data round trip may take a
    // few seconds on a busy 2-core machine, so the default 5 s would fail them for the wrong reason.
    testTimeout: 20_000,
  },
});
