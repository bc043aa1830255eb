// Browser test of the lessons (ctest browser-lessons, docs/lessons.md): serves the built dist folder,
// opens the app in headless Chromium like app.test.mjs, then opens every lesson through
// window.nnplay.openLesson (and one through postMessage), trains a little, and checks there are
// no console errors, the lesson's config is applied and the canvas is not blank. Writes one
// screenshot per lesson: <out>/lesson-<id>.png.
// Usage: node tests/browser/lessons.test.mjs [--dist build/web/dist] [--out build/web/shots]
// Exits 77 (ctest: skipped) when the dist folder has not been built.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  ROOT, arg, collectErrors, colourStats, distOrSkip, launchBrowser, openApp, startServer,
} from './lib.mjs';

const DIST = distOrSkip('browser-lessons');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'build/web/shots')));

// Distinct colours of a PNG (lib.mjs decodes it in the browser). A blank or broken frame has few.
async function png_colours(browser, png) {
  return (await colourStats(browser, png)).colours;
}

describe('lessons', () => {
  let server;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    let url;
    ({ server, url } = await startServer({ root: DIST, port: 0 }));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    collectErrors(page, errors);
    await openApp(page, url);
    fs.mkdirSync(OUT, { recursive: true });
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  it('lists one lesson per section of the notes', async () => {
    const lessons = await page.evaluate(() => window.nnplay.lessons());
    assert.ok(lessons.length >= 15, `${lessons.length} lessons`);
    const ids = new Set(lessons.map((l) => l.id));
    assert.equal(ids.size, lessons.length, 'ids are unique');
    for (const l of lessons) {
      assert.ok(l.title && l.section && Array.isArray(l.views), JSON.stringify(l));
    }
    const sections = lessons.map((l) => l.section);
    for (const s of ['1.1', '1.5', '2.1', '2.4', '2.6', '2.9', '3.2']) assert.ok(sections.includes(s), s);
  });

  it('opens every lesson without console errors and writes a screenshot of each', async () => {
    const lessons = await page.evaluate(() => window.nnplay.lessons());
    for (const l of lessons) {
      const reply = await page.evaluate((id) => window.nnplay.openLesson(id), l.id);
      assert.equal(reply.ok, true, l.id);
      assert.deepEqual(reply.views, l.views);
      const s0 = await page.evaluate(() => window.nnplay.state());
      assert.equal(s0.step, 0, `${l.id} starts from fresh weights`);
      // Train a little so the views have numbers (histograms, variances, curves).
      const done = await page.evaluate(() => window.nnplay.step(40));
      assert.equal(done, 40, l.id);
      await page.waitForTimeout(700);
      const s1 = await page.evaluate(() => window.nnplay.state());
      assert.equal(s1.diverged, false, l.id);
      const png = await page.screenshot({ path: path.join(OUT, `lesson-${l.id}.png`) });
      const colours = await png_colours(browser, png);
      assert.ok(colours > 100, `${l.id}: only ${colours} colours on the screen`);
      assert.deepEqual(errors, [], l.id);
    }
  });

  it('carries each card\'s text, with every slip of the notes and its correction', async () => {
    const lessons = await page.evaluate(() => window.nnplay.lessons());
    for (const l of lessons) {
      assert.equal(typeof l.text, 'string', l.id);
      assert.ok(l.text.includes(l.formula), `${l.id}: the card shows the formula`);
      assert.ok(Array.isArray(l.slips), l.id);
      for (const s of l.slips) {
        assert.ok(s.notes && s.corrected && s.why, JSON.stringify(s));
        assert.ok(l.text.includes(s.corrected), `${l.id}: the card shows the correction`);
      }
    }
    const by = (section) => lessons.find((l) => l.section === section);
    assert.match(by('1.2').text, /exp\(-z\)/);
    assert.match(by('2.4').text, /\(1 \+ exp\(-z\)\)\^2/);
    assert.match(by('2.5').text, /U\^T X'/);
    assert.match(by('2.2').text, /curvature/);
    assert.match(by('2.9').text, /sqrt\(cache \+ eps\)/);
  });

  it('races one lane per preset in §2.9: standard Adam and the notes\' form', async () => {
    const reply = await page.evaluate(() => window.nnplay.openLesson('s2_9_adaptive'));
    assert.equal(reply.ok, true);
    await page.waitForTimeout(500);
    const race = (await page.evaluate(() => window.nnplay.state())).race;
    assert.ok(Array.isArray(race), JSON.stringify(race));
    assert.equal(race.length, 5);
    const adam = race.filter((r) => r.optimizer.kind === 'adam');
    assert.equal(adam.length, 2);
    assert.deepEqual(adam.map((r) => r.optimizer.bias_correction).sort(), [false, true]);
    assert.equal(new Set(race.map((r) => r.label)).size, 5, 'labels tell the lanes apart');
    for (const r of race) assert.equal(typeof r.loss, 'number', JSON.stringify(r));
    assert.deepEqual(errors, []);
  });

  it('reports an unknown lesson as an error', async () => {
    const err = await page.evaluate(() => {
      try { window.nnplay.openLesson('no_such_lesson'); return null; } catch (e) { return e.message; }
    });
    assert.match(err, /no_such_lesson/);
  });

  it('opens a lesson through postMessage', async () => {
    const reply = await page.evaluate(() => new Promise((resolve) => {
      window.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'nnplay' && e.data.id === 11 && 'ok' in e.data) resolve(e.data);
      });
      window.postMessage({ type: 'nnplay', id: 11, method: 'openLesson',
        args: ['s2_1_gradient_check'] }, '*');
    }));
    assert.equal(reply.ok, true, JSON.stringify(reply));
    assert.deepEqual(reply.result.views, ['gradcheck', 'network']);
    await page.waitForTimeout(300);
    assert.deepEqual(errors, []);
  });
});
