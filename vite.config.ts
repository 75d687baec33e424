/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { policyDataPlugin } from './src/data/vite-plugin-policy-data.ts';
import { embedHeightsPlugin } from './src/embed/vite-plugin-embed-heights.ts';
import { staticFallbackPlugin } from './src/embed/vite-plugin-static-fallback.ts';
import { mapPreloadPlugin } from './src/map/vite-plugin-preload.ts';

/**
 * Benchmark hook (tests/bench): `POLICY_DATA_DIR` builds the app with another content folder (the
 * bench's synthetic ~10,000-measure set). Unset in every normal build, which reads src/data/content.
 */
const dataDir = process.env.POLICY_DATA_DIR || undefined;

export default defineConfig({
  // Relative asset URLs: the build works from any folder of any host (CMS embeds, static hosting).
  base: './',
  plugins: [react(), policyDataPlugin(dataDir), staticFallbackPlugin(), embedHeightsPlugin(), mapPreloadPlugin()],
  build: {
    target: 'es2022',
    // maplibre-gl is one ~1 MB chunk, loaded lazily after the text has painted.
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    pool: 'threads',
    maxWorkers: 2,
  },
});
