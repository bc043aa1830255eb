// In-app performance figures (docs/performance.md), measured in headless Chromium (SwiftShader WebGL2) on localhost:
// time from navigation to the app's first drawn frame (state().first_frame_ms, cold cache, median
// of --loads runs), and training throughput while playing at default settings (samples/s and
// frames/s from the app's own counters in window.nnplay.state()). Prints one JSON object.
//   node bench/browser.mjs [--dist build/web/dist] [--loads 5] [--seconds 6]
// scripts/bench --browser runs it and merges the result into build/bench/bench.json ("browser").
import fs from 'node:fs';
import path from 'node:path';

// The browser tests' helpers: the same server, Chromium binary and flags.
import { ROOT, arg, launchBrowser, startServer } from '../tests/browser/lib.mjs';

const DIST = path.resolve(arg('--dist', path.join(ROOT, 'build/web/dist')));
const LOADS = Number(arg('--loads', '5'));
const SECONDS = Number(arg('--seconds', '6'));
if (!fs.existsSync(path.join(DIST, 'nnplay.wasm'))) {
  console.error(`bench/browser.mjs: no web build in ${DIST} (nnplay.wasm missing)`);
  process.exit(2);
}
const VIEWPORT = { width: 1280, height: 720 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const { server, url } = await startServer({ root: DIST, port: 0 });
const browser = await launchBrowser();
const errors = [];
const watch = (page) => {
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
};

try {
  // First frame: a fresh context per load (empty HTTP cache, nothing compiled yet).
  const loads = [];
  for (let i = 0; i < LOADS; ++i) {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    watch(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.nnplay && window.nnplay.ready, null, { timeout: 30000 });
    await page.evaluate(() => window.nnplay.ready);
    await page.waitForFunction(() => window.nnplay.state().first_frame_ms !== undefined, null,
      { timeout: 30000 });
    loads.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('nnplay.wasm'));
      return {
        first_frame_ms: window.nnplay.state().first_frame_ms,
        dom_content_loaded_ms: nav ? nav.domContentLoadedEventEnd : null,
        wasm_fetched_ms: wasm ? wasm.responseEnd : null,
      };
    }));
    await context.close();
  }

  // Training at default settings: play, let the counters settle (their window is 0.5 s, the
  // frame-rate average ~10 frames), then read state() every 0.5 s.
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  watch(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.nnplay && window.nnplay.ready, null, { timeout: 30000 });
  await page.evaluate(() => window.nnplay.ready);
  await page.evaluate(() => window.nnplay.play());
  await page.waitForTimeout(1500);
  const samples = await page.evaluate(async (seconds) => {
    const out = [];
    const t_end = performance.now() + seconds * 1000;
    const s0 = window.nnplay.state();
    const t0 = performance.now();
    while (performance.now() < t_end) {
      await new Promise((r) => setTimeout(r, 500));
      const s = window.nnplay.state();
      out.push({ samples_per_second: s.samples_per_second, fps: s.fps, perf: s.perf, step: s.step });
    }
    const s1 = window.nnplay.state();
    window.nnplay.pause();
    const dt = (performance.now() - t0) / 1000;
    const batch = s1.config.batch_size || 10;
    return { out, overall: (s1.step - s0.step) * batch / dt, diverged: s1.diverged };
  }, SECONDS);
  await context.close();

  const pick = (k) => samples.out.map((s) => s[k]);
  const perf = (k) => median(samples.out.map((s) => s.perf[k]));
  const result = {
    viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
    chromium: browser.version(),
    loads: LOADS,
    first_frame_ms: median(loads.map((l) => l.first_frame_ms)),
    first_frame_ms_all: loads.map((l) => Number(l.first_frame_ms.toFixed(1))),
    wasm_fetched_ms: median(loads.map((l) => l.wasm_fetched_ms)),
    training_seconds: SECONDS,
    samples_per_second: median(pick('samples_per_second')),
    samples_per_second_overall: samples.overall,
    fps: median(pick('fps')),
    // Training speed inside its per-frame budget (samples/s over the share of the time spent
    // training): what the frame rate would multiply on a faster renderer.
    samples_per_training_second: median(samples.out.map((s) =>
      s.perf.train_ms > 0 && s.fps > 0 ? s.samples_per_second / (s.perf.train_ms / 1000 * s.fps) : 0)),
    frame_work_ms: { frame: perf('frame_ms'), ui: perf('ui_ms'), render: perf('render_ms'),
      train: perf('train_ms'), grid: perf('grid_ms') },
    readings: samples.out.map((s) => ({ samples_per_second: Math.round(s.samples_per_second),
      fps: Number(s.fps.toFixed(1)) })),
    errors,
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
} finally {
  await browser.close();
  server.close();
}
