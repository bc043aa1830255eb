// The one-file page (scripts/build-web --single-file -> build/web/dist-single/nnplay.html) opened
// from disk in headless Chromium (ctest browser-single-file, docs/robustness.md "Offline"): it
// starts with no server and no request but its own file, runs under its own strict CSP (inline
// scripts allowed by hash only) with no violation, trains through window.nnplay and draws.
//   node tests/browser/single-file.test.mjs [--html build/web/dist-single/nnplay.html]
// Exits 77 (ctest: skipped) when the file has not been built.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { ROOT, arg, colourStats, launchBrowser } from './lib.mjs';

const HTML = path.resolve(arg('--html', path.join(ROOT, 'build/web/dist-single/nnplay.html')));
if (!fs.existsSync(HTML)) {
  console.log(`browser-single-file: skipped, no ${HTML} (run scripts/build-web --single-file)`);
  process.exit(77);
}

describe('the one-file page from disk', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { if (browser) await browser.close(); });

  it('opens from file://, trains and draws, under its CSP, with no other request', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 },
      deviceScaleFactor: 1 });
    const problems = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation',
        (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    });
    const href = pathToFileURL(HTML).href;
    await page.goto(href);
    await page.waitForFunction(() => window.nnplay !== undefined);
    await page.evaluate(() => window.nnplay.ready);
    assert.equal(await page.evaluate(() => document.getElementById('error').hidden), true);
    assert.equal(await page.evaluate(() => window.nnplay.step(200)), 200);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() =>
      requestAnimationFrame(() => r()))));
    const s = await page.evaluate(() => window.nnplay.state());
    assert.equal(s.step, 200);
    assert.ok(s.train_loss < 0.69, `trains: loss ${s.train_loss}`);
    const png = await page.locator('#canvas').screenshot();
    const stats = await colourStats(browser, png);
    assert.ok(stats.colours > 300, `drawn: ${stats.colours} colours`);
    assert.ok(1 - stats.grey > 0.03, `the boundary map is coloured: ${(1 - stats.grey).toFixed(3)}`);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    const foreign = requests.filter((u) => u !== href && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
