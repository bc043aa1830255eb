// Browser test of the web app (ctest browser-app): serves the built dist folder with
// scripts/serve.mjs on a free port, opens it in headless Chromium (SwiftShader WebGL2) through
// playwright-core, and checks: no console errors, a canvas that is not blank, play() for two
// seconds grows the step count and lowers the training loss, setConfig changes the dataset,
// postMessage drives the same API, HiDPI sizing, and the message shown without WebGL2 (the
// strict CSP is checked in share.test.mjs). Helpers: lib.mjs.
// Writes a screenshot. Usage:
//   node tests/browser/app.test.mjs [--dist build/web/dist] [--out build/screenshots/browser-app.png]
// Exits 77 (ctest: skipped) when the dist folder has not been built.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ROOT, arg, collectErrors, colourStats, distOrSkip, launchBrowser, startServer }
  from './lib.mjs';

const DIST = distOrSkip('browser-app');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'build/screenshots/browser-app.png')));
const colour_stats = colourStats;

describe('web app', () => {
  let server;
  let url;
  let browser;
  let page;
  const errors = [];
  const responses = new Map();  // file name -> {encoding, bytes on the wire}

  before(async () => {
    ({ server, url } = await startServer({ root: DIST, port: 0 }));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    collectErrors(page, errors);
    page.on('response', async (r) => {
      const name = new URL(r.url()).pathname.replace(/^.*\//, '');
      const h = await r.allHeaders();
      responses.set(name, { encoding: h['content-encoding'] || '', length: Number(h['content-length']),
        type: h['content-type'] });
    });
    await page.goto(url);
    await page.waitForFunction(() => window.nnplay !== undefined);
    await page.evaluate(() => window.nnplay.ready);
    await page.waitForTimeout(1500);  // a few frames: first boundary picture and thumbnails
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  it('loads without console errors and hides the loading card', async () => {
    assert.equal(await page.isVisible('#loading'), false);
    assert.equal(await page.isVisible('#error'), false);
    assert.deepEqual(errors, []);
  });

  it('gets the wasm and the scripts precompressed, the wasm still typed application/wasm', () => {
    const wasm = responses.get('nnplay.wasm');
    assert.ok(wasm, 'no response for nnplay.wasm');
    assert.match(wasm.encoding, /^(br|gzip)$/, JSON.stringify(wasm));
    assert.equal(wasm.type, 'application/wasm');
    const raw = fs.statSync(path.join(DIST, 'nnplay.wasm')).size;
    assert.ok(wasm.length < 0.5 * raw, `${wasm.length} bytes sent for ${raw}`);
    assert.match(responses.get('nnplay.js').encoding, /^(br|gzip)$/, JSON.stringify([...responses]));
  });

  it('draws a canvas that is not blank', async () => {
    const png = await page.locator('#canvas').screenshot();
    const stats = await colour_stats(browser, png);
    assert.ok(stats.width >= 1000, `canvas ${stats.width}x${stats.height}`);
    assert.ok(stats.colours > 500, `only ${stats.colours} colours`);
    assert.ok(stats.dominant < 0.9, `one colour covers ${(100 * stats.dominant).toFixed(1)}%`);
  });

  it('trains while playing: steps grow, the training loss falls', async () => {
    const s0 = await page.evaluate(() => window.nnplay.state());
    assert.equal(s0.step, 0);
    assert.equal(s0.config.data.dataset, 'circle');
    await page.evaluate(() => window.nnplay.play());
    await page.waitForTimeout(2000);
    const s1 = await page.evaluate(() => { const s = window.nnplay.state(); window.nnplay.pause(); return s; });
    assert.ok(s1.step > s0.step + 100, `steps ${s0.step} -> ${s1.step}`);
    assert.ok(s1.train_loss < s0.train_loss, `loss ${s0.train_loss} -> ${s1.train_loss}`);
    assert.equal(s1.diverged, false);
    assert.ok(s1.fps > 0 && s1.samples_per_second > 0, JSON.stringify(s1));
    for (const key of ['epochs', 'test_loss', 'train_accuracy', 'test_accuracy', 'learning_rate', 'reason'])
      assert.ok(key in s1, key);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.waitForTimeout(300);
    await page.screenshot({ path: OUT });
  });

  it('setConfig changes the dataset (and reports invalid settings)', async () => {
    const r = await page.evaluate(() => window.nnplay.setConfig({ data: { dataset: 'xor' } }));
    assert.equal(r.ok, true);
    const s = await page.evaluate(() => window.nnplay.state());
    assert.equal(s.config.data.dataset, 'xor');
    assert.equal(s.step, 0);
    const err = await page.evaluate(() => {
      try { window.nnplay.setConfig({ optimizer: { learning_rate: -1 } }); return null; }
      catch (e) { return { message: e.message, field: e.field }; }
    });
    assert.equal(err.field, 'optimizer.learning_rate');
    assert.equal(await page.evaluate(() => window.nnplay.step(25)), 25);
    await page.waitForTimeout(300);
    assert.deepEqual(errors, []);
  });

  it('shows the accuracy curves beside the loss and the confusion matrix, by mouse', async () => {
    const widgets = () => page.evaluate(() =>
      JSON.parse(window.Module.ccall('nnplay_widgets', 'string', [], [])));
    const find = async (label) => (await widgets()).find((w) => w.label === label && w.visible);
    const click = async (w) => {
      await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
      for (let i = 0; i < 3; ++i) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    };
    await page.evaluate(() => { window.nnplay.reset(); window.nnplay.step(300); });
    assert.equal(await find('##accuracyplot'), undefined, 'accuracy plot before the toggle');
    const loss_before = await find('##lossplot');
    assert.ok(loss_before, 'no loss plot');
    await click(await find('Accuracy'));
    const acc = await find('##accuracyplot');
    const loss = await find('##lossplot');
    assert.ok(acc && loss, 'the accuracy plot and the loss plot, side by side');
    assert.ok(acc.x > loss.x + loss.w, `accuracy at x ${acc.x}, loss ends at ${loss.x + loss.w}`);
    const png = await page.screenshot({ clip: { x: loss.x - 60, y: loss.y - 30, width: acc.x + acc.w - loss.x + 70, height: acc.h + 60 } });
    fs.writeFileSync(OUT.replace(/\.png$/, '-accuracy.png'), png);

    // The confusion matrix: counts by true and predicted class whose diagonal is the accuracy.
    const s = await page.evaluate(() => window.nnplay.state());
    const diagonal = (m) => m.reduce((a, row, i) => a + row[i], 0);
    const total = (m) => m.flat().reduce((a, b) => a + b, 0);
    assert.equal(total(s.confusion.train), s.points.train);
    assert.equal(total(s.confusion.test), s.points.test);
    assert.ok(Math.abs(diagonal(s.confusion.train) / s.points.train - s.train_accuracy) < 1e-12);
    assert.ok(Math.abs(diagonal(s.confusion.test) / s.points.test - s.test_accuracy) < 1e-12);
    await click(await find('Confusion matrix'));
    const shot = await page.screenshot();
    fs.writeFileSync(OUT.replace(/\.png$/, '-confusion.png'), shot);
    await page.keyboard.press('Escape');
    for (let i = 0; i < 3; ++i) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    await click(await find('Accuracy'));  // back to the loss alone for the later tests
    assert.equal(await find('##accuracyplot'), undefined);
  });

  it('paints a neuron hovered on the network diagram over the whole map', async () => {
    await page.evaluate(() => { window.nnplay.setConfig({ data: { dataset: 'circle' } }); window.nnplay.step(200); });
    const all = await page.evaluate(() => JSON.parse(window.Module.ccall('nnplay_widgets', 'string', [], [])));
    const net = all.find((w) => w.label === '##diagram' && w.visible);
    assert.ok(net, 'no network area among ' + all.map((w) => w.label).join(' | '));
    await page.mouse.move(5, 700);
    for (let i = 0; i < 3; ++i) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    const rect = await page.evaluate(() => window.nnplay.state().share.map);
    const clip = { x: rect.x + 2, y: rect.y + 2, width: rect.size - 4, height: rect.size - 4 };
    const before = await page.screenshot({ clip });
    // Sweep the mouse over the diagram until it is over a hidden unit (a real pointer move).
    let found = null;
    for (let y = net.y + 10; y < net.y + net.h && !found; y += 12) {
      for (let x = net.x + net.w * 0.25; x < net.x + net.w * 0.75 && !found; x += 12) {
        await page.mouse.move(x, y);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
        const h = await page.evaluate(() => window.nnplay.state().hover);
        if (h && h.kind === 'neuron' && h.layer === 0) found = h;
      }
    }
    assert.ok(found, 'the mouse never was over a unit of the first hidden layer');
    for (let i = 0; i < 2; ++i) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    const during = await page.screenshot({ clip });
    fs.writeFileSync(OUT.replace(/\.png$/, '-hovered-neuron.png'), during);
    // Share of the map's pixels whose colour changed by more than 24 in some channel.
    const changed = await page.evaluate(async ([x, y]) => {
      const load = async (b64) => {
        const img = new Image();
        img.src = 'data:image/png;base64,' + b64;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        c.getContext('2d').drawImage(img, 0, 0);
        return c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      };
      const a = await load(x), b = await load(y);
      let n = 0;
      for (let i = 0; i < a.length; i += 4) {
        if (Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2])) > 24) ++n;
      }
      return n / (a.length / 4);
    }, [before.toString('base64'), during.toString('base64')]);
    assert.ok(changed > 0.2, `only ${(100 * changed).toFixed(1)} % of the map changed`);
    await page.mouse.move(5, 700);
    for (let i = 0; i < 3; ++i) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    assert.equal(await page.evaluate(() => window.nnplay.state().hover), null);
  });

  it('edits a weight by clicking its link and dragging its value', async () => {
    await page.evaluate(() => { window.nnplay.reset(); window.nnplay.step(50); });
    const all = await page.evaluate(() => JSON.parse(window.Module.ccall('nnplay_widgets', 'string', [], [])));
    const net = all.find((w) => w.label === '##diagram' && w.visible);
    const raf = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    let link = null;
    for (let y = net.y + 20; y < net.y + net.h - 20 && !link; y += 9) {
      await page.mouse.move(net.x + net.w * 0.3, y);
      await raf();
      const h = await page.evaluate(() => window.nnplay.state().hover);
      if (h && h.kind === 'link') link = h;
    }
    assert.ok(link, 'the mouse never was over a link');
    await page.mouse.down();
    await page.mouse.up();
    for (let i = 0; i < 3; ++i) await raf();
    const field = (await page.evaluate(() => JSON.parse(window.Module.ccall('nnplay_widgets', 'string', [], []))))
      .find((w) => w.label === '##weight' && w.visible);
    assert.ok(field, 'no weight field after clicking a link');
    const loss0 = (await page.evaluate(() => window.nnplay.state())).train_loss;
    const w0 = JSON.parse(await page.evaluate(() => window.nnplay.exportModel()))
      .layers[link.layer].W[link.i][link.j];
    // Drag the field to the right: 0.01 per pixel.
    await page.mouse.move(field.x + field.w / 2, field.y + field.h / 2);
    await raf();
    await page.mouse.down();
    await raf();
    for (let k = 1; k <= 5; ++k) {
      await page.mouse.move(field.x + field.w / 2 + 12 * k, field.y + field.h / 2);
      await raf();
    }
    await page.mouse.up();
    for (let i = 0; i < 3; ++i) await raf();
    const w1 = JSON.parse(await page.evaluate(() => window.nnplay.exportModel()))
      .layers[link.layer].W[link.i][link.j];
    assert.ok(w1 > w0 + 0.2, `the weight went from ${w0} to ${w1}`);
    const loss1 = (await page.evaluate(() => window.nnplay.state())).train_loss;
    assert.notEqual(loss1, loss0, 'the loss did not follow the edit');
    await page.mouse.move(5, 700);
    await page.keyboard.press('Escape');
  });

  it('the Share dialog previews the embed live at the chosen size', async () => {
    const raf = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    const find = async (label) => (await page.evaluate(() =>
      JSON.parse(window.Module.ccall('nnplay_widgets', 'string', [], [])))).find((w) => w.label === label && w.visible);
    const click = async (w) => {
      await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
      for (let i = 0; i < 3; ++i) await raf();
    };
    await click(await find('Share'));
    const preview = await find('Preview');
    assert.ok(preview, 'no Preview button in the Share dialog');
    await click(preview);
    const frame = page.locator('#nnplay-preview iframe');
    await frame.waitFor();
    const size = await frame.evaluate((f) => [f.width, f.height, f.src]);
    assert.deepEqual(size.slice(0, 2), ['640', '400'], JSON.stringify(size));
    assert.match(size[2], /embed=1/);
    const embed = await page.waitForFunction(() => {
      const w = document.querySelector('#nnplay-preview iframe').contentWindow;
      try { return w.nnplay.embedInfo().embed; } catch (e) { return false; }  // not ready yet
    }, null, { timeout: 30000 });
    assert.ok(await embed.jsonValue());
    await page.waitForTimeout(1000);  // its first pictures
    fs.writeFileSync(OUT.replace(/\.png$/, '-preview.png'), await page.screenshot());
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#nnplay-preview').count(), 0, 'Escape closes the preview');
    await page.keyboard.press('Escape');  // and the dialog
    for (let i = 0; i < 3; ++i) await raf();
  });

  it('answers postMessage calls like window.nnplay', async () => {
    const reply = await page.evaluate(() => new Promise((resolve) => {
      window.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'nnplay' && e.data.id === 7 && 'ok' in e.data) resolve(e.data);
      });
      window.postMessage({ type: 'nnplay', id: 7, method: 'step', args: [5] }, '*');
    }));
    assert.equal(reply.ok, true);
    assert.equal(reply.result, 5);
  });

  it('renders at the device pixel ratio', async () => {
    const hidpi = await browser.newPage({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
    try {
      await hidpi.goto(url);
      await hidpi.waitForFunction(() => window.nnplay !== undefined);
      await hidpi.evaluate(() => window.nnplay.ready);
      await hidpi.waitForTimeout(500);
      const size = await hidpi.evaluate(() => {
        const c = document.getElementById('canvas');
        return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight };
      });
      assert.equal(size.w, 2 * size.cw);
      assert.equal(size.h, 2 * size.ch);
      await hidpi.screenshot({ path: OUT.replace(/\.png$/, '-800x600@2x.png') });
    } finally {
      await hidpi.close();
    }
  });

  // The strict-CSP check (index, embed mode and course.html; zero violations, zero foreign
  // requests) is in share.test.mjs.

  it('explains what is missing when WebGL2 is not available', async () => {
    const nogl = await browser.newPage();
    try {
      await nogl.addInitScript(() => {
        const get = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
          return type === 'webgl2' ? null : get.call(this, type, ...rest);
        };
      });
      await nogl.goto(url);
      await nogl.waitForSelector('#error', { state: 'visible' });
      const text = await nogl.textContent('#error');
      assert.match(text, /WebGL 2/);
    } finally {
      await nogl.close();
    }
  });
});
