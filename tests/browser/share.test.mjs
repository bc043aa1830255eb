// Browser test of sharing and embedding (ctest browser-share, docs/embedding.md): a link reproduces the run
// (same losses after the same steps, exactly), the hash follows the config without history spam
// and an edited hash is applied, a bad hash names its field and keeps the rest, embed mode at
// 400x300 and 320x240 shows only the chosen views (layout fields and pixels), course.html drives
// an embed by postMessage, malformed messages and foreign origins get a warning and ok: false, the
// Share dialog's Copy reaches the system clipboard, and index, embed and course pages run under
// the strict CSP with zero violations and no request to another origin.
// Usage: node tests/browser/share.test.mjs [--dist build/web/dist] [--out build/web/share-shots]
// Exits 77 (ctest: skipped) when the dist folder has not been built.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ROOT, STRICT_CSP, arg, collectErrors, colourStats, distOrSkip, launchBrowser, openApp,
  startServer } from './lib.mjs';

const DIST = distOrSkip('browser-share');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'build/web/share-shots')));

// A config away from every default that matters for the trajectory.
const CONFIG = {
  seed: 9876,
  data: { dataset: 'spiral', classes: 3, noise: 0.1, points: 300 },
  network: { hidden: [6, 5], activation: ['relu'] },
  loss: 'softmax',
  optimizer: { kind: 'adam', learning_rate: 0.01 },
  batch_size: 12,
};
const STEPS = 250;

// Watches a page for the CSP check: requests to another origin than `origin` (data: and blob:
// are not network requests) and, in every frame, securitypolicyviolation events.
async function watchCsp(page, origin) {
  const foreign = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.origin !== origin) foreign.push(r.url());
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  return foreign;
}
async function violations(page) {
  const all = [];
  for (const f of page.frames()) {
    const v = await f.evaluate(() => window.__violations || []).catch(() => []);
    for (const x of v) all.push(`${f.url()}: ${x}`);
  }
  return all;
}

describe('sharing and embedding', () => {
  let server;
  let url;
  let strict;  // the same files under the strict CSP
  let browser;
  let context;

  before(async () => {
    ({ server, url } = await startServer({ root: DIST, port: 0 }));
    strict = await startServer({ root: DIST, port: 0, csp: STRICT_CSP });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1000, height: 700 },
      deviceScaleFactor: 1 });
    fs.mkdirSync(OUT, { recursive: true });
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
    if (strict) strict.server.close();
  });

  async function newPage(size) {
    const page = await context.newPage();
    if (size) await page.setViewportSize(size);
    const errors = [];
    const warnings = [];
    collectErrors(page, errors, warnings);
    return { page, errors, warnings };
  }

  it('a link reproduces the data, the initial weights and the losses exactly', async () => {
    const a = await newPage();
    await openApp(a.page, url);
    const history0 = await a.page.evaluate(() => history.length);
    const r = await a.page.evaluate((cfg) => window.nnplay.setConfig(cfg), CONFIG);
    assert.equal(r.ok, true);
    await a.page.evaluate(() => window.nnplay.reset());
    const first = await a.page.evaluate(() => window.nnplay.state());
    assert.equal(await a.page.evaluate((n) => window.nnplay.step(n), STEPS), STEPS);
    const sa = await a.page.evaluate(() => window.nnplay.state());
    // The hash follows (debounced) with replaceState: the history does not grow.
    await a.page.waitForFunction(() => location.hash.includes('ds=spiral'), null, { timeout: 5000 });
    const hash = await a.page.evaluate(() => location.hash);
    assert.equal(hash, '#' + sa.share.hash);
    assert.match(hash, /seed=9876/);
    assert.equal(await a.page.evaluate(() => history.length), history0);
    const link = await a.page.evaluate(() => window.nnplay.getLink().link);
    assert.equal(link, url + hash);  // the page's own address (here /), with the hash

    const b = await newPage();
    await openApp(b.page, link);
    const fresh = await b.page.evaluate(() => window.nnplay.state());
    assert.deepEqual(fresh.config, sa.config);
    assert.equal(fresh.step, 0);
    assert.equal(fresh.train_loss, first.train_loss, 'same data and initial weights');
    assert.equal(await b.page.evaluate((n) => window.nnplay.step(n), STEPS), STEPS);
    const sb = await b.page.evaluate(() => window.nnplay.state());
    assert.equal(sb.train_loss, sa.train_loss);
    assert.equal(sb.test_loss, sa.test_loss);
    assert.equal(sb.train_accuracy, sa.train_accuracy);
    assert.equal(sb.share.notice, '');

    // The user edits the hash: it is applied (fresh weights from the seed).
    await b.page.evaluate(() => { location.hash = '#v=1&ds=xor&lr=0.3&seed=5'; });
    await b.page.waitForFunction(() => window.nnplay.state().config.data.dataset === 'xor');
    const sx = await b.page.evaluate(() => window.nnplay.state());
    assert.equal(sx.config.optimizer.learning_rate, 0.3);
    assert.equal(sx.config.seed, 5);
    assert.equal(sx.step, 0);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
    await a.page.close();
    await b.page.close();
  });

  it('a bad hash names the bad field in the app and the console, and keeps the others', async () => {
    const p = await newPage();
    await openApp(p.page, url + '#v=1&ds=xor&noise=lots&lr=0.03&seed=12');
    const s = await p.page.evaluate(() => window.nnplay.state());
    assert.equal(s.config.data.dataset, 'xor');
    assert.equal(s.config.optimizer.learning_rate, 0.03);
    assert.equal(s.config.seed, 12);
    assert.match(s.share.notice, /data\.noise/);
    assert.ok(p.warnings.some((w) => w.includes('data.noise')), p.warnings.join('\n'));
    // The banner is on screen: the notice's yellow box (252, 238, 205) covers some pixels.
    await p.page.waitForTimeout(300);
    const png = await p.page.screenshot({ path: path.join(OUT, 'bad-hash.png') });
    const yellow = await p.page.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4)
        if (Math.abs(d[i] - 252) < 3 && Math.abs(d[i + 1] - 238) < 3 && Math.abs(d[i + 2] - 205) < 3) ++n;
      return n;
    }, png.toString('base64'));
    assert.ok(yellow > 2000, `${yellow} banner pixels`);
    // The hash is rewritten to the settings in force (without the bad field).
    await p.page.waitForFunction(() => !location.hash.includes('noise'), null, { timeout: 5000 });
    assert.match(await p.page.evaluate(() => location.hash), /ds=xor/);
    assert.deepEqual(p.errors, []);
    await p.page.close();
  });

  it('embed mode shows only the chosen views, at 400x300 and 320x240', async () => {
    const cases = [
      { q: 'views=boundary&controls=none', size: [400, 300], want: { boundary: true }, map: 0.7,
        views: ['boundary'] },
      { q: 'views=loss&controls=none', size: [400, 300], want: { loss: true } },
      { q: 'views=boundary,loss&controls=minimal', size: [400, 300],
        want: { boundary: true, loss: true, embed_bar: true }, map: 0.55 },
      { q: 'views=network,boundary&controls=minimal', size: [320, 240],
        want: { network: true, boundary: true, embed_bar: true }, map: 0.35 },
    ];
    const grey = {};
    for (const c of cases) {
      const p = await newPage({ width: c.size[0], height: c.size[1] });
      await openApp(p.page, `${url}?embed=1&${c.q}#v=1&ds=xor&seed=3`);
      await p.page.evaluate(() => window.nnplay.step(400));
      await p.page.waitForTimeout(400);
      const s = await p.page.evaluate(() => window.nnplay.state());
      assert.equal(s.share.embed, true);
      const want = { top_bar: false, embed_bar: false, data: false, network: false,
        boundary: false, loss: false, ...c.want };
      assert.deepEqual(s.share.layout, want, c.q);
      if (c.views) assert.deepEqual(s.share.views, c.views);
      assert.equal(s.config.data.dataset, 'xor');
      const name = `embed-${c.size[0]}x${c.size[1]}-${c.q.replace(/[^a-z,]+/g, '_')}.png`;
      const png = await p.page.screenshot({ path: path.join(OUT, name) });
      const stats = await colourStats(browser, png);
      assert.equal(stats.width, c.size[0]);
      assert.ok(stats.colours > 50, `${c.q}: ${stats.colours} colours`);
      grey[c.q] = stats.grey;
      if (s.share.layout.boundary) {
        // The map is a large share of the frame's height, and coloured inside.
        const m = s.share.map;
        assert.ok(m.size > c.map * c.size[1], `${c.q}: map ${m.size}px in ${c.size}`);
        const inside = await colourStats(browser, png, { x: Math.ceil(m.x) + 2,
          y: Math.ceil(m.y) + 2, w: Math.floor(m.size) - 4, h: Math.floor(m.size) - 4 });
        assert.ok(inside.grey < 0.2, `${c.q}: ${(100 * inside.grey).toFixed(0)}% grey in the map`);
      }
      assert.deepEqual(p.errors, [], c.q);
      await p.page.close();
    }
    // The boundary-only frame is largely colour; the loss-only frame almost all white/grey.
    const gb = grey['views=boundary&controls=none'];
    const gl = grey['views=loss&controls=none'];
    assert.ok(gl > 0.85 && gb < gl - 0.25, JSON.stringify(grey));
  });

  it('bad query parameters give a message naming them, never a blank page', async () => {
    const p = await newPage({ width: 400, height: 300 });
    await openApp(p.page, `${url}?embed=1&views=boundary,sparkles&controls=lots&autoplay=1`);
    const s = await p.page.evaluate(() => window.nnplay.state());
    assert.match(s.share.notice, /views/);
    assert.match(s.share.notice, /controls/);
    assert.ok(p.warnings.some((w) => w.includes('sparkles')), p.warnings.join('\n'));
    assert.equal(s.share.layout.boundary, true);
    assert.equal(s.share.controls, 'minimal');
    assert.equal(s.playing, true);
    await p.page.screenshot({ path: path.join(OUT, 'embed-bad-query.png') });
    assert.deepEqual(p.errors, []);
    await p.page.close();
  });

  it('course.html (strict CSP) drives an embed by postMessage; malformed messages get a ' +
    'warning and an ok: false reply; no CSP violation, no foreign request', async () => {
      const p = await newPage({ width: 1280, height: 900 });
      const foreign = await watchCsp(p.page, new URL(strict.url).origin);
      await p.page.goto(strict.url + 'course.html');
      const frame = p.page.frameLocator('#demo');
      await p.page.waitForFunction(() => window.nnplayCourse !== undefined);
      // The first call waits for the embed to load.
      const r1 = await p.page.evaluate(() => window.nnplayCourse.call('step', [10]));
      assert.equal(r1.ok, true);
      assert.equal(r1.result, 10);
      const st = await p.page.evaluate(() => window.nnplayCourse.call('state'));
      assert.equal(st.result.step, 10);
      assert.equal(st.result.share.embed, true);
      assert.equal(st.result.config.data.dataset, 'gauss');  // the §1.1 lesson's data
      // The page's buttons: Play, then Pause.
      await p.page.click('button[data-call="play"]');
      await p.page.waitForTimeout(1200);
      const playing = await p.page.evaluate(() => window.nnplayCourse.call('state'));
      assert.equal(playing.result.playing, true);
      assert.ok(playing.result.step > 10, `step ${playing.result.step}`);
      await p.page.click('button[data-call="pause"]');
      await p.page.waitForFunction(() => /step \d+/.test(document.getElementById('demo-state').textContent));
      // Malformed messages: a warning in the embed's console and a reply naming the problem.
      const replies = await p.page.evaluate(() => new Promise((resolve) => {
        const got = [];
        const demo = document.getElementById('demo');
        window.addEventListener('message', (e) => {
          if (e.source === demo.contentWindow && e.data && [97, 98, 99].includes(e.data.id)) got.push(e.data);
        });
        demo.contentWindow.postMessage({ type: 'nnplay', id: 99, method: 'eval', args: ['1'] }, '*');
        demo.contentWindow.postMessage({ type: 'nnplay', id: 98, method: 'step', args: 5 }, '*');
        demo.contentWindow.postMessage({ type: 'nnplay', id: 97, method: 42 }, '*');
        setTimeout(() => resolve(got), 800);
      }));
      assert.deepEqual(replies.map((r) => [r.id, r.ok, r.field]).sort(),
        [[97, false, 'method'], [98, false, 'args'], [99, false, 'method']]);
      assert.equal(p.warnings.filter((w) => w.includes('malformed')).length, 3, p.warnings.join('\n'));
      assert.ok(await frame.locator('#canvas').isVisible());
      await p.page.screenshot({ path: path.join(OUT, 'course-1280x900.png') });
      // At least three playgrounds run in the page (the lazy ones below the fold included).
      assert.ok(p.page.frames().length >= 4, `${p.page.frames().length} frames`);
      assert.deepEqual(await violations(p.page), []);
      assert.deepEqual(foreign, []);
      assert.deepEqual(p.errors, []);
      await p.page.close();
    });

  it('answers only the allowed origins', async () => {
    const p = await newPage({ width: 400, height: 300 });
    await openApp(p.page, `${url}?embed=1&origins=https://a.example,https://b.example:8443/`);
    const info = await p.page.evaluate(() => window.nnplay.embedInfo());
    assert.deepEqual(info.origins, ['https://a.example', 'https://b.example:8443']);
    // This page's own origin (http://127.0.0.1:port) is not in the list: a warning, and a reply
    // saying so without any data.
    const got = await p.page.evaluate(() => new Promise((resolve) => {
      let reply = null;
      window.addEventListener('message', (e) => { if (e.data && e.data.id === 5 && 'ok' in e.data) reply = e.data; });
      window.postMessage({ type: 'nnplay', id: 5, method: 'step', args: [1] }, '*');
      setTimeout(() => resolve(reply), 500);
    }));
    assert.equal(got.ok, false);
    assert.match(got.error, /is not allowed/);
    assert.equal('result' in got, false);
    assert.ok(p.warnings.some((w) => w.includes('not in allowedOrigins')), p.warnings.join('\n'));
    assert.equal(await p.page.evaluate(() => window.nnplay.state().step), 0);
    await p.page.close();
  });

  it('the Share dialog copies the link to the system clipboard', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 },
      deviceScaleFactor: 1 });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    const page = await ctx.newPage();
    try {
      await openApp(page, url + '#v=1&ds=spiral&cls=3&loss=softmax&seed=31');
      await page.waitForTimeout(300);
      const b = (await page.evaluate(() => window.nnplay.state())).share.share_button;
      assert.ok(b[2] > 0, 'Share button drawn');
      await page.mouse.click(b[0] + b[2] / 2, b[1] + b[3] / 2);
      await page.waitForFunction(() => window.nnplay.state().share.dialog_open);
      await page.waitForTimeout(200);
      const c = (await page.evaluate(() => window.nnplay.state())).share.copy_link_button;
      await page.screenshot({ path: path.join(OUT, 'share-dialog.png') });
      await page.mouse.click(c[0] + c[2] / 2, c[1] + c[3] / 2);
      const link = await page.evaluate(() => window.nnplay.getLink().link);
      await page.waitForFunction((want) => navigator.clipboard.readText().then((t) => t === want),
        link, { timeout: 3000 });
      for (const part of ['#v=1', 'ds=spiral', 'cls=3', 'loss=softmax', 'seed=31']) assert.ok(link.includes(part), link);
    } finally {
      await ctx.close();
    }
  });

  it('index and embed pages run under the strict CSP: no violation, no foreign request',
    async () => {
      const origin = new URL(strict.url).origin;
      for (const target of ['', '?embed=1&views=boundary,loss&controls=minimal&' +
        'lesson=s2_2_regularization#v=1&ds=xor']) {
        const page = await context.newPage();
        const problems = [];
        page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
        page.on('pageerror', (e) => problems.push(e.message));
        const foreign = await watchCsp(page, origin);
        await openApp(page, strict.url + target);
        assert.equal(await page.evaluate(() => window.nnplay.step(10)), 10);
        await page.waitForTimeout(400);
        assert.deepEqual(await violations(page), [], target);
        assert.deepEqual(problems, [], target);
        assert.deepEqual(foreign, [], target);
        await page.close();
      }
    });
});
