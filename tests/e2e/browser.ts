/**
 * Launches Debian's Chromium through playwright-core (no browser download). WebGL runs on
 * SwiftShader without any GL flag; the background-networking flags stop Chromium calling out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Chromium without a sandbox or GPU, and without calling out (this network refuses it). */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export async function launchBrowser(
  viewport = { width: 1280, height: 800 },
  /** Extra Chromium flags (e.g. --disable-webgl). */
  extraArgs: string[] = [],
  /** MapLibre at once (false: at the reader's first move over the map, as for readers). */
  eager = true,
): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'policy-map-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME_PATH,
    headless: true,
    viewport,
    args: [...CHROME_ARGS, ...extraArgs],
  });
  // MapLibre takes over at once, not at the first move over the map (use-map-instance.ts): the
  // tests that need MapLibre get it without moving the mouse (first-paint.e2e.ts tests the move).
  if (eager)
    await context.addInitScript(() => {
      (window as unknown as { __POLICY_MAP_EAGER__: boolean }).__POLICY_MAP_EAGER__ = true;
    });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
