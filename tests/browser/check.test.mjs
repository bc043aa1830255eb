// Browser test of "Check your own work" and the exercises (ctest browser-check,
// docs/lessons.md): an exercise opened from the query (?exercise=ID) is not passed, becomes
// passed once the right answer goes through nnplay.checkAnswer; then the hand-checkable example
// is loaded and a value is typed into the inspector's field with the real mouse and keyboard and
// checked with the Check button: right, then a named mistake with its step; last, §1.5's
// step-through on the network diagram with the button and the N and B keys. Screenshots:
// <out>/check-right.png, <out>/check-wrong.png, <out>/exercise-card.png, <out>/walk-*.png.
// Usage: node tests/browser/check.test.mjs [--dist build/web/dist] [--out build/web/shots]
// Exits 77 (ctest: skipped) when the dist folder has not been built.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ROOT, arg, collectErrors, distOrSkip, launchBrowser, openApp, startServer } from './lib.mjs';

const DIST = distOrSkip('browser-check');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'build/web/shots')));

async function widgets(page) {
  return page.evaluate(() => JSON.parse(window.Module.ccall('nnplay_widgets', 'string', [], [])));
}
async function widget(page, label) {
  const all = await widgets(page);
  const hit = all.filter((w) => w.label === label && !w.popup);
  assert.ok(hit.length > 0, `no widget "${label}" among ${all.map((w) => w.label).join(' | ')}`);
  return hit[0];
}
const centre = (w) => ({ x: w.x + w.w / 2, y: w.y + w.h / 2 });
async function frames(page, n = 3) {
  for (let i = 0; i < n; ++i) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}
const state = (page) => page.evaluate(() => window.nnplay.state());

describe('check your own work and exercises', () => {
  let server;
  let browser;
  let page;
  let url;
  const errors = [];

  before(async () => {
    ({ server, url } = await startServer({ root: DIST, port: 0 }));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    collectErrors(page, errors);
    fs.mkdirSync(OUT, { recursive: true });
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  it('lessons() lists at least 24 exercises, one to three per lesson', async () => {
    await openApp(page, url);
    const lessons = await page.evaluate(() => window.nnplay.lessons());
    let total = 0;
    for (const l of lessons) {
      assert.ok(Array.isArray(l.exercises) && l.exercises.length >= 1 && l.exercises.length <= 3, l.id);
      for (const e of l.exercises) assert.ok(e.id && e.goal, JSON.stringify(e));
      total += l.exercises.length;
    }
    assert.ok(total >= 24, `${total} exercises`);
    assert.equal((await state(page)).exercise, null);
  });

  it('?exercise=ID opens the exercise; a right answer through checkAnswer passes it', async () => {
    await openApp(page, new URL('?exercise=s1_5_w14_by_hand', url).href);
    await frames(page, 4);
    let st = await state(page);
    assert.equal(st.lesson, 's1_5_elementwise_backprop');
    assert.deepEqual([st.exercise.id, st.exercise.passed], ['s1_5_w14_by_hand', false]);
    await page.screenshot({ path: path.join(OUT, 'exercise-card.png') });
    const q = { quantity: 'dW', layer: 1, i: 1, j: 4, sample: 0, value: 0 };
    const first = await page.evaluate((q) => window.nnplay.checkAnswer(q), q);
    assert.equal(typeof first.expected, 'number');
    // A wrong value does not pass it.
    if (Math.abs(first.expected) > first.tolerance) assert.equal(first.correct, false);
    assert.equal((await state(page)).exercise.passed, false);
    const right = await page.evaluate((q) => window.nnplay.checkAnswer(q), { ...q, value: first.expected });
    assert.equal(right.correct, true);
    st = await state(page);
    assert.equal(st.exercise.passed, true);
    // A bad question names its field.
    const field = await page.evaluate(() => {
      try { window.nnplay.checkAnswer({ quantity: 'dW', layer: 9, i: 1, j: 1, value: 0 }); } catch (e) { return e.field; }
      return null;
    });
    assert.equal(field, 'layer');
    const unknown = await page.evaluate(() => {
      try { window.nnplay.openExercise('nope'); } catch (e) { return e.message; }
      return null;
    });
    assert.match(unknown, /unknown exercise/);
  });

  it('types a value into the inspector and presses Check: right, then a named mistake', async () => {
    await page.evaluate(() => window.nnplay.loadHandExample());
    await frames(page, 4);
    // dJ/dW_12^(1) of the hand-checkable example: -0.1639575 (docs/lessons.md).
    const field = await widget(page, '##check_value');
    assert.ok(field.visible, 'the value field is on screen');
    const c = centre(field);
    await page.mouse.click(c.x, c.y);
    await frames(page, 2);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('-0.164');
    await page.keyboard.press('Enter');
    await frames(page, 2);
    const check = centre(await widget(page, 'Check'));
    await page.mouse.click(check.x, check.y);
    await frames(page, 3);
    let st = await state(page);
    assert.ok(st.check, 'a check result');
    assert.equal(st.check.value, -0.164);
    assert.equal(st.check.correct, true);
    assert.ok(Math.abs(st.check.expected + 0.1639575) < 1e-6, String(st.check.expected));
    await page.screenshot({ path: path.join(OUT, 'check-right.png') });
    // Forgot f'(z_1^(2)): -0.7166469 x 0.5 x 2 = -0.716647.
    await page.mouse.click(c.x, c.y);
    await frames(page, 2);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('-0.716647');
    await page.keyboard.press('Enter');
    await frames(page, 2);
    await page.mouse.click(check.x, check.y);
    await frames(page, 3);
    st = await state(page);
    assert.equal(st.check.correct, false);
    assert.equal(st.check.first_wrong_step, 5);
    assert.equal(st.check.mistake, 'forgot_fprime');
    await page.screenshot({ path: path.join(OUT, 'check-wrong.png') });
    assert.deepEqual(errors, []);
  });

  it('steps one sample through the network diagram with the button and the N and B keys', async () => {
    // Wide enough for the lesson beside the playground (narrower puts the diagram in a tab).
    const wide = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
    collectErrors(wide, errors);
    await openApp(wide, new URL('?lesson=s1_5_elementwise_backprop', url).href);
    await frames(wide, 4);
    const start = centre(await widget(wide, 'Step through'));
    await wide.mouse.click(start.x, start.y);
    await frames(wide, 3);
    let st = await wide.evaluate(() => window.nnplay.stepThrough('state'));
    assert.equal(st.active, true);
    assert.equal(st.steps, 8);  // 4-2-1: input, 3 forward, the loss, 3 backward
    assert.equal(st.phase, 'input');
    await wide.mouse.move(start.x, start.y + 200);  // over the diagram, not a text field
    for (let k = 0; k < 3; ++k) {
      await wide.keyboard.press('n');
      await frames(wide, 2);
    }
    st = await wide.evaluate(() => window.nnplay.stepThrough('state'));
    assert.equal(st.step, 3);
    assert.equal(st.phase, 'forward');
    assert.match(st.text, /score s/);
    await wide.screenshot({ path: path.join(OUT, 'walk-forward.png') });
    const next = centre(await widget(wide, 'Next >'));
    for (let k = 0; k < 3; ++k) {
      await wide.mouse.click(next.x, next.y);
      await frames(wide, 2);
    }
    st = await wide.evaluate(() => window.nnplay.stepThrough('state'));
    assert.equal(st.phase, 'backward');
    assert.equal(st.layer, 0);
    await wide.screenshot({ path: path.join(OUT, 'walk-backward.png') });
    await wide.keyboard.press('b');
    await frames(wide, 2);
    assert.equal((await wide.evaluate(() => window.nnplay.stepThrough('state'))).step, 5);
    await wide.close();
    assert.deepEqual(errors, []);
  });
});
