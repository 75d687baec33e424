import { launchBrowser } from '/work/main/tests/e2e/browser.ts';
import { serveStatic } from '/work/main/tests/e2e/static-server.ts';

const server = await serveStatic('/work/main/dist');
const b = await launchBrowser();
const page = await b.context.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
for (const [w, h] of [
  [320, 600],
  [768, 900],
  [1280, 800],
]) {
  await page.setViewportSize({ width: w, height: h });
  const t0 = Date.now();
  await page.goto(server.origin + '/' + (process.argv[2] ?? ''));
  await page.waitForSelector('[role=region][aria-busy=false]', { timeout: 20000 });
  console.log(w, 'ready ms', Date.now() - t0);
  await (await page.$('.map'))!.screenshot({ path: `/tmp/map-${w}.png` });
  await page.screenshot({ path: `/tmp/shot-${w}.png`, fullPage: true });
}
await b.close();
await server.close();
