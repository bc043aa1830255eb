// Browser test of what links carry (ctest browser-links, docs/embedding.md "Links"): 30 points
// drawn with real clicks on the map survive a link round trip (same points, same losses after
// the same steps), an embed's "Open full" opens a page with the same lesson, step count, points
// and loss, a TensorFlow Playground link opens translated with at most one warning line, a link
// with 35 bad fields keeps its banner to three lines behind a "Show all" button, ?hide= hides
// controls from the screen and the Tab order, and the data CSV export re-imports to the same run.
// Screenshots of the banner and the Share dialog go to --out.
// Usage: node tests/browser/links.test.mjs [--dist build/web/dist] [--out build/screenshots/links]
// Exits 77 (ctest: skipped) when the dist folder has not been built.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ROOT, arg, collectErrors, distOrSkip, launchBrowser, openApp, startServer } from './lib.mjs';

const DIST = distOrSkip('browser-links');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'build/screenshots/links')));
const STEPS = 150;

async function widgets(page) {
  return page.evaluate(() => JSON.parse(window.Module.ccall('nnplay_widgets', 'string', [], [])));
}
async function widget(page, label) {
  const all = await widgets(page);
  const hit = all.find((w) => w.label === label && w.visible) ||
    all.find((w) => w.label === label);
  assert.ok(hit, `no widget "${label}" among ${all.map((w) => w.label).join(' | ')}`);
  return hit;
}
const centre = (w) => ({ x: w.x + w.w / 2, y: w.y + w.h / 2 });
const state = (page) => page.evaluate(() => window.nnplay.state());
const pointCount = (s) => s.points.train + s.points.test;

// Clears the data (the data panel's Clear) and draws 30 points on a 6 x 5 grid of the map with
// real clicks: every third with Ctrl (the other class), every fifth with Shift (a test point).
async function drawThirty(page) {
  const clear = await widget(page, 'Clear');
  await page.mouse.click(centre(clear).x, centre(clear).y);
  await page.waitForFunction(() => window.nnplay.state().user_data);
  const map = await widget(page, '##map');
  let n = 0;
  for (let r = 0; r < 5; ++r) {
    for (let c = 0; c < 6; ++c) {
      const x = map.x + map.w * (0.12 + 0.15 * c + 0.013 * r);
      const y = map.y + map.h * (0.14 + 0.18 * r + 0.011 * c);
      const mods = [];
      if (n % 3 === 0) mods.push('Control');
      if (n % 5 === 4) mods.push('Shift');
      for (const m of mods) await page.keyboard.down(m);
      const frame = (await state(page)).frame;
      await page.mouse.click(x, y);
      for (const m of mods) await page.keyboard.up(m);
      ++n;
      // The app's next frames add it (waits, not timed assertions); from 2 points on the
      // session trains on them and counts them.
      await page.waitForFunction((f) => window.nnplay.state().frame >= f + 2, frame);
      await page.waitForFunction((k) => {
        const s = window.nnplay.state();
        return k < 2 || s.points.train + s.points.test === k;
      }, n);
    }
  }
}

describe('what links carry', () => {
  let server;
  let url;
  let browser;
  let context;

  before(async () => {
    ({ server, url } = await startServer({ root: DIST, port: 0 }));
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1 });
    fs.mkdirSync(OUT, { recursive: true });
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  async function newPage(size) {
    const page = await context.newPage();
    if (size) await page.setViewportSize(size);
    const errors = [];
    collectErrors(page, errors);
    return { page, errors };
  }

  it('30 points drawn on the map survive a link round trip: same points, same losses', async () => {
    const a = await newPage();
    await openApp(a.page, url + '#v=1&seed=321&h=5,3');
    await drawThirty(a.page);
    const drawn = await state(a.page);
    assert.equal(pointCount(drawn), 30);
    assert.ok(drawn.points.test >= 5, `${drawn.points.test} test points`);
    const link = await a.page.evaluate(() => window.nnplay.getLink());
    assert.match(link.link, /ds=user/);
    assert.match(link.link, /&ud=[A-Za-z0-9_-]+/);
    assert.equal(link.note, undefined, 'drawn points are exact in the link');
    // The page's hash follows the drawn data.
    await a.page.waitForFunction((h) => location.hash === '#' + h, link.hash, { timeout: 10000 });
    const data = await a.page.evaluate(() => window.nnplay.exportDataCsv());
    await a.page.evaluate(() => window.nnplay.reset());
    assert.equal(await a.page.evaluate((n) => window.nnplay.step(n), STEPS), STEPS);
    const sa = await state(a.page);

    const b = await newPage();
    await openApp(b.page, link.link);
    const sb0 = await state(b.page);
    assert.equal(sb0.user_data, true);
    assert.deepEqual(sb0.points, drawn.points);
    assert.equal(sb0.share.notice, '');
    assert.equal(await b.page.evaluate(() => window.nnplay.exportDataCsv()), data, 'same points');
    assert.equal(await b.page.evaluate((n) => window.nnplay.step(n), STEPS), STEPS);
    const sb = await state(b.page);
    assert.equal(sb.train_loss, sa.train_loss);
    assert.equal(sb.test_loss, sa.test_loss);
    assert.equal(sb.test_accuracy, sa.test_accuracy);

    // The data CSV re-imports to the same run, bit for bit.
    const c = await newPage();
    await openApp(c.page, url + '#v=1&seed=321&h=5,3');
    const r = await c.page.evaluate((t) => window.nnplay.importText('csv', t, 'data.csv'), data);
    assert.equal(r.ok, true, r.message);
    assert.equal(await c.page.evaluate((n) => window.nnplay.step(n), STEPS), STEPS);
    const sc = await state(c.page);
    assert.equal(sc.train_loss, sa.train_loss);
    assert.equal(sc.test_loss, sa.test_loss);
    for (const p of [a, b, c]) {
      assert.deepEqual(p.errors, []);
      await p.page.close();
    }
  });

  it('Open full keeps the lesson, the step count, the points and the loss', async () => {
    const e = await newPage({ width: 800, height: 600 });
    await openApp(e.page, url + '?embed=1&lesson=s2_2_regularization&views=data,boundary,loss' +
      '&controls=minimal');
    const lesson = (await state(e.page)).share.lesson;
    assert.equal(lesson, 's2_2_regularization');
    await drawThirty(e.page);
    assert.equal(await e.page.evaluate(() => window.nnplay.step(50)), 50);
    const se = await state(e.page);
    assert.equal(se.step, 50);
    const points = await e.page.evaluate(() => window.nnplay.exportDataCsv());
    // The embed bar's real "Open full" button opens a new page.
    const button = await widget(e.page, 'Open full');
    const [full] = await Promise.all([context.waitForEvent('page'),
      e.page.mouse.click(centre(button).x, centre(button).y)]);
    const errors = [];
    collectErrors(full, errors);
    await full.waitForFunction(() => window.nnplay !== undefined);
    await full.evaluate(() => window.nnplay.ready);
    const sf = await state(full);
    assert.match(full.url(), /lesson=s2_2_regularization/);
    assert.match(full.url(), /step=50/);
    assert.equal(sf.share.embed, false);
    assert.equal(sf.lesson, 's2_2_regularization');
    assert.equal(sf.step, 50);
    assert.equal(sf.user_data, true);
    assert.deepEqual(sf.points, se.points);
    assert.equal(await full.evaluate(() => window.nnplay.exportDataCsv()), points);
    assert.equal(sf.train_loss, se.train_loss);
    assert.equal(sf.test_loss, se.test_loss);
    assert.deepEqual(errors, []);
    assert.deepEqual(e.errors, []);
    await full.close();
    await e.page.close();
  });

  it('a TensorFlow Playground link opens translated, with at most one warning line', async () => {
    const p = await newPage();
    await openApp(p.page, url + '#activation=relu&batchSize=10&dataset=spiral&' +
      'regDataset=reg-plane&learningRate=0.01&regularizationRate=0&noise=0&networkShape=6,4,2&' +
      'seed=0.80857&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&' +
      'xTimesY=false&xSquared=false&ySquared=false&cosX=true&sinX=false&cosY=false&sinY=false&' +
      'collectStats=false&problem=classification&initZero=false&hideText=false');
    const s = await state(p.page);
    assert.equal(s.config.data.dataset, 'spiral');
    assert.deepEqual(s.config.network.hidden, [6, 4, 2]);
    assert.deepEqual([].concat(s.config.network.activation), ['relu']);
    assert.equal(s.config.optimizer.learning_rate, 0.01);
    assert.ok(s.share.warnings.length <= 1, s.share.warnings.join('\n'));
    assert.match(s.share.notice, /TensorFlow Playground/);
    assert.match(s.share.notice, /cosX/);
    assert.ok(s.share.banner.lines >= 1 && s.share.banner.lines <= 1, `${s.share.banner.lines} lines`);
    // The address becomes this playground's own link.
    await p.page.waitForFunction(() => location.hash.startsWith('#v=1&'), null, { timeout: 10000 });
    await p.page.screenshot({ path: path.join(OUT, 'tf-link.png') });
    assert.equal(await p.page.evaluate(() => window.nnplay.step(20)), 20);
    assert.deepEqual(p.errors, []);
    await p.page.close();
  });

  it('35 bad fields: the banner covers at most three lines; Show all unfolds the rest', async () => {
    for (const [q, size] of [['', { width: 1280, height: 800 }],
      ['?embed=1&views=boundary,loss&controls=minimal', { width: 400, height: 300 }]]) {
      const p = await newPage(size);
      let hash = '#v=1&lr=0.1';
      for (let i = 0; i < 35; ++i) hash += `&wrong_field_${i}=1`;
      await openApp(p.page, url + q + hash);
      await p.page.waitForFunction(() => window.nnplay.state().share.banner.lines > 0);
      const s = await state(p.page);
      assert.equal(s.config.optimizer.learning_rate, 0.1);
      assert.ok(s.share.banner.lines <= 3, `${s.share.banner.lines} lines at ${size.width}`);
      const name = `banner-${size.width}x${size.height}`;
      await p.page.screenshot({ path: path.join(OUT, name + '.png') });
      // The toggle is a real button: click it.
      const all = await widget(p.page, 'Show all');
      await p.page.mouse.click(centre(all).x, centre(all).y);
      await p.page.waitForFunction(() => window.nnplay.state().share.banner.expanded);
      await p.page.waitForFunction(() => window.nnplay.state().share.banner.lines > 3);
      await p.page.screenshot({ path: path.join(OUT, name + '-all.png') });
      const less = await widget(p.page, 'Show less');
      await p.page.mouse.click(centre(less).x, centre(less).y);
      await p.page.waitForFunction(() => !window.nnplay.state().share.banner.expanded);
      assert.ok((await state(p.page)).share.banner.lines <= 3);
      assert.deepEqual(p.errors, []);
      await p.page.close();
    }
  });

  it('?hide= hides controls from the screen and the Tab order; the Share dialog carries it',
    async () => {
      const p = await newPage();
      await openApp(p.page, url + '?hide=lr,optimizer,sparkles#v=1&ds=xor');
      const s = await state(p.page);
      assert.deepEqual(s.share.hide, ['lr', 'optimizer']);
      assert.match(s.share.notice, /sparkles/);
      const labels = (await widgets(p.page)).map((w) => w.label);
      assert.ok(!labels.includes('##lr') && !labels.includes('##optimizer'), labels.join('|'));
      assert.ok(labels.includes('##batch'));
      const link = await p.page.evaluate(() => window.nnplay.getLink({ hide: ['lr', 'optimizer'],
        autoheight: true, origins: ['https://course.example.edu'], width: 320, height: 240,
        views: ['network', 'boundary', 'loss'] }));
      assert.match(link.embed, /&hide=lr,optimizer/);
      assert.match(link.embed, /&autoheight=1/);
      assert.match(link.embed, /&origins=https%3A%2F%2Fcourse\.example\.edu/);
      assert.match(link.size_warning, /320x240 is small/);
      // The Share dialog, opened with a real click, for the screenshot.
      const b = s.share.share_button;
      await p.page.mouse.click(b[0] + b[2] / 2, b[1] + b[3] / 2);
      await p.page.waitForFunction(() => window.nnplay.state().share.dialog_open);
      await p.page.waitForTimeout(300);  // the popup's first frame only measures it
      const small = await widget(p.page, '320x240');
      await p.page.mouse.click(centre(small).x, centre(small).y);
      await p.page.waitForFunction(() => window.nnplay.state().share.dialog_size[0] === 320);
      await p.page.waitForTimeout(300);
      await p.page.screenshot({ path: path.join(OUT, 'share-dialog.png') });
      assert.deepEqual(p.errors, []);
      await p.page.close();
    });
});
