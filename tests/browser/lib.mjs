// Shared helpers of the browser tests (tests/browser/*.test.mjs): argument parsing, the dist
// folder check (exit 77 = ctest "skipped"), the static server, headless Chromium with SwiftShader
// WebGL2, page error collection, the strict CSP and colour statistics of screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from '../../scripts/serve.mjs';

export { startServer };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The value after `name` on the command line, or fallback.
export function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

// --dist (default build/web/dist), resolved; exits 77 when it holds no web build.
export function distOrSkip(testName) {
  const dist = path.resolve(arg('--dist', path.join(ROOT, 'build/web/dist')));
  if (!fs.existsSync(path.join(dist, 'nnplay.wasm'))) {
    console.log(`${testName}: skipped, no web build in ${dist} (run scripts/build-web)`);
    process.exit(77);
  }
  return dist;
}

export const CHROMIUM_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

// The strict CSP the page (and course pages) must run under (docs/embedding.md).
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
  "style-src 'self' 'unsafe-inline'";

// Collects console errors, page errors, failed requests and HTTP errors of a page into `errors`
// (and console warnings into `warnings`, when given).
export function collectErrors(page, errors, warnings) {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    if (warnings && m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
}

// Opens `url` and waits until window.nnplay is ready.
export async function openApp(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.nnplay !== undefined);
  await page.evaluate(() => window.nnplay.ready);
}

// Colour statistics of a PNG, decoded by the browser on a blank page (a WebGL canvas cannot be
// read back directly without preserveDrawingBuffer): distinct colours, the dominant colour's
// share, the size, and (with a rect {x, y, w, h} in PNG pixels) the same for that region plus
// its share of "grey UI" pixels (r = g = b within 6, the panels' background and text).
export async function colourStats(browser, png, rect) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async ([b64, r]) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const box = r || { x: 0, y: 0, w: c.width, h: c.height };
      const d = g.getImageData(box.x, box.y, box.w, box.h).data;
      const counts = new Map();
      let grey = 0;
      for (let i = 0; i < d.length; i += 4) {
        const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        counts.set(k, (counts.get(k) || 0) + 1);
        const lo = Math.min(d[i], d[i + 1], d[i + 2]);
        const hi = Math.max(d[i], d[i + 1], d[i + 2]);
        if (hi - lo <= 6) ++grey;
      }
      let top = 0;
      for (const v of counts.values()) top = Math.max(top, v);
      const n = d.length / 4;
      return { colours: counts.size, dominant: top / n, grey: grey / n, width: c.width,
        height: c.height };
    }, [png.toString('base64'), rect || null]);
  } finally {
    await page.close();
  }
}
