// Browser test of what must never be lost or left unexplained (ctest browser-persist,
// docs/robustness.md): points drawn with the mouse survive a reload (localStorage, web/persist.js)
// with a notice in the banner and the live region, unless the link names another dataset;
// switching dataset keeps an Undo that brings them back (pressed with the mouse); Escape closes
// the Share dialog; a learning rate that kills every ReLU gets a warning banner; the page opened
// from disk says how to serve it. The one-file build (scripts/build-web --single-file) is tested
// by browser-single-file (single-file.test.mjs).
//   node tests/browser/persist.test.mjs [--dist build/web/dist]
// Exits 77 (ctest: skipped) when the dist folder has not been built.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { collectErrors, distOrSkip, launchBrowser, openApp, startServer } from './lib.mjs';

const DIST = distOrSkip('browser-persist');

async function widgets(page) {
  return page.evaluate(() => JSON.parse(window.Module.ccall('nnplay_widgets', 'string', [], [])));
}
async function widget(page, label) {
  // The list is built by the frames (render on demand): wait for the one wanted to be drawn.
  await page.waitForFunction((l) => JSON.parse(window.Module.ccall('nnplay_widgets', 'string',
    [], [])).some((w) => w.label === l), label);
  const all = await widgets(page);
  const hit = all.filter((w) => w.label === label && !w.popup && w.visible !== false);
  assert.ok(hit.length > 0, `no widget "${label}" among ${all.map((w) => w.label).join(' | ')}`);
  return hit[0];
}
async function frames(page, n = 3) {
  for (let i = 0; i < n; ++i) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
}
async function click(page, w) {
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  await frames(page);
}
const state = (page) => page.evaluate(() => window.nnplay.state());
const KEY_PREFIX = 'nnplay:user-data:';

describe('nothing lost, nothing unexplained', () => {
  let server;
  let browser;
  let context;
  let url;
  const errors = [];

  before(async () => {
    ({ server, url } = await startServer({ root: DIST, port: 0 }));
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 },
      deviceScaleFactor: 1 });
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  // Clear, then six clicks on the map: an own data set of six points.
  async function draw(page) {
    await click(page, await widget(page, 'Clear'));
    const m = (await state(page)).share.map;
    assert.ok(m.size > 100, 'the map is drawn');
    const spots = [[0.3, 0.3], [0.7, 0.3], [0.3, 0.7], [0.7, 0.7], [0.5, 0.2], [0.5, 0.8]];
    for (const [fx, fy] of spots) {
      await page.mouse.click(m.x + fx * m.size, m.y + fy * m.size);
      await frames(page, 2);
    }
    const s = await state(page);
    assert.equal(s.user_data, true);
    assert.equal(s.points.train + s.points.test, spots.length);
    return spots.length;
  }

  it('drawn points survive a reload with a notice; a link to another dataset does not restore them',
    async () => {
      const page = await context.newPage();
      collectErrors(page, errors);
      await openApp(page, url);
      const n = await draw(page);
      // persist.js saves within a second of a change (and on pagehide).
      await page.waitForFunction((p) => Object.keys(localStorage).some((k) => k.startsWith(p) &&
        JSON.parse(localStorage.getItem(k)).active), KEY_PREFIX);
      // Opened again without the link (a bookmark of the bare page): a link of up to 200 points
      // carries them itself (ud=), the bare page only has what this browser kept.
      await page.goto(url);
      await page.waitForFunction(() => window.nnplay !== undefined);
      await page.evaluate(() => window.nnplay.ready);
      await frames(page);
      const s = await state(page);
      assert.equal(s.user_data, true, 'restored on reload');
      assert.equal(s.points.train + s.points.test, n);
      assert.match(s.message, new RegExp('^Restored your ' + n + ' drawn points'));
      await page.waitForFunction(() => /Restored your/.test(document.getElementById('live').textContent));
      // A link naming another dataset opens that dataset.
      await page.goto(url + '#v=1&ds=xor');
      await page.waitForFunction(() => window.nnplay !== undefined);
      await page.evaluate(() => window.nnplay.ready);
      const x = await state(page);
      assert.equal(x.user_data, false);
      assert.equal(x.config.data.dataset, 'xor');
      await page.close();
    });

  it('switching dataset keeps an Undo that brings the points back', async () => {
    const page = await context.newPage();
    collectErrors(page, errors);
    await openApp(page, url);  // (the first test's points may come back: Clear starts anew)
    const n = await draw(page);
    await page.evaluate(() => window.nnplay.setConfig({ data: { dataset: 'moons' } }));
    await frames(page);
    let s = await state(page);
    assert.equal(s.user_data, false);
    assert.equal(s.can_undo, true);
    assert.match(s.message, new RegExp('Your ' + n + ' points were replaced by the moons dataset; Undo'));
    await click(page, await widget(page, 'Undo'));
    s = await state(page);
    assert.equal(s.user_data, true);
    assert.equal(s.points.train + s.points.test, n);
    // The same after opening a lesson.
    await page.evaluate(() => window.nnplay.openLesson('s2_2_regularization'));
    await frames(page);
    assert.equal((await state(page)).user_data, false);
    await click(page, await widget(page, 'Undo'));
    s = await state(page);
    assert.equal(s.user_data, true);
    assert.equal(s.points.train + s.points.test, n);
    await page.close();
  });

  it('Escape closes the Share dialog', async () => {
    const page = await context.newPage();
    collectErrors(page, errors);
    await openApp(page, url + '#v=1&ds=spiral&cls=3&loss=softmax');
    await frames(page);
    const b = (await state(page)).share.share_button;
    await page.mouse.click(b[0] + b[2] / 2, b[1] + b[3] / 2);
    await page.waitForFunction(() => window.nnplay.state().share.dialog_open);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !window.nnplay.state().share.dialog_open);
    await page.close();
  });

  it('ReLU units killed by learning rate 10 get a warning banner naming the steps and the fix',
    async () => {
      const page = await context.newPage();
      collectErrors(page, errors);
      await openApp(page, url + '#v=1&act=relu&lr=10');
      const s0 = await state(page);
      assert.deepEqual([].concat(s0.config.network.activation), ['relu']);
      assert.equal(s0.config.optimizer.learning_rate, 10);
      await page.evaluate(() => window.nnplay.step(1000));
      const s = await state(page);
      assert.equal(s.diverged, false);
      assert.match(s.warning, /^the loss is stuck: .* for steps \d+-\d+ every unit of hidden layer 1 gave 0/);
      assert.match(s.warning, /lower the learning rate or use leaky_relu, and reset$/);
      // The Training panel and the history end at the last step, with finite numbers.
      assert.ok(Number.isFinite(s.train_loss));
      await page.waitForFunction(() => /Training is not working: the loss is stuck/.test(
        document.getElementById('live').textContent));
      await page.close();
    });

  it('index.html opened from disk says how to serve it', async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(DIST, 'index.html')).href);
    await page.waitForFunction(() => !document.getElementById('error').hidden);
    const text = await page.evaluate(() => document.getElementById('error').textContent);
    assert.match(text, /needs a web server/);
    assert.match(text, /\.\/scripts\/run/);
    assert.ok(text.includes('node scripts/serve.mjs --dir ' + DIST + '/'), text);
    await page.close();
  });

  it('no page errors', () => {
    assert.deepEqual(errors, []);
  });
});
