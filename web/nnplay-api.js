// window.nnplay: the playground's API for the page and for course pages (docs in README):
//   await nnplay.ready          resolves (to nnplay) once the app runs
//   nnplay.state()              {step, epochs, train_loss, test_loss, train_accuracy,
//                                test_accuracy, learning_rate, diverged, reason, playing, fps,
//                                steps_per_second, samples_per_second, user_data, config, ...}
//   nnplay.setConfig(obj[, {replace: true}])  merges obj into the config (JSON merge patch) or
//                                replaces it; returns {ok, reset}; throws an Error with .field
//   nnplay.play(), nnplay.pause(), nnplay.step(n) -> steps done, nnplay.reset()
//   nnplay.lessons()            [{id, title, section, views}], one lesson per section of the notes
//   nnplay.openLesson(id)       sets the lesson's config, opens its views; returns {ok, views};
//                               throws an Error for an unknown id
// The same through postMessage, for iframes:
//   iframe.contentWindow.postMessage({type: 'nnplay', id: 1, method: 'step', args: [10]}, '*')
//   -> reply {type: 'nnplay', id: 1, ok: true, result: 10} (or ok: false, error, field)
// Strings cross into C++ as JSON through ccall (no embind).
(function () {
  'use strict';
  const METHODS = ['state', 'setConfig', 'play', 'pause', 'step', 'reset', 'lessons',
    'openLesson'];
  let mod = null;
  let resolve_ready;
  const ready = new Promise((resolve) => { resolve_ready = resolve; });

  function app() {
    if (!mod) throw new Error('nnplay is not ready yet: await nnplay.ready first');
    return mod;
  }

  const nnplay = {
    ready: ready,
    // Origins whose postMessages are answered ('*' = any). A course page may narrow it.
    allowedOrigins: ['*'],
    state() {
      return JSON.parse(app().ccall('nnplay_state', 'string', [], []));
    },
    setConfig(config, options) {
      const text = typeof config === 'string' ? config : JSON.stringify(config);
      const replace = options && options.replace ? 1 : 0;
      const reply = JSON.parse(
        app().ccall('nnplay_set_config', 'string', ['string', 'number'], [text, replace]));
      if (!reply.ok) {
        const error = new Error(reply.error);
        error.field = reply.field;
        throw error;
      }
      return reply;
    },
    play() { app().ccall('nnplay_play', null, [], []); },
    pause() { app().ccall('nnplay_pause', null, [], []); },
    step(n) {
      const steps = n === undefined ? 1 : Math.max(0, Math.floor(Number(n)) || 0);
      return app().ccall('nnplay_step', 'number', ['number'], [steps]);
    },
    reset() { app().ccall('nnplay_reset', null, [], []); },
    lessons() {
      return JSON.parse(app().ccall('nnplay_lessons', 'string', [], []));
    },
    openLesson(id) {
      const reply = JSON.parse(
        app().ccall('nnplay_open_lesson', 'string', ['string'], [String(id)]));
      if (!reply.ok) throw new Error(reply.error);
      return reply;
    },
    // Called by boot.js when the app runs.
    _attach(module) {
      mod = module;
      resolve_ready(nnplay);
    },
  };
  window.nnplay = nnplay;

  function allowed(origin) {
    const list = nnplay.allowedOrigins;
    return list.indexOf('*') >= 0 || list.indexOf(origin) >= 0;
  }

  window.addEventListener('message', async (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || msg.type !== 'nnplay') return;  // not for us
    if (msg.method === undefined && 'ok' in msg) return;  // a reply (e.g. to this window itself)
    if (!allowed(event.origin)) {
      console.warn('nnplay: ignored a message from ' + event.origin + ' (not in allowedOrigins)');
      return;
    }
    if (typeof msg.method !== 'string' || METHODS.indexOf(msg.method) < 0 ||
        (msg.args !== undefined && !Array.isArray(msg.args))) {
      console.warn('nnplay: ignored a malformed message', msg);
      return;
    }
    const reply = { type: 'nnplay', id: msg.id };
    try {
      await ready;
      reply.result = nnplay[msg.method].apply(nnplay, msg.args || []);
      reply.ok = true;
    } catch (err) {
      reply.ok = false;
      reply.error = String(err && err.message || err);
      if (err && err.field) reply.field = err.field;
    }
    if (event.source) {
      event.source.postMessage(reply, event.origin && event.origin !== 'null' ? event.origin : '*');
    }
  });
})();
