// Browser test of import/export (ctest browser-files, docs/files.md), under the strict CSP: a malformed
// CSV through the real file input and through a synthetic drop names its line and leaves the
// data, step and config as they were; a good CSV becomes the data; the File menu (clicked on the
// canvas) downloads the config, the model, the loss CSV and the boundary PNG through blob: URLs,
// and their contents are checked (the model loads back bit-exactly, the CSV has one row per
// history point, the PNG decodes at 512x512). Uses tests/browser/lib.mjs.
//   node tests/browser/files.test.mjs [--dist build/web/dist] [--out DIR]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ROOT, STRICT_CSP, arg, collectErrors, colourStats, distOrSkip, launchBrowser, openApp,
  startServer } from './lib.mjs';

const DIST = distOrSkip('browser-files');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'build/screenshots/files')));

// The File button in the top bar at 1280x720, device pixel ratio 1 (after Play, Step, Reset),
// and the y of each menu item: ImGui opens the popup at the mouse, so they follow the click
// (19 px rows; a separator after "Import…").
const FILE_BUTTON = { x: 237, y: 18 };
const MENU_X = 300;
const MENU_Y = { import: 33, config: 57, model: 76, csv: 95, png: 114, data: 133 };

const BAD_CSV = 'x1,x2,label\n1,1,0\n-1,-1,1\n2,2,0\n0.5,oops,1\n3,3,1\n';  // line 5, column 2
const DROP_CSV = 'x1,x2,label\n1,1,0\n-1,-1,9\n';  // line 3: label 9 is not a class
function goodCsv(n) {
  let s = 'x1,x2,label,split\n';
  for (let i = 0; i < n; ++i) {
    const k = i % 2;
    s += `${(k ? 2 : -2) + (i % 7) * 0.1},${(k ? -1 : 1) + (i % 5) * 0.1},${k},` +
      `${i % 4 === 0 ? 'test' : 'train'}\n`;
  }
  return s;
}

describe('import/export', () => {
  let server;
  let url;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    ({ server, url } = await startServer({ root: DIST, port: 0, csp: STRICT_CSP }));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1,
      acceptDownloads: true });
    collectErrors(page, errors);
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation',
        (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await openApp(page, url);
    await page.evaluate(() => window.nnplay.step(25));
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  const state = () => page.evaluate(() => window.nnplay.state());
  const same = (a, b) => {
    assert.equal(b.step, a.step);
    assert.deepEqual(b.points, a.points);
    assert.deepEqual(b.config, a.config);
    assert.equal(b.train_loss, a.train_loss);
    assert.equal(b.user_data, a.user_data);
  };
  async function lastImportAfter(action) {
    await page.evaluate(() => { window.nnplay.lastImport = null; });
    await action();
    await page.waitForFunction(() => window.nnplay.lastImport !== null, null, { timeout: 10000 });
    return page.evaluate(() => window.nnplay.lastImport);
  }

  it('a malformed CSV through the file input names its line and changes nothing', async () => {
    const before_state = await state();
    const reply = await lastImportAfter(() => page.setInputFiles('#file-input',
      { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) }));
    assert.equal(reply.ok, false);
    assert.equal(reply.line, 5);
    assert.equal(reply.column, 2);
    assert.match(reply.message, /^bad\.csv: line 5, column 2: 'oops' is not a number/);
    const status = await page.textContent('#file-status');
    assert.equal(status, reply.message);
    const after_state = await state();
    same(before_state, after_state);
    assert.equal(after_state.share.notice, reply.message);  // the banner in the app says it
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, 'import-error.png') });
  });

  it('a drop shows the overlay; a malformed dropped CSV names its line', async () => {
    const before_state = await state();
    const shown = await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'x.csv', { type: 'text/csv' }));
      document.body.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true,
        dataTransfer: dt }));
      return !document.getElementById('drop-overlay').hidden;
    });
    assert.equal(shown, true);
    await page.screenshot({ path: path.join(OUT, 'drop-overlay.png') });
    const reply = await lastImportAfter(() => page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      document.body.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true,
        dataTransfer: dt }));
    }, DROP_CSV));
    assert.equal(await page.evaluate(() => document.getElementById('drop-overlay').hidden), true);
    assert.equal(reply.ok, false);
    assert.equal(reply.line, 3);
    assert.match(reply.error, /^line 3, column 3: class label 9/);
    assert.match(reply.message, /^dropped\.csv: /);
    same(before_state, await state());
  });

  it('File > Import… opens the picker; a good CSV becomes the data', async () => {
    const before_state = await state();
    const reply = await lastImportAfter(async () => {
      const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
      await menuClick('import');
      await (await chooser).setFiles(
        { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(goodCsv(80)) });
    });
    assert.equal(reply.ok, true, reply.message);
    const s = await state();
    assert.equal(s.user_data, true);
    assert.deepEqual(s.points, { train: 60, test: 20 });
    assert.notDeepEqual(s.points, before_state.points);
    assert.equal(s.step, 0);
    assert.equal(await page.evaluate(() => window.nnplay.step(30)), 30);
  });

  // Clicks File, then the item, on the canvas (ImGui sees a move, a press and a release).
  async function menuClick(item) {
    await page.mouse.move(FILE_BUTTON.x, FILE_BUTTON.y);
    await page.waitForTimeout(100);
    await page.mouse.down();
    await page.waitForTimeout(60);
    await page.mouse.up();
    await page.waitForTimeout(250);  // the popup opens in the next frames
    await page.mouse.move(MENU_X, MENU_Y[item]);
    await page.waitForTimeout(100);
    await page.mouse.down();
    await page.waitForTimeout(60);
    await page.mouse.up();
  }

  async function menuDownload(item) {
    const wait = page.waitForEvent('download', { timeout: 15000 });
    await menuClick(item);
    const download = await wait;
    const file = path.join(OUT, download.suggestedFilename());
    await download.saveAs(file);
    return { name: download.suggestedFilename(), url: download.url(), bytes: fs.readFileSync(file) };
  }

  it('the File menu downloads the config, model, loss CSV and boundary PNG', async () => {
    await page.evaluate(() => window.nnplay.setConfig({ data: { dataset: 'xor' } }));
    await page.evaluate(() => window.nnplay.step(40));
    const s = await state();

    const cfg = await menuDownload('config');
    assert.equal(cfg.name, 'nnplay-config.json');
    assert.match(cfg.url, /^blob:/);
    assert.deepEqual(JSON.parse(cfg.bytes.toString()), s.config);

    const model = await menuDownload('model');
    assert.equal(model.name, 'nnplay-model.json');
    const m = JSON.parse(model.bytes.toString());
    assert.equal(m.format, 'nnplay-model');
    assert.equal(m.steps, s.step);
    // It loads back: reset to other weights, import, and the losses are the exported ones.
    await page.evaluate(() => window.nnplay.setConfig({ seed: 999 }));
    assert.notEqual((await state()).train_loss, s.train_loss);
    const back = await page.evaluate((t) => window.nnplay.importText('auto', t, 'm.json'),
      model.bytes.toString());
    assert.equal(back.ok, true, back.message);
    assert.equal(back.kind, 'model');
    const loaded = await state();
    assert.equal(loaded.train_loss, s.train_loss);
    assert.equal(loaded.test_loss, s.test_loss);
    assert.equal(await page.evaluate(() => window.nnplay.exportModel()), model.bytes.toString());

    await page.evaluate(() => window.nnplay.step(12));
    const hist = (await state()).history_length;
    const csv = await menuDownload('csv');
    assert.equal(csv.name, 'nnplay-loss.csv');
    const lines = csv.bytes.toString().trim().split('\n');
    assert.equal(lines[0], 'step,epoch,train_loss,test_loss,train_accuracy,test_accuracy,learning_rate');
    assert.equal(lines.length - 1, hist);

    const data = await menuDownload('data');
    assert.equal(data.name, 'nnplay-data.csv');
    assert.equal(data.bytes.toString(), await page.evaluate(() => window.nnplay.exportDataCsv()));
    assert.match(data.bytes.toString(), /^x1,x2,label,split\n/);

    const png = await menuDownload('png');
    assert.equal(png.name, 'nnplay-boundary.png');
    assert.deepEqual([...png.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);  // "PNG"
    const st = await colourStats(browser, png.bytes);
    assert.equal(st.width, 512);
    assert.equal(st.height, 512);
    assert.ok(st.colours > 50, `PNG has ${st.colours} colours`);
    assert.ok(st.dominant < 0.6, `one colour covers ${st.dominant} of the PNG`);
  });

  it('the API over postMessage mirrors the exports, and the page saw no CSP violation', async () => {
    const result = await page.evaluate(() => new Promise((resolve) => {
      window.addEventListener('message', function on(e) {
        if (e.data && e.data.type === 'nnplay' && e.data.id === 77 && 'ok' in e.data) {
          window.removeEventListener('message', on);
          resolve({ ok: e.data.ok, isBlob: e.data.result instanceof Blob,
            type: e.data.result && e.data.result.type });
        }
      });
      window.postMessage({ type: 'nnplay', id: 77, method: 'exportBoundaryPng', args: [64] }, '*');
    }));
    assert.deepEqual(result, { ok: true, isBlob: true, type: 'image/png' });
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
  });
});
