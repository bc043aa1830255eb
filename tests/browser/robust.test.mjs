// Browser robustness test (ctest browser-robust, docs/robustness.md): learning rate 10 with every optimizer
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

// Long strings, step counters, links with many bad fields and a trap: each entry point refuses
// input past its limit (src/io/input_limits.hpp, LIMITS in web/nnplay-api.js) with a message
// naming the limit, and the app goes on. Before, a string of ~1.3 M characters made ccall
// overflow the 5 MB wasm stack ("memory access out of bounds") and every later call trapped.
describe('long strings, counters, links and traps', () => {
  let server;
  let browser;
  let page;
  let url;
  const errors = [];

  before(async () => {
    ({ server, url } = await startServer({ root: DIST, port: 0 }));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    collectErrors(page, errors);
    await openApp(page, url);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  const state = () => page.evaluate(() => window.nnplay.state());

  it('strings of megabytes through every entry point are refused, naming the limit', async () => {
    const before_cfg = (await state()).config;
    const r = await page.evaluate(() => {
      const n = window.nnplay;
      const caught = (f) => { try { return { ok: true, value: f() }; } catch (e) { return { ok: false, message: e.message, field: e.field }; } };
      const big = 'x'.repeat(2e6);
      return {
        // 2 MB of JSON from a plain array: what a framing page can send by postMessage.
        hidden: caught(() => n.setConfig({ network: { hidden: new Array(1e6).fill(4) } })),
        text: caught(() => n.setConfig('{"seed": 1' + ' '.repeat(3e6) + '}')),
        // Below the limit, far above what the stack took: the parser answers, in one pass.
        objects: caught(() => n.setConfig({ network: { hidden: Array.from({ length: 100000 }, () => ({ a: 1 })) } })),
        hash: n.applyHash('v=1&' + big),
        lesson: caught(() => n.openLesson(big)),
        link: caught(() => n.getLink({ views: new Array(3e5).fill('loss') })),
        file: n.importText('config', '{"seed": 3' + ' '.repeat(5e6) + '}', 'big.json'),
        config_file: n.importText('config', '{"seed": 3' + ' '.repeat(2e6) + '}', 'big.json'),
        name: n.importText('config', '{"seed": 3}', 'n'.repeat(2e6)),
        kind: n.importText('pdf', '{"seed": 3}', 'a.json'),
        nul: n.importText('config', '{"seed": 5}\u0000garbage', 'nul.json'),
        // The C++ checks, without the JS ones in front (heap strings straight to the exports).
        cpp_config: JSON.parse(n._call('nnplay_set_config', 'string', ['string', 'number'], ['{"seed": 1' + ' '.repeat(2e6) + '}', 0])),
        cpp_hash: JSON.parse(n._call('nnplay_apply_hash', 'string', ['string'], ['v=1&' + big])),
        cpp_lesson: JSON.parse(n._call('nnplay_open_lesson', 'string', ['string'], [big])),
        steps: n.step(10),
      };
    });
    assert.equal(r.hidden.ok, false);
    assert.equal(r.hidden.field, 'json');
    assert.match(r.hidden.message, /the config is \d(\.\d)? MB; the limit is 1 MB/);
    assert.match(r.text.message, /the limit is 1 MB/);
    assert.equal(r.objects.ok, false);
    assert.match(r.objects.field, /^network\.hidden/);
    assert.equal(r.hash.ok, false);
    assert.match(r.hash.warnings[0], /^link: the link is 1\.9 MB; the limit is 64 KB/);
    assert.match(r.lesson.message, /^lesson: the lesson id is 1\.9 MB; the limit is 1 KB/);
    assert.equal(r.link.field, 'options');
    assert.match(r.link.message, /the limit is 64 KB/);
    assert.equal(r.file.ok, false);
    assert.equal(r.file.field, 'file');
    assert.match(r.file.error, /the limit is 4 MB/);
    assert.equal(r.config_file.ok, false);
    assert.match(r.config_file.error, /a config: the input is 1\.9 MB; the limit is 1 MB/);
    assert.equal(r.name.ok, true, r.name.message);
    assert.ok(r.name.message.length < 1200, `a ${r.name.message.length}-character message`);
    assert.equal(r.kind.ok, false);
    assert.equal(r.kind.field, 'kind');
    assert.match(r.kind.error, /unknown import kind "pdf" \(allowed: auto, csv, config, model\)/);
    assert.equal(r.nul.ok, false);
    assert.match(r.nul.error, /line 1, column 12: a NUL byte/);
    assert.equal(r.cpp_config.ok, false);
    assert.match(r.cpp_config.error, /^json: setConfig: the input is 1\.9 MB; the limit is 1 MB/);
    assert.match(r.cpp_hash.warnings[0], /^link: the input is 1\.9 MB; the limit is 64 KB/);
    assert.equal(r.cpp_lesson.ok, false);
    assert.match(r.cpp_lesson.error, /the limit is 1 KB/);
    assert.equal(r.steps, 10);
    const after_cfg = (await state()).config;
    assert.equal(after_cfg.seed, 3);  // only the one good import applied
    assert.deepEqual({ ...after_cfg, seed: before_cfg.seed }, before_cfg);
    assert.equal(await page.isVisible('#error'), false);
  });

  it('a long string through postMessage gets a reply naming the limit', async () => {
    const reply = await page.evaluate(() => new Promise((resolve) => {
      const onMessage = (e) => {
        if (e.data && e.data.type === 'nnplay' && e.data.id === 'big' && 'ok' in e.data) {
          window.removeEventListener('message', onMessage);
          resolve(e.data);
        }
      };
      window.addEventListener('message', onMessage);
      window.postMessage({ type: 'nnplay', id: 'big', method: 'setConfig',
        args: [{ network: { hidden: new Array(1e6).fill(4) } }] }, '*');
    }));
    assert.equal(reply.ok, false);
    assert.equal(reply.field, 'json');
    assert.match(reply.error, /the limit is 1 MB/);
  });

  it('setConfig refuses NaN and Infinity instead of resetting the field', async () => {
    const r = await page.evaluate(() => {
      const before = window.nnplay.state().config.optimizer.learning_rate;
      window.nnplay.setConfig({ optimizer: { learning_rate: 0.1 } });
      const out = [];
      for (const v of [NaN, Infinity]) {
        try { window.nnplay.setConfig({ optimizer: { learning_rate: v } }); out.push(null); } catch (e) { out.push({ message: e.message, field: e.field }); }
      }
      const lr = window.nnplay.state().config.optimizer.learning_rate;
      window.nnplay.setConfig({ optimizer: { learning_rate: before } });
      return { out, lr };
    });
    for (const e of r.out) {
      assert.equal(e.field, 'optimizer.learning_rate');
      assert.match(e.message, /expected a finite number/);
    }
    assert.equal(r.lr, 0.1);
  });

  it('step counts: step(2**31) and step(1e12) train the documented maximum, a model at 2^53 - 1 stops there', async () => {
    const r = await page.evaluate(() => {
      const n = window.nnplay;
      n.pause();
      // A tiny network and batch, so a million steps are quick.
      n.setConfig({ data: { dataset: 'xor', points: 10 }, network: { hidden: [] }, batch_size: 1 });
      n.reset();
      const out = { max: n.MAX_STEPS_PER_CALL };
      out.big = n.step(2 ** 31);
      out.huge = n.step(1e12);
      out.odd = [n.step(NaN), n.step(-5), n.step('3')];
      out.after = n.state().step;
      const model = JSON.parse(n.exportModel());
      model.steps = 9007199254740991;
      out.at_limit = n.importText('model', JSON.stringify(model), 'limit.json');
      out.more = n.step(5);
      out.exported = JSON.parse(n.exportModel()).steps;
      out.again = n.importText('model', n.exportModel(), 'again.json');
      model.steps = 9223372036854775807;  // a JS number: 2^63, written as 9223372036854775808
      out.past = n.importText('model', JSON.stringify(model), 'past.json');
      n.reset();
      return out;
    });
    assert.equal(r.max, 1000000);
    assert.equal(r.big, 1000000);
    assert.equal(r.huge, 1000000);
    assert.deepEqual(r.odd, [0, 0, 3]);
    assert.equal(r.after, 2000003);
    assert.equal(r.at_limit.ok, true, r.at_limit.message);
    assert.equal(r.more, 0);
    assert.equal(r.exported, 9007199254740991);
    assert.equal(r.again.ok, true, r.again.message);
    assert.equal(r.past.ok, false);
    assert.equal(r.past.field, 'steps');
    assert.match(r.past.error, /2\^53 - 1/);
  });

  it('a link with thousands of bad fields: warnings capped, a short notice, a bounded heap', async () => {
    const r = await page.evaluate(() => {
      const n = window.nnplay;
      const heap0 = window.Module.HEAPU8.length;
      const fields = Array.from({ length: 5000 }, (_, i) => `zz${i}=1`).join('&');
      const reply = n.applyHash('v=1&' + fields);
      // All 35 fields of a link (src/io/url_codec.cpp) with a value none accepts.
      const keys = ['seed', 'ds', 'cls', 'n', 'noise', 'tf', 'f', 'pp', 'h', 'act', 'oact', 'init',
        'isig', 'leak', 'loss', 'margin', 'reg', 'rr', 'keep', 'opt', 'lr', 'mom', 'b1', 'b2',
        'decay', 'eps', 'bc', 'pls', 'sch', 'every', 'factor', 'sk', 'tau', 'bs'];
      const all = n.applyHash('v=1&' + keys.map((k) => k + '=-1e999').join('&'));
      return { count: reply.warnings.length, last: reply.warnings[reply.warnings.length - 1],
        keys: keys.length, all: all.warnings.length, notice: n.state().share.notice,
        heap: window.Module.HEAPU8.length - heap0 };
    });
    assert.equal(r.count, 20);
    assert.equal(r.last, 'and 4981 more problems');
    assert.equal(r.keys, 34);
    assert.ok(r.all <= 20);
    assert.match(r.notice, /^This link has problems \(the other settings were applied\): .*; also .* and \d+ more \(all in/);
    assert.ok(r.notice.length <= 260, `a ${r.notice.length}-character notice`);
    assert.ok(r.heap <= 16 << 20, `the heap grew by ${r.heap} bytes`);
    await page.waitForTimeout(300);
    fs.writeFileSync(path.join(OUT, 'many-bad-fields.png'), await page.screenshot());
    await page.evaluate(() => window.nnplay.applyHash('v=1'));
  });

  it('the server answers a query as long as the app accepts', async () => {
    const status = await page.evaluate(async () =>
      (await fetch('index.html?embed=1&views=' + 'loss,'.repeat(12000) + 'loss')).status);
    assert.equal(status, 200);
  });

  it('no page errors so far', () => {
    assert.deepEqual(errors, []);
  });

  it('a trap shows the error card with a reload that keeps the link; later calls say so', async () => {
    await page.evaluate(() => window.nnplay.setConfig({ seed: 77 }));
    await page.waitForFunction(() => location.hash.includes('seed=77') || location.hash.includes('s=77'), null, { timeout: 5000 });
    const hash = await page.evaluate(() => location.hash);
    // A pointer past the end of wasm memory: the trap a bug would cause.
    const r = await page.evaluate(() => {
      try { window.nnplay._call('nnplay_set_config', 'string', ['number', 'number'], [2 ** 31 + 16, 0]); } catch (e) { return String(e); }
      return 'no trap';
    });
    assert.match(r, /RuntimeError/);
    assert.equal(await page.isVisible('#error'), true);
    assert.match(await page.textContent('#error-title'), /The playground stopped/);
    assert.match(await page.textContent('#error-text'), /Reloading starts it again with the same link/);
    const later = await page.evaluate(() => { try { window.nnplay.state(); return 'answered'; } catch (e) { return e.message; } });
    assert.match(later, /stopped after an internal error.*reload the page/);
    errors.length = 0;  // the trap's own console error
    await Promise.all([page.waitForNavigation(), page.click('#error-reload')]);
    await page.evaluate(() => window.nnplay.ready);
    assert.equal(await page.evaluate(() => location.hash), hash);
    assert.equal((await state()).config.seed, 77);
    assert.equal(await page.isVisible('#error'), false);
  });

  it('a trap outside any call (the main loop) shows the card too', async () => {
    await page.evaluate(() => setTimeout(() => window.Module._nnplay_set_config(2 ** 31 + 16, 0), 0));
    await page.waitForSelector('#error', { state: 'visible', timeout: 5000 });
    assert.equal(await page.isVisible('#error-reload'), true);
  });
});
