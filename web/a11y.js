// The screen-reader side of the playground: the app draws on one canvas, so the main controls
// are mirrored as real HTML controls before it (visually hidden until one has the focus; Tab
// from the page reaches them first), wired to window.nnplay, and one polite live region
// (role="status") announces events only: started, paused, every 100 epochs with the losses and
// accuracies, a divergence or a warning with its reason, a lesson opened, the app's notices.
// Never once per frame.
(function () {
  'use strict';
  const DATASETS = [['circle', 'Circle'], ['xor', 'Exclusive or'], ['gauss', 'Two Gaussians'],
    ['spiral', 'Spiral'], ['moons', 'Two moons'], ['plane', 'Plane (regression)'],
    ['multi_gauss', 'Several Gaussians (regression)'], ['ner_window', 'NER windows (§1.3)'], ['stretched', 'Stretched clouds (§2.5)']];
  const RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
  const POLL_MS = 500;
  const EPOCHS_PER_ANNOUNCEMENT = 100;

  const root = document.getElementById('a11y');
  const live = document.getElementById('live');
  if (!root || !live) return;

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function labelled(text, control) {
    const label = el('label', {}, text + ' ');
    label.appendChild(control);
    return label;
  }
  function say(text) {
    // The same text twice in a row is still announced: clear, then set on the next task.
    live.textContent = '';
    setTimeout(() => { live.textContent = text; }, 30);
  }
  function pct(x) { return Number.isFinite(x) ? Math.round(100 * x) + ' %' : 'n/a'; }
  function num(x) { return Number.isFinite(x) ? x.toPrecision(3) : 'n/a'; }

  const play = el('button', { type: 'button', id: 'a11y-play' }, 'Play');
  const step = el('button', { type: 'button', id: 'a11y-step' }, 'Step');
  const reset = el('button', { type: 'button', id: 'a11y-reset' }, 'Reset');
  const dataset = el('select', { id: 'a11y-dataset' });
  for (const [v, t] of DATASETS) dataset.appendChild(el('option', { value: v }, t));
  const rate = el('select', { id: 'a11y-rate' });
  for (const r of RATES) rate.appendChild(el('option', { value: String(r) }, String(r)));
  const lesson = el('select', { id: 'a11y-lesson' });
  lesson.appendChild(el('option', { value: '' }, '(none)'));
  const status = el('p', { id: 'a11y-summary' });
  root.append(el('h2', {}, 'Backprop Playground controls'), play, step, reset,
    labelled('Dataset', dataset), labelled('Learning rate', rate), labelled('Lesson', lesson),
    status);

  let started = false;  // window.nnplay is ready
  let last = null;  // the state at the last poll
  let last_frame = -1;
  let announced_epochs = 0;

  function summary(s) {
    return 'Step ' + s.step + ', epoch ' + Math.floor(s.epochs) + '. Training loss ' +
      num(s.train_loss) + ', test loss ' + num(s.test_loss) + ', training accuracy ' +
      pct(s.train_accuracy) + ', test accuracy ' + pct(s.test_accuracy) + '.';
  }

  function sync(s) {
    play.textContent = s.playing ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', s.playing ? 'true' : 'false');
    const ds = s.config && s.config.data ? s.config.data.dataset : '';
    if (ds && document.activeElement !== dataset) dataset.value = ds;
    const lr = s.config && s.config.optimizer ? s.config.optimizer.learning_rate : null;
    if (lr !== null && document.activeElement !== rate) rate.value = String(lr);
    status.textContent = summary(s);
  }

  function events(s) {
    if (!last) return;
    if (s.playing && !last.playing) say('Training started. ' + summary(s));
    else if (!s.playing && last.playing && !s.diverged) say('Training paused. ' + summary(s));
    if (s.diverged && !last.diverged) say('Training diverged: ' + (s.reason || 'the loss is not finite') + '.');
    else if (s.warning && s.warning !== last.warning) say('Training is not working: ' + s.warning + '.');
    // The app's notices (points replaced and kept for Undo, a file imported, ...).
    if (s.message && s.message !== last.message) say(s.message);
    if (s.epochs < announced_epochs) announced_epochs = 0;  // a reset
    if (s.playing && s.epochs >= announced_epochs + EPOCHS_PER_ANNOUNCEMENT) {
      announced_epochs = Math.floor(s.epochs / EPOCHS_PER_ANNOUNCEMENT) * EPOCHS_PER_ANNOUNCEMENT;
      say(summary(s));
    }
    const now = s.lesson || '';
    if (now && now !== (last.lesson || '')) say('Lesson opened: ' + (s.lesson_title || now) + '.');
  }

  function poll() {
    const api = window.nnplay;
    if (!api || !started) return;
    // Nothing ran since the last poll (a paused app draws no frames): nothing to read.
    const m = window.Module;
    const frame = m && m._nnplay_frame ? m._nnplay_frame() : -1;
    if (frame >= 0 && frame === last_frame) return;
    last_frame = frame;
    let s;
    try { s = api.state(); } catch (e) { return; }
    events(s);
    sync(s);
    last = s;
  }

  function act(f) {
    try { f(window.nnplay); } catch (e) { say(String(e.message || e)); }
    poll();
  }
  play.addEventListener('click', () => act((n) => (n.state().playing ? n.pause() : n.play())));
  step.addEventListener('click', () => act((n) => { n.step(1); say(summary(n.state())); }));
  reset.addEventListener('click', () => act((n) => { n.reset(); say('Reset. ' + summary(n.state())); }));
  dataset.addEventListener('change', () => act((n) => n.setConfig({ data: { dataset: dataset.value } })));
  rate.addEventListener('change', () => act((n) => n.setConfig({ optimizer: { learning_rate: Number(rate.value) } })));
  lesson.addEventListener('change', () => act((n) => { if (lesson.value) n.openLesson(lesson.value); }));

  window.addEventListener('load', () => {
    const api = window.nnplay;
    if (!api) return;
    api.ready.then(() => {
      started = true;
      for (const l of api.lessons()) lesson.appendChild(el('option', { value: l.id }, l.section + ' ' + l.title));
      poll();
      setInterval(poll, POLL_MS);
    });
  });
})();
