// Browser test of embeds in a course page (ctest browser-embed, docs/embedding.md): course.html's
// six embeds take no focus on load and Tab leaves an embed for the page (page.mouse /
// page.keyboard); a parent page on another origin (a second server: another port) gets the
// 'ready', 'step', 'paused', 'diverged', 'lesson' events and lti.frameResize, through raw
// postMessage and through web/nnplay-embed.js; every call with an id gets a reply (ok: false
// naming the problem for an unknown method, args that are not an array, bad JSON, a refused
// origin); the helper's call() rejects on ok: false; the URL hash follows a change and keeps a
// hash typed while a write was waiting.
// Usage: node tests/browser/embed.test.mjs [--dist build/web/dist] [--out build/screenshots/embed]
// Exits 77 (ctest: skipped) when the dist folder has not been built.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ROOT, arg, collectErrors, colourStats, distOrSkip, launchBrowser, openApp, startServer } from
  './lib.mjs';

const DIST = distOrSkip('browser-embed');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'build/screenshots/embed')));

// The parent page on the second origin: one embed it may drive (autoheight), one that allows
// only another origin; every message it receives is kept with its sender and origin.
function parentPage(app) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>parent on another origin</title></head>
<body>
<h1>A course page on another origin</h1>
<iframe id="a" src="${app}index.html?embed=1&amp;views=boundary,loss&amp;controls=minimal&amp;autoheight=1"
  width="480" height="300" style="border:0" title="driven embed"></iframe>
<iframe id="b" src="${app}index.html?embed=1&amp;views=boundary&amp;controls=minimal&amp;origins=https://a.example"
  width="320" height="240" style="border:0" title="embed that allows another origin"></iframe>
<script src="${app}nnplay-embed.js"></script>
<script src="parent.js"></script>
</body></html>
`;
}
// Nine embeds, one under the other with room between: only the first is on screen at first.
function manyPage(app) {
  let frames = '';
  for (let i = 1; i <= 9; ++i) {
    frames += `<div style="height: 900px"><iframe id="e${i}" src="${app}index.html?embed=1&amp;views=boundary` +
      `&amp;controls=none#v=1&amp;ds=xor" width="320" height="240" style="border:0" title="embed ${i}"></iframe></div>\n`;
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>nine embeds</title></head>
<body style="margin: 0">
${frames}</body></html>
`;
}
const PARENT_JS = `
window.__msgs = [];
const frames = { a: document.getElementById('a'), b: document.getElementById('b') };
window.addEventListener('message', (e) => {
  const frame = e.source === frames.a.contentWindow ? 'a' : e.source === frames.b.contentWindow ? 'b' : '?';
  // lti.frameResize comes as JSON text (what LMS pages parse): kept parsed, marked as text.
  let data = e.data;
  if (typeof data === 'string') data = Object.assign(JSON.parse(data), { as_text: true });
  window.__msgs.push({ frame: frame, origin: e.origin, data: data });
});
window.raw = (frame, data) => frames[frame].contentWindow.postMessage(data, '*');
window.p = NNPlay.connect(frames.a, { timeout: 5000, autoHeight: true });
window.events = { ready: [], playing: [], paused: [], step: [], diverged: [], lesson: [], resize: [] };
for (const name of Object.keys(window.events)) {
  window.p.on(name, (e) => window.events[name].push(Object.assign({ at: performance.now() }, e)));
}
`;

describe('embeds in a course page', () => {
  let app;     // the playground's origin
  let parent;  // the course page's origin (another port)
  let browser;
  let context;
  const errors = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-embed-'));

  before(async () => {
    app = await startServer({ root: DIST, port: 0 });
    fs.writeFileSync(path.join(tmp, 'index.html'), parentPage(app.url));
    fs.writeFileSync(path.join(tmp, 'parent.js'), PARENT_JS);
    fs.writeFileSync(path.join(tmp, 'many.html'), manyPage(app.url));
    parent = await startServer({ root: tmp, port: 0 });
    assert.notEqual(new URL(app.url).origin, new URL(parent.url).origin);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1 });
    fs.mkdirSync(OUT, { recursive: true });
  });
  after(async () => {
    if (browser) await browser.close();
    if (app) app.server.close();
    if (parent) parent.server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('course.html: six embeds, none takes the focus on load; Tab leaves an embed for the page',
    async () => {
      const page = await context.newPage();
      collectErrors(page, errors);
      await page.goto(app.url + 'course.html');
      assert.equal(await page.locator('iframe').count(), 6);
      await page.evaluate(() => window.nnplayCourse.demo.ready);
      await page.waitForFunction(() => {
        const w = document.getElementById('xor-frame').contentWindow;
        return w.nnplay && w.Module && w.Module._nnplay_frame && w.nnplay.state().frame > 0;
      });
      // The self-sizing embed took the height it asked for.
      await page.waitForFunction(() => /\d+ px/.test(document.getElementById('auto-height').textContent));
      const auto = await page.evaluate(() => ({ text: document.getElementById('auto-height').textContent,
        style: document.getElementById('auto').style.height }));
      const asked = Number(/(\d+) px/.exec(auto.text)[1]);
      assert.equal(auto.style, asked + 'px');
      console.log(`course.html: the autoheight embed (640 wide, network, boundary, loss) asked for ${asked} px`);
      await page.waitForTimeout(1000);  // time for any late focus() of an embed
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY',
        'an embed took the focus on load');
      await page.screenshot({ path: path.join(OUT, 'course-1280x900.png') });

      // A click into the first embed's loss plot gives its canvas the focus ...
      const box = await page.locator('#demo').boundingBox();
      await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.6);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'demo');
      const demo = page.frame({ url: /lesson=s1_1_single_neuron/ });
      assert.equal(await demo.evaluate(() => document.activeElement.id), 'canvas');
      // ... and Tab walks its controls, then leaves it for the page's own buttons.
      let tabs = 0;
      let where = 'IFRAME';
      while (where === 'IFRAME' && tabs < 80) {
        await page.keyboard.press('Tab');
        ++tabs;
        where = await page.evaluate(() => document.activeElement.tagName);
      }
      assert.equal(where, 'BUTTON', `focus still in the embed after ${tabs} Tabs`);
      assert.equal(await page.evaluate(() => document.activeElement.dataset.call), 'play');
      console.log(`Tab left the first embed after ${tabs} presses`);

      // 'goal' when state().exercise.passed turns true. Exercises are not part of this page's
      // lessons, so the embed's state() is wrapped to report one (the field as the app defines
      // it: {id, passed}); the event must come once, with the exercise.
      await page.evaluate(() => {
        window.__goals = [];
        window.nnplayCourse.demo.on('goal', (e) => window.__goals.push(e));
        const api = document.getElementById('demo').contentWindow.nnplay;
        const state = api.state.bind(api);
        api.state = () => Object.assign(state(), { exercise: { id: 'ex1', passed: window.__passed === true } });
      });
      await page.evaluate(() => window.nnplayCourse.call('step', [1]));
      await page.waitForTimeout(1100);  // the goal is looked at once a second
      await page.evaluate(() => { window.__passed = true; });
      await page.evaluate(() => window.nnplayCourse.call('step', [1]));
      await page.waitForFunction(() => window.__goals.length > 0, null, { timeout: 10000 });
      await page.waitForTimeout(1100);
      await page.evaluate(() => window.nnplayCourse.call('step', [1]));
      const goals = await page.evaluate(() => window.__goals);
      assert.equal(goals.length, 1, JSON.stringify(goals));
      assert.deepEqual(goals[0].exercise, { id: 'ex1', passed: true });
      await page.close();
    });

  it('a parent on another origin: events, lti.frameResize, a reply to every call with an id',
    async () => {
      const page = await context.newPage();
      collectErrors(page, errors);
      await page.goto(parent.url);
      const appOrigin = new URL(app.url).origin;
      const ready = await page.evaluate(() => window.p.ready);
      assert.equal(ready.event, 'ready');
      assert.equal(ready.step, 0);
      const msgs = () => page.evaluate(() => window.__msgs);
      // The raw messages: 'ready' and lti.frameResize from the embed, from its origin.
      await page.waitForFunction(() => window.__msgs.some((m) => m.frame === 'a' && m.data && m.data.subject === 'lti.frameResize'));
      const first = (await msgs()).filter((m) => m.frame === 'a');
      assert.ok(first.some((m) => m.data.type === 'nnplay' && m.data.event === 'ready'), 'no ready event');
      for (const m of first) assert.equal(m.origin, appOrigin);
      const resize = first.filter((m) => m.data.subject === 'lti.frameResize').pop().data;
      assert.ok(Number.isInteger(resize.height) && resize.height >= 240, JSON.stringify(resize));
      assert.equal(resize.as_text, true, 'lti.frameResize not sent as JSON text');
      // The helper applied it to the iframe.
      await page.waitForFunction((h) => document.getElementById('a').style.height === h + 'px', resize.height);

      // Malformed calls get ok: false naming the problem; a message without an id gets none.
      await page.evaluate(() => {
        window.raw('a', { type: 'nnplay', id: 'u1', method: 'eval', args: ['1'] });
        window.raw('a', { type: 'nnplay', id: 'u2', method: 'step', args: 5 });
        window.raw('a', '{"type": "nnplay", "id": "u3", "method": "step", "args": [');
        window.raw('a', { type: 'nnplay', method: 'step', args: [1000] });
        window.raw('a', { type: 'nnplay', id: 'u4', method: 'state' });
      });
      await page.waitForFunction(() => window.__msgs.some((m) => m.data && m.data.id === 'u4'));
      const replies = Object.fromEntries((await msgs()).filter((m) => m.data && 'ok' in m.data)
        .map((m) => [m.data.id, m.data]));
      assert.equal(replies.u1.ok, false);
      assert.equal(replies.u1.field, 'method');
      assert.match(replies.u1.error, /unknown method "eval"/);
      assert.equal(replies.u2.ok, false);
      assert.equal(replies.u2.field, 'args');
      assert.match(replies.u2.error, /expected an array/);
      assert.equal(replies.u3.ok, false);
      assert.equal(replies.u3.field, 'json');
      assert.equal(replies.u4.ok, true);
      assert.equal(replies.u4.result.step, 0, 'the call without an id ran');

      // An origin that is not allowed: ok: false saying so, no data, and no events.
      await page.evaluate(() => window.raw('b', { type: 'nnplay', id: 'o1', method: 'state' }));
      await page.waitForFunction(() => window.__msgs.some((m) => m.frame === 'b' && m.data && m.data.id === 'o1'));
      const refused = (await msgs()).find((m) => m.frame === 'b' && m.data.id === 'o1').data;
      assert.equal(refused.ok, false);
      assert.match(refused.error, /is not allowed/);
      assert.equal('result' in refused, false);
      assert.deepEqual((await msgs()).filter((m) => m.frame === 'b' && m.data && (m.data.event || m.data.subject)), []);

      // The helper: call() resolves to the result, rejects with an Error (.field) on ok: false.
      assert.equal(await page.evaluate(() => window.p.call('step', 10)), 10);
      const bad = await page.evaluate(() => window.p.call('nope').then(() => null,
        (e) => ({ message: e.message, field: e.field, error: e instanceof Error })));
      assert.deepEqual([bad.error, bad.field], [true, 'method']);
      assert.match(bad.message, /unknown method "nope"/);
      const badRate = await page.evaluate(() => window.p.call('setConfig', { optimizer: { learning_rate: -1 } })
        .then(() => null, (e) => ({ message: e.message, field: e.field })));
      assert.ok(badRate && /learning_rate/.test(badRate.field), JSON.stringify(badRate));

      // Events while training: 'playing', 'step' (rate-limited), 'paused' with a last 'step'.
      const t0 = await page.evaluate(() => { window.p.call('play'); return performance.now(); });
      await page.waitForFunction(() => window.events.step.length >= 8, null, { timeout: 20000 });
      const t1 = await page.evaluate(() => window.p.call('pause').then(() => performance.now()));
      await page.waitForFunction(() => window.events.paused.length >= 1);
      const ev = await page.evaluate(() => window.events);
      const st = await page.evaluate(() => window.p.call('state'));
      assert.equal(ev.playing.length, 1);
      const steps = ev.step.map((e) => e.step);
      for (let i = 1; i < steps.length; ++i) assert.ok(steps[i] > steps[i - 1], steps.join(' '));
      assert.equal(steps[steps.length - 1], st.step, 'the last step event is not the paused step');
      assert.equal(ev.paused[0].step, st.step);
      assert.ok(Number.isFinite(ev.step[0].train_loss) && 'test_accuracy' in ev.step[0]);
      const raw = (await msgs()).filter((m) => m.frame === 'a' && m.data.event === 'step').length;
      assert.equal(raw, ev.step.length, 'NNPlay.on saw other step events than the page');
      // Reported, not asserted (the embed spaces them; their arrival here jitters).
      const gaps = ev.step.slice(1, -1).map((e, i) => e.at - ev.step[i].at);
      console.log(`step events while playing: ${ev.step.length} in ${((t1 - t0) / 1000).toFixed(2)} s ` +
        `(the first at once, the last on pause); gaps between them as received ${gaps.map(Math.round).join(', ')} ms`);

      // A divergence: the event carries the reason.
      await page.evaluate(async () => {
        await window.p.call('setConfig', { data: { dataset: 'plane' }, optimizer: { kind: 'sgd', learning_rate: 10 } });
        await window.p.call('reset');
        await window.p.call('play');
      });
      await page.waitForFunction(() => window.events.diverged.length >= 1, null, { timeout: 20000 });
      const div = await page.evaluate(() => window.events.diverged[0]);
      assert.equal(div.diverged, true);
      assert.ok(div.reason.length > 0, JSON.stringify(div));

      // A lesson opened by a call.
      await page.evaluate(() => window.p.call('openLesson', 's2_3_dropout'));
      await page.waitForFunction(() => window.events.lesson.some((e) => e.lesson === 's2_3_dropout'));

      // Auto-height follows the width: a wider frame asks for another height, which the helper applies.
      const before = await page.evaluate(() => document.getElementById('a').getBoundingClientRect().height);
      await page.evaluate(async () => {
        await window.p.call('setConfig', { data: { dataset: 'circle' }, optimizer: { learning_rate: 0.03 } });
        window.__msgs.length = 0;
        document.getElementById('a').style.width = '800px';
      });
      await page.waitForFunction(() => window.__msgs.some((m) => m.frame === 'a' && m.data.subject === 'lti.frameResize'));
      const wide = (await msgs()).filter((m) => m.frame === 'a' && m.data.subject === 'lti.frameResize').pop().data;
      await page.waitForFunction((h) => document.getElementById('a').getBoundingClientRect().height === h, wide.height);
      // (Taller or shorter: the square map grows with the width while the lesson's text wraps into
      // fewer lines; app-share checks the growth for the views alone.)
      assert.notEqual(wide.height, before, `800 px wide: ${wide.height} px, 480 px wide: ${before} px`);
      console.log(`autoheight, frame a (boundary, loss, then the dropout lesson's view beside): ` +
        `${before} px at 480 wide, ${wide.height} px at 800 wide`);
      await page.screenshot({ path: path.join(OUT, 'parent-other-origin.png') });
      await page.close();
    });

  it('the hash follows a change, and a hash typed while a write waits is applied and kept',
    async () => {
      const page = await context.newPage();
      collectErrors(page, errors);
      // Every hash the page writes, in order.
      await page.addInitScript(() => {
        window.__written = [];
        const replace = history.replaceState.bind(history);
        history.replaceState = (state, title, url) => {
          window.__written.push(String(url));
          replace(state, title, url);
        };
      });
      await openApp(page, app.url);
      await page.evaluate(() => window.nnplay.setConfig({ optimizer: { learning_rate: 0.3 } }));
      await page.waitForFunction(() => /(^|&)lr=0\.3(&|$)/.test(location.hash.slice(1)));
      // A change, then the user types another hash while the change's write waits, and the page
      // is busy (a long task) right after the edit, so the write's timer and the hashchange event
      // wait side by side. Rounds at several delays after the change.
      const rounds = [[100, 'xor', 0.1, 0.003], [250, 'moons', 0.3, 0.01], [400, 'gauss', 1, 3]];
      for (const [delay, dataset, lr, before] of rounds) {
        await page.evaluate((rate) => window.nnplay.setConfig({ optimizer: { learning_rate: rate } }), before);
        await page.waitForTimeout(delay);
        const typed = `#v=1&ds=${dataset}&lr=${lr}`;
        const typedAt = await page.evaluate((h) => {
          location.hash = h;
          const t = performance.now();
          while (performance.now() - t < 600) { /* busy: the write comes due */ }
          return window.__written.length;
        }, typed);
        await page.waitForTimeout(1200);  // every write the poller had in mind has happened
        const s = await page.evaluate(() => window.nnplay.state());
        assert.equal(s.config.data.dataset, dataset, `the typed ${typed} was lost`);
        assert.equal(s.config.optimizer.learning_rate, lr);
        const hash = await page.evaluate(() => location.hash);
        assert.ok(hash.includes(`ds=${dataset}`) && new RegExp(`lr=${lr}(&|$)`).test(hash), hash);
        // Nothing written after the edit showed the config from before it, even for a moment.
        const later = (await page.evaluate(() => window.__written)).slice(typedAt);
        for (const url of later) assert.ok(url.includes(`ds=${dataset}`), `wrote ${url} over ${typed}`);
      }
      await page.close();
    });

  it('nine embeds: one off screen releases its WebGL context and draws again when back',
    async () => {
      const page = await context.newPage();
      collectErrors(page, errors);
      await page.goto(parent.url + 'many.html');
      const embeds = [];
      for (let i = 1; i <= 9; ++i) {
        const handle = await page.$(`#e${i}`);
        embeds.push(await handle.contentFrame());
      }
      for (const f of embeds) {
        // (Polled by a timer: an off-screen frame gets no animation frames to poll on.)
        await f.waitForFunction(() => window.nnplay && window.Module && window.Module._nnplay_frame,
          null, { timeout: 60000, polling: 200 });
        await f.evaluate(() => window.nnplay.ready);
      }
      const lost = (f) => f.evaluate(() => document.getElementById('canvas').getContext('webgl2').isContextLost());
      const last = embeds[8];
      await last.waitForFunction(() => window.nnplayPage.embedsInPage() === 9, null, { timeout: 60000, polling: 200 });
      // The last one, far below, lets its context go; the first, on screen, keeps its own.
      await last.waitForFunction(() => document.getElementById('canvas').getContext('webgl2').isContextLost(),
        null, { timeout: 60000, polling: 200 });
      assert.equal(await lost(embeds[0]), false, 'the embed on screen lost its context');
      // Scrolled to with the wheel (over the page, beside the frames), it gets it back and draws.
      await page.mouse.move(900, 400);
      let tries = 0;
      while (tries++ < 40 && !(await page.evaluate(() => {
        const r = document.getElementById('e9').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }))) {
        await page.mouse.wheel(0, 600);
        await page.waitForTimeout(50);
      }
      await last.waitForFunction(() => !document.getElementById('canvas').getContext('webgl2').isContextLost(),
        null, { timeout: 60000, polling: 200 });
      const f0 = await last.evaluate(() => window.nnplay.state().frame);
      await last.waitForFunction((f) => window.nnplay.state().frame > f + 5, f0,
        { timeout: 60000, polling: 200 });
      const shot = await page.locator('#e9').screenshot();
      fs.writeFileSync(path.join(OUT, 'ninth-embed-back.png'), shot);
      const stats = await colourStats(browser, shot);
      assert.ok(stats.colours > 50 && stats.dominant < 0.9,
        `the ninth embed did not draw again: ${JSON.stringify(stats)}`);
      await page.close();
    });

  it('no page errors', () => {
    assert.deepEqual(errors, []);
  });
});
