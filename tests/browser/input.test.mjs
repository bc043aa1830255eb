// Browser test of real input (ctest browser-input): the mouse wheel, clicks in a scrolled list,
// touch drags and taps, the keyboard (Tab through every control and out of the canvas), the
// screen-reader mirror and its live region, reduced motion, layouts that stay still, and phone
// and tablet viewports. Controls are pressed with playwright's page.mouse / page.touchscreen /
// touch events / page.keyboard; window.nnplay only sets up a state or reads the result, and the
// app's widget list (nnplay_widgets: labels and rectangles) says where a control is drawn.
// Screenshots at 390x844, 768x1024, 800x600, 1280x800 and 1920x1080 go to --out. Usage:
//   node tests/browser/input.test.mjs [--dist build/web/dist] [--out build/screenshots/input]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ROOT, arg, collectErrors, distOrSkip, launchBrowser, startServer } from './lib.mjs';

const DIST = distOrSkip('browser-input');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'build/screenshots/input')));
fs.mkdirSync(OUT, { recursive: true });

// The drawn widgets (CSS px): [{label, x, y, w, h, visible, popup, focused}].
async function widgets(page) {
  return page.evaluate(() => JSON.parse(window.Module.ccall('nnplay_widgets', 'string', [], [])));
}
async function widget(page, label, opts = {}) {
  const all = await widgets(page);
  const hit = all.filter((w) => w.label === label && (opts.popup === undefined || w.popup === opts.popup));
  assert.ok(hit.length > 0, `no widget "${label}" among ${all.map((w) => w.label).join(' | ')}`);
  return hit[opts.index || 0];
}
const centre = (w) => ({ x: w.x + w.w / 2, y: w.y + w.h / 2 });
async function frames(page, n = 3) {
  for (let i = 0; i < n; ++i) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}
async function open(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.nnplay !== undefined);
  await page.evaluate(() => window.nnplay.ready);
  await frames(page, 4);
}
const state = (page) => page.evaluate(() => window.nnplay.state());
// The share of one core a page's tasks took over `ms` milliseconds (Chromium's TaskDuration).
async function taskShare(page, ms) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  const a = await metrics();
  await page.waitForTimeout(ms);
  const b = await metrics();
  return (b.TaskDuration - a.TaskDuration) / (b.Timestamp - a.Timestamp);
}
async function mapRect(page) {
  const w = await widget(page, '##map');
  return { x: w.x, y: w.y, w: w.w, h: w.h };
}

describe('real input', () => {
  let server;
  let url;
  let browser;
  const errors = [];

  before(async () => {
    ({ server, url } = await startServer({ root: DIST, port: 0 }));
    browser = await launchBrowser();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  it('wheel: one notch down scrolls an open list down by about 3 rows; a click picks the row drawn', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    collectErrors(page, errors);
    await open(page, url);
    const combo = await widget(page, '##lr');
    await page.mouse.click(centre(combo).x, centre(combo).y);
    await frames(page);
    const before = await widget(page, '0.03', { popup: true });
    const row = (await widget(page, '0.01', { popup: true })).y - (await widget(page, '0.003', { popup: true })).y;
    assert.ok(row > 5, `row height ${row}`);
    await page.mouse.move(centre(before).x, centre(before).y);
    await page.mouse.wheel(0, 100);  // one notch down
    await frames(page);
    const after1 = await widget(page, '0.03', { popup: true });
    const rows = (before.y - after1.y) / row;
    assert.ok(rows >= 2 && rows <= 4.5, `one notch moved the list by ${rows.toFixed(2)} rows`);
    await page.mouse.wheel(0, 100);
    await page.mouse.wheel(0, 100);
    await frames(page);
    // Click the row drawn as "1" where it is drawn now.
    const one = await widget(page, '1', { popup: true });
    assert.ok(one.visible, 'the row "1" is visible after scrolling');
    await page.mouse.click(centre(one).x, centre(one).y);
    await frames(page);
    const s = await state(page);
    assert.equal(s.config.optimizer.learning_rate, 1);
    // Wheel up over the list scrolls back (the browser's sign).
    await page.mouse.click(centre(combo).x, centre(combo).y);
    await frames(page);
    const top0 = await widget(page, '1e-05', { popup: true }).catch(() => null);
    await page.mouse.move(centre(combo).x, centre(combo).y + 60);
    await page.mouse.wheel(0, -300);
    await frames(page);
    const top1 = await widget(page, '1e-05', { popup: true }).catch(() => null);
    if (top0 && top1) assert.ok(top1.y >= top0.y, 'wheel up scrolls up');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('touch: a drag on the Noise slider changes data.noise; a tap presses Step', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: false });
    const page = await ctx.newPage();
    collectErrors(page, errors);
    await open(page, url);
    const slider = await widget(page, '##noise');
    const y = centre(slider).y;
    const cdp = await ctx.newCDPSession(page);
    const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', {
      type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
    // A finger that goes down and starts moving at once (a drag, not a long press).
    await touch('touchStart', slider.x + 4);
    await touch('touchMove', slider.x + 4 + 12);
    for (let k = 1; k <= 8; ++k) {
      await touch('touchMove', slider.x + 4 + (k * (slider.w * 0.5)) / 8);
      await frames(page, 1);
    }
    await touch('touchEnd', 0);
    await frames(page);
    const s = await state(page);
    assert.ok(s.config.data.noise > 0.1, `noise after a touch drag: ${s.config.data.noise}`);
    const step = await widget(page, 'Step');
    const before = (await state(page)).step;
    await page.touchscreen.tap(centre(step).x, centre(step).y);
    await frames(page);
    assert.equal((await state(page)).step, before + 1, 'a tap on Step trains one step');
    await ctx.close();
  });

  it('keyboard: Tab walks every control and leaves the canvas; shortcuts and help', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    collectErrors(page, errors);
    await open(page, url);
    assert.notEqual(await page.evaluate(() => document.activeElement.id), 'canvas',
      'the app does not take the focus by itself');
    await page.mouse.click(5, 795);  // the canvas's empty margin: focus, nothing pressed
    await frames(page);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
    const count = (await widgets(page)).filter((w) => !w.popup).length;
    let left = -1;
    const seen = new Set();
    for (let i = 0; i < count + 5; ++i) {
      await page.keyboard.press('Tab');
      await frames(page, 2);
      if (await page.evaluate(() => document.activeElement.id) !== 'canvas') {
        left = i;
        break;
      }
      const f = (await widgets(page)).find((w) => w.focused);
      if (f) seen.add(f.label);
    }
    assert.ok(left >= 0, `Tab never left the canvas in ${count + 5} presses`);
    assert.ok(left <= count, `left after ${left} presses for ${count} widgets`);
    assert.ok(seen.has('Step') && seen.has('##lr'), `Tab reached ${[...seen].join(', ')}`);
    // Back in with Shift+Tab (from after the canvas), then Space presses a focused button.
    await page.mouse.click(5, 795);
    await page.keyboard.press('Shift+Tab');
    await frames(page, 2);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
    // Space plays and pauses when no control is focused; '?' opens the help.
    await page.mouse.click(5, 795);
    await frames(page);
    await page.keyboard.press('Space');
    await frames(page);
    assert.equal((await state(page)).playing, true);
    await page.keyboard.press('Space');
    await frames(page);
    assert.equal((await state(page)).playing, false);
    await page.keyboard.press('Shift+Slash');
    await frames(page);
    assert.equal((await state(page)).access.help, true);
    await page.screenshot({ path: path.join(OUT, 'help-1280x800.png') });
    await page.keyboard.press('Escape');
    await frames(page);
    assert.equal((await state(page)).access.help, false);
    // Keys do not reach the app without focus: the page keeps Space.
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('Space');
    await frames(page);
    assert.equal((await state(page)).playing, false);
    await page.close();
  });

  it('screen readers: HTML controls mirror the app; the live region announces a loss after play', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    collectErrors(page, errors);
    await open(page, url);
    // Every announcement of the live region, in order.
    await page.evaluate(() => {
      window.__said = [];
      const live = document.getElementById('live');
      new MutationObserver(() => { if (live.textContent) window.__said.push(live.textContent); })
        .observe(live, { childList: true, characterData: true, subtree: true });
    });
    assert.equal(await page.getAttribute('#live', 'role'), 'status');
    await page.keyboard.press('Tab');  // the first control of the page: the mirror's Play
    assert.equal(await page.evaluate(() => document.activeElement.id), 'a11y-play');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__said.some((t) => /Training started/.test(t)), null, { timeout: 10000 });
    assert.equal((await state(page)).playing, true);
    const said = await page.evaluate(() => window.__said);
    assert.match(said.find((t) => /Training started/.test(t)), /loss \d/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__said.some((t) => /paused/i.test(t)));
    // Events only: a few announcements, not one per frame or per poll.
    const n = await page.evaluate(() => window.__said.length);
    assert.ok(n <= 12, `${n} announcements`);
    await page.selectOption('#a11y-dataset', 'xor');
    await frames(page);
    assert.equal((await state(page)).config.data.dataset, 'xor');
    await page.close();
  });

  it('reduced motion: autoplay=1 does not play, the cue stays', async () => {
    const ctx = await browser.newContext({ viewport: { width: 800, height: 600 }, reducedMotion: 'reduce' });
    const page = await ctx.newPage();
    await open(page, url + '?embed=1&autoplay=1&views=boundary,loss');
    await frames(page, 10);
    const s = await state(page);
    assert.equal(s.playing, false);
    assert.equal(s.access.reduced_motion, true);
    await ctx.close();
    const plain = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await open(plain, url + '?embed=1&autoplay=1&views=boundary,loss');
    assert.equal((await state(plain)).playing, true, 'without reduced motion autoplay plays');
    await plain.close();
  });

  it('layout: optional fields do not move the map', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await open(page, url);
    const m0 = await mapRect(page);
    await page.evaluate(() => window.nnplay.setConfig({
      optimizer: { kind: 'adam' }, regularization: { kind: 'l2', rate: 0.001 },
      network: { activation: 'leaky_relu' }, schedule: { kind: 'step' } }));
    await frames(page, 4);
    const m1 = await mapRect(page);
    assert.deepEqual(m1, m0, `the map moved: ${JSON.stringify(m0)} -> ${JSON.stringify(m1)}`);
    await page.evaluate(() => window.nnplay.setConfig({ data: { dataset: 'spiral' } }));
    await frames(page, 4);
    assert.deepEqual(await mapRect(page), m0, 'choosing Spiral moved the map');
    await page.close();
  });

  it('embeds: no focus taken, a paused app runs no frames, off screen nothing trains', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    collectErrors(page, errors);
    await page.goto(url + 'course.html');
    await page.waitForFunction(() => {
      const f = document.getElementById('demo');
      return f.contentWindow.nnplay && f.contentWindow.Module && f.contentWindow.Module._nnplay_frame;
    });
    await page.evaluate(() => document.getElementById('demo').contentWindow.nnplay.ready);
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY',
      'no embed took the focus');
    // Paused and untouched: no frame runs (the frame counter stands still).
    const frame = () => page.evaluate(() => document.getElementById('demo').contentWindow.nnplay.state().frame);
    const f0 = await frame();
    const share = await taskShare(page, 3000);
    console.log(`course page (all embeds paused or off screen, the page polling one): ${(100 * share).toFixed(2)} % of a core`);
    assert.equal(await frame(), f0, 'a paused embed ran frames');
    // One paused embed on its own: its task time is under 2 % of a core.
    const solo = await browser.newPage({ viewport: { width: 520, height: 360 } });
    await open(solo, url + '?embed=1&views=boundary,loss&controls=minimal');
    await solo.waitForTimeout(1500);
    const solo_share = await taskShare(solo, 5000);
    console.log(`one paused embed: ${(100 * solo_share).toFixed(2)} % of a core`);
    assert.ok(solo_share < 0.02, `a paused embed used ${(100 * solo_share).toFixed(2)} % of a core`);
    await solo.close();
    // Scrolled out of view, a playing embed does not train; back in view it does.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(500);
    const call = (m) => page.evaluate((name) => document.getElementById('demo').contentWindow.nnplay[name](), m);
    await call('play');
    const s0 = (await call('state')).step;
    await page.waitForTimeout(1500);
    const s1 = (await call('state')).step;
    assert.ok(s1 - s0 <= 50, `off screen it trained ${s1 - s0} steps`);
    await page.evaluate(() => document.getElementById('demo').scrollIntoView());
    await page.waitForFunction((before) => document.getElementById('demo').contentWindow.nnplay.state().step > before + 100, s1, { timeout: 20000 });
    await call('pause');
    await page.close();
  });

  for (const [w, h] of [[390, 844], [768, 1024], [800, 600], [1280, 800], [1920, 1080]]) {
    it(`screenshot at ${w}x${h}${w < 700 ? ': the trained map covers at least 300x300' : ''}`, async () => {
      const ctx = await browser.newContext({ viewport: { width: w, height: h }, hasTouch: w < 1000, isMobile: w < 700 });
      const page = await ctx.newPage();
      await open(page, url);
      await page.evaluate(() => window.nnplay.step(300));
      await frames(page, 6);
      await page.screenshot({ path: path.join(OUT, `app-${w}x${h}.png`) });
      if (w < 700) {
        const m = await mapRect(page);
        assert.ok(m.w >= 300 && m.h >= 300, `map ${m.w}x${m.h} at ${w}x${h}`);
        // A finger's targets: at least 40 CSS px high; every panel is a tab away.
        assert.equal((await state(page)).access.coarse_pointer, true);
        assert.ok((await widget(page, 'Step')).h >= 40, 'Step is at least 40 px high');
        for (const tab of ['Network', 'Data', 'Training', 'Settings']) await widget(page, tab);
        const lr = await widgets(page);
        assert.ok(!lr.some((x) => x.label === '##lr'), 'the settings wait behind their tab');
        const settings = await widget(page, 'Settings');
        await page.touchscreen.tap(centre(settings).x, centre(settings).y);
        await frames(page, 3);
        assert.ok((await widget(page, '##lr')).visible, 'the Settings tab shows the learning rate');
        await page.screenshot({ path: path.join(OUT, `app-${w}x${h}-settings.png`) });
      }
      if (w >= 700) {
        // Classes have shapes as well as colours; the map is at least readable.
        const m = await mapRect(page);
        assert.ok(m.w >= 200, `map ${m.w} at ${w}x${h}`);
      }
      await ctx.close();
    });
  }

  it('had no console errors', () => {
    assert.deepEqual(errors, []);
  });
});
