// Browser robustness test (ctest browser-robust, issue 8): learning rate 10 with every optimizer
// stops with a reason and the canvas stays drawn, reset recovers; values past the limits and
// malformed input through the JS API, postMessage and the URL hash are refused with a message
// naming the field; the largest network and dataset (frame times reported); a million training
// steps through the API with a flat wasm heap and an answering page; WebGL context loss and
// restore keep the training state and draw the boundary again. Helpers: lib.mjs.
//   node tests/browser/robust.test.mjs [--dist build/web/dist] [--out build/screenshots/robust]
// Exits 77 (ctest: skipped) when the dist folder has not been built.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ROOT, arg, colourStats, collectErrors, distOrSkip, launchBrowser, openApp, startServer }
  from './lib.mjs';

const DIST = distOrSkip('browser-robust');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'build/screenshots/robust')));
const OPTIMIZERS = [['sgd', true], ['momentum', true], ['nesterov', true], ['adagrad', true],
  ['rmsprop', true], ['adam', true], ['adam', false]];  // [kind, bias_correction]

describe('robustness in the browser', () => {
  let server;
  let browser;
  let page;
  let url;
  const errors = [];
  const warnings = [];

  before(async () => {
    ({ server, url } = await startServer({ root: DIST, port: 0 }));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    collectErrors(page, errors, warnings);
    await openApp(page, url);
    await page.waitForTimeout(1000);
    fs.mkdirSync(OUT, { recursive: true });
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  // The canvas as the user sees it: many colours, not one flat colour, and a share of coloured
  // (non-grey) pixels: the boundary map and the network's thumbnails. NaN scores would colour
  // the map black or leave it blank.
  async function canvasStats(name) {
    const png = await page.locator('#canvas').screenshot();
    if (name) fs.writeFileSync(path.join(OUT, name), png);
    return colourStats(browser, png);
  }
  function assertDrawn(stats, what) {
    assert.ok(stats.colours > 300, `${what}: only ${stats.colours} colours`);
    assert.ok(stats.dominant < 0.9, `${what}: one colour covers ${(100 * stats.dominant).toFixed(1)}%`);
    assert.ok(1 - stats.grey > 0.03, `${what}: only ${(100 * (1 - stats.grey)).toFixed(1)}% coloured`);
  }
  const state = () => page.evaluate(() => window.nnplay.state());

  it('learning rate 10: every optimizer stops with a reason, the canvas stays drawn, reset recovers', async () => {
    // plane (squared error, every optimizer) and circle (logistic: RMSProp explodes, SGD only
    // oscillates there, which is not divergence): an unbounded and a bounded loss.
    const cases = [...OPTIMIZERS.map((o) => ['plane', ...o]), ['circle', 'rmsprop', true], ['circle', 'sgd', true]];
    for (const [dataset, kind, bias] of cases) {
      {
        const what = `${dataset}/${kind}${bias ? '' : ' (no bias correction)'}`;
        await page.evaluate(([d, k, b]) => {
          window.nnplay.pause();
          window.nnplay.setConfig({ data: { dataset: d },
            optimizer: { kind: k, learning_rate: 10, bias_correction: b } });
          window.nnplay.reset();
          window.nnplay.play();
        }, [dataset, kind, bias]);
        // Up to 3 s of play (the bounded loss on the circle does not explode for every
        // optimizer: some only oscillate, which is not divergence; see docs/robustness.md).
        let s;
        for (let t = 0; t < 30; ++t) {
          await page.waitForTimeout(100);
          s = await state();
          if (s.diverged) break;
        }
        if (dataset === 'plane' || kind === 'rmsprop') {
          assert.equal(s.diverged, true, `${what}: not stopped after ${s.step} steps`);
        }
        if (s.diverged) {
          assert.match(s.reason, /step \d+.*learning rate/, what);
          assert.equal(s.playing, false, `${what}: still playing after divergence`);
        }
        assert.ok(Number.isFinite(s.train_loss), `${what}: train_loss ${s.train_loss}`);
        await page.waitForTimeout(250);  // a few frames of the stopped state
        if (kind === 'sgd' || kind === 'rmsprop' || !bias)  // screenshots are slow under SwiftShader
          assertDrawn(await canvasStats(`lr10-${dataset}-${kind}${bias ? '' : '-nobc'}.png`), what);
        await page.evaluate(() => { window.nnplay.pause(); window.nnplay.reset(); });
        await page.waitForTimeout(100);  // the reset applies in the next frame
        const r = await state();
        assert.equal(r.diverged, false, `${what}: diverged after reset`);
        assert.equal(r.reason, '', what);
        assert.equal(r.step, 0, what);
      }
    }
    // Back to a sane rate: it trains again.
    await page.evaluate(() => {
      window.nnplay.setConfig({ data: { dataset: 'circle' }, optimizer: { kind: 'sgd', learning_rate: 0.03 } });
      window.nnplay.reset();
    });
    assert.equal(await page.evaluate(() => window.nnplay.step(100)), 100);
    assert.equal((await state()).diverged, false);
  });

  // [label, what to send, field or text the message must name]. Every entry is refused, the
  // running config stays as it was.
  const BAD_CONFIGS = [
    ['9 hidden layers', { network: { hidden: [4, 4, 4, 4, 4, 4, 4, 4, 4] } }, 'network.hidden'],
    ['65 units', { network: { hidden: [65] } }, 'network.hidden'],
    ['0 units', { network: { hidden: [4, 0] } }, 'network.hidden'],
    ['5001 points', { data: { points: 5001 } }, 'data.points'],
    ['batch 1001', { batch_size: 1001 }, 'batch_size'],
    ['6 classes', { data: { dataset: 'spiral', classes: 6 } }, 'data.classes'],
    ['learning rate 11', { optimizer: { learning_rate: 11 } }, 'optimizer.learning_rate'],
    ['learning rate 0', { optimizer: { learning_rate: 0 } }, 'optimizer.learning_rate'],
    ['learning rate 1e400', '{"optimizer": {"learning_rate": 1e400}}', 'optimizer.learning_rate'],
    ['learning rate string', { optimizer: { learning_rate: 'fast' } }, 'optimizer.learning_rate'],
    ['noise -1', { data: { noise: -1 } }, 'data.noise'],
    ['unknown dataset', { data: { dataset: 'mnist' } }, 'data.dataset'],
    ['unknown optimizer', { optimizer: { kind: 'lbfgs' } }, 'optimizer.kind'],
    ['unknown key', { optimiser: {} }, 'optimiser'],
    ['unknown feature', { features: ['x3'] }, 'features'],
    ['dropout 0', { dropout_keep: 0 }, 'dropout_keep'],
    ['duplicate key', '{"seed": 1, "seed": 2}', 'seed'],
    ['malformed JSON', '{"seed": ', 'json'],
    ['not an object', '[1, 2]', 'json'],
    ['seed beyond 2^53', '{"seed": 18014398509481984}', 'seed'],
  ];

  it('the JS API refuses values past the limits and malformed configs, naming the field', async () => {
    const before_cfg = (await state()).config;
    for (const [label, cfg, field] of BAD_CONFIGS) {
      const err = await page.evaluate((c) => {
        try { window.nnplay.setConfig(c); return null; } catch (e) { return { message: e.message, field: e.field }; }
      }, cfg);
      assert.ok(err, `${label}: accepted`);
      assert.ok(err.field === field || err.message.includes(field),
        `${label}: field ${err.field}, message ${err.message}`);
      assert.ok(err.message.length > 10 && err.message.length < 400, `${label}: ${err.message}`);
    }
    assert.deepEqual((await state()).config, before_cfg);
  });

  it('postMessage: the same refusals as replies, malformed messages warned about by name', async () => {
    const replies = await page.evaluate((bad) => new Promise((resolve) => {
      const got = new Map();
      window.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'nnplay' && 'ok' in e.data) {
          got.set(e.data.id, e.data);
          if (got.size === bad.length) resolve(bad.map((_, i) => got.get(1000 + i)));
        }
      });
      bad.forEach(([, cfg], i) => window.postMessage({ type: 'nnplay', id: 1000 + i, method: 'setConfig', args: [cfg] }, '*'));
    }), BAD_CONFIGS.slice(0, 6));
    BAD_CONFIGS.slice(0, 6).forEach(([label, , field], i) => {
      assert.equal(replies[i].ok, false, label);
      assert.equal(replies[i].field, field, `${label}: ${JSON.stringify(replies[i])}`);
    });
    // Malformed messages: no reply, a console warning that says what a message must look like.
    const n = warnings.length;
    await page.evaluate(() => {
      window.postMessage({ type: 'nnplay', id: 1, method: 'deleteEverything' }, '*');
      window.postMessage({ type: 'nnplay', id: 2, method: 'step', args: 5 }, '*');
      window.postMessage({ type: 'nnplay', id: 3 }, '*');
    });
    await page.waitForTimeout(300);
    const fresh = warnings.slice(n).filter((w) => w.includes('malformed message'));
    assert.equal(fresh.length, 3, warnings.slice(n).join('\n'));
    for (const w of fresh) assert.match(w, /method: one of state, setConfig/);
  });

  it('the URL hash refuses values past the limits, naming the field', async () => {
    const cases = [['h=65', 'network.hidden'], ['h=4,4,4,4,4,4,4,4,4', 'network.hidden'],
      ['n=5001', 'data.points'], ['lr=abc', 'optimizer.learning_rate'], ['ds=mnist', 'data.dataset'],
      ['bs=0', 'batch_size'], ['lr=nan', 'optimizer.learning_rate']];
    for (const [hash, field] of cases) {
      const r = await page.evaluate((h) => window.nnplay.applyHash('v=1&' + h), hash);
      assert.ok(r.warnings.some((w) => w.includes(field)), `${hash}: ${JSON.stringify(r)}`);
      const s = await state();
      assert.ok(s.config.network.hidden.length <= 8 && s.config.data.points <= 5000, hash);
    }
  });

  it('the largest network and dataset stay interactive (frame times reported)', async () => {
    const r = await page.evaluate(() => window.nnplay.setConfig({ data: { dataset: 'spiral', points: 5000 },
      network: { hidden: [64, 64, 64, 64, 64, 64, 64, 64] }, optimizer: { kind: 'adam', learning_rate: 0.003 } }));
    assert.equal(r.ok, true);
    await page.evaluate(() => window.nnplay.play());
    await page.waitForTimeout(4000);
    const s = await state();
    // A round trip of state() while it plays: the page answers.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => res())));
    const raf_ms = Date.now() - t0;
    await page.evaluate(() => window.nnplay.pause());
    console.log(`max config (8x64, 5000 points, spiral): fps ${s.fps.toFixed(1)}, steps ${s.step}, ` +
      `perf ${JSON.stringify(s.perf)}, requestAnimationFrame answered in ${raf_ms} ms`);
    // Behaviour only: it trains, draws frames and answers. The per-frame times (perf) are reported
    // above and by scripts/bench, not asserted: wall-clock gates fail by machine load.
    assert.ok(s.step > 0 && s.fps > 0, JSON.stringify(s));
    assert.equal(s.diverged, false);
    assertDrawn(await canvasStats('max-config.png'), 'max config');
  });

  it('a million training steps: the wasm heap stays flat, the page answers between chunks', async () => {
    await page.evaluate(() => {
      window.nnplay.setConfig({ data: { dataset: 'circle', points: 500 }, network: { hidden: [4, 2] },
        optimizer: { kind: 'sgd', learning_rate: 0.03 } }, {});
      window.nnplay.reset();
    });
    const t0 = Date.now();
    const r = await page.evaluate(async () => {
      const heap = () => window.Module.HEAPU8.length;
      const chunk = 50000;
      let done = 0, warm = 0, max_raf = 0;
      const raf = () => new Promise((res) => { const t = performance.now(); requestAnimationFrame(() => res(performance.now() - t)); });
      while (done < 1000000) {
        done += window.nnplay.step(chunk);
        if (done === 100000) warm = heap();  // after warm-up: history and caches in place
        max_raf = Math.max(max_raf, await raf());  // the page draws between chunks (time reported)
        if (window.nnplay.state().step !== done) break;
      }
      const s = window.nnplay.state();
      return { done, warm, end: heap(), max_raf, step: s.step, history: s.history_length,
        loss: s.train_loss, diverged: s.diverged };
    });
    const seconds = (Date.now() - t0) / 1000;
    console.log(`1M steps: ${seconds.toFixed(1)} s, heap ${r.warm} -> ${r.end} bytes, ` +
      `history ${r.history} points, slowest frame between chunks ${r.max_raf.toFixed(0)} ms`);
    assert.equal(r.done, 1000000);
    assert.equal(r.step, 1000000);
    assert.equal(r.diverged, false);
    assert.ok(Number.isFinite(r.loss));
    assert.equal(r.end, r.warm, `heap grew ${r.warm} -> ${r.end}`);
    assert.ok(r.history < 100000, `history ${r.history} points`);
  });

  it('WebGL context loss and restore: training goes on, the boundary comes back', async () => {
    await page.evaluate(() => {
      window.nnplay.setConfig({ data: { dataset: 'xor' } });
      window.nnplay.reset();
      window.nnplay.step(200);
      window.nnplay.play();
    });
    await page.waitForTimeout(500);
    assertDrawn(await canvasStats('context-before.png'), 'before the loss');
    const s0 = await state();
    await page.evaluate(() => new Promise((resolve) => {
      const canvas = document.getElementById('canvas');
      const gl = canvas.getContext('webgl2');
      window.__lose = gl.getExtension('WEBGL_lose_context');
      canvas.addEventListener('webglcontextlost', () => resolve(), { once: true });
      window.__lose.loseContext();
    }));
    await page.waitForTimeout(800);
    const lost = await state();
    const lost_stats = await canvasStats('context-lost.png');
    assert.ok(lost.step > s0.step, `training stopped while lost: ${s0.step} -> ${lost.step}`);
    assert.equal(await page.isVisible('#error'), false, 'an error card while lost');
    await page.evaluate(() => new Promise((resolve) => {
      const canvas = document.getElementById('canvas');
      canvas.addEventListener('webglcontextrestored', () => resolve(), { once: true });
      window.__lose.restoreContext();
    }));
    await page.waitForTimeout(1500);
    await page.evaluate(() => window.nnplay.pause());
    const s1 = await state();
    const restored = await canvasStats('context-restored.png');
    assertDrawn(restored, 'after the restore');
    assert.ok(restored.colours > lost_stats.colours, `lost ${lost_stats.colours} colours, restored ${restored.colours}`);
    assert.ok(s1.step >= lost.step, `step ${lost.step} -> ${s1.step}`);
    assert.deepEqual(s1.config, s0.config);
    assert.equal(s1.diverged, false);
    assert.equal(await page.isVisible('#error'), false);
  });

  it('no page errors', () => {
    assert.deepEqual(errors, []);
  });
});
