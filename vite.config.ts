/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { storyDir } from './src/tools/load-dataset.ts';
import { embedHeightsPlugin } from './src/tools/vite/embed-heights.ts';
import { headersFilePlugin } from './src/tools/vite/headers-file.ts';
import { policyDataPlugin } from './src/tools/vite/policy-data.ts';
import { precompressPlugin } from './src/tools/vite/precompress.ts';
import { mapPreloadPlugin } from './src/tools/vite/preload.ts';
import { prerenderPlugin } from './src/tools/vite/prerender.ts';
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
    prerenderPlugin(dataDir),
    embedHeightsPlugin(),
    mapPreloadPlugin(),
    // Last, after every plugin that writes or edits files: they read the output on disk.
    headersFilePlugin(),
    precompressPlugin(),
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
