// window.nnplay: the playground's API for the page and for course pages (docs/embedding.md):
//   await nnplay.ready          resolves (to nnplay) once the app runs
//   nnplay.state()              {step, epochs, train_loss, test_loss, train_accuracy,
//                                test_accuracy, learning_rate, diverged, reason, playing, fps,
//                                steps_per_second, samples_per_second, user_data, config,
//                                share: {embed, controls, views, layout, origins, warnings,
//                                notice, hash}, ...}
//   nnplay.setConfig(obj[, {replace: true}])  merges obj into the config (JSON merge patch) or
//                                replaces it; returns {ok, reset}; throws an Error with .field
//   nnplay.play(), nnplay.pause(), nnplay.step(n) -> steps done, nnplay.reset()
//   nnplay.lessons()            [{id, title, section, views}], one lesson per section of the notes
//   nnplay.openLesson(id)       sets the lesson's config, opens its views; returns {ok, views};
//                               throws an Error for an unknown id
//   nnplay.getLink([options])   {hash, link, embed, iframe} for the running config; options
//                               {views, controls, lesson, autoplay, width, height}
//   nnplay.applyHash(hash)      applies a link's hash ("v=1&..."); returns {ok, warnings}
//   nnplay.embedInfo()          {embed, controls, views, layout, origins, warnings, notice, hash}
// The same through postMessage, for iframes:
//   iframe.contentWindow.postMessage({type: 'nnplay', id: 1, method: 'step', args: [10]}, '*')
//   -> reply {type: 'nnplay', id: 1, ok: true, result: 10} (or ok: false, error, field)
// Messages are answered only from the allowed origins (?origins=... and/or
// <meta name="nnplay-allowed-origins">; default any). The location hash follows the config
// (debounced, history.replaceState) and an edited hash is applied. Strings cross into C++ as
// JSON through ccall (no embind).
(function () {
  'use strict';
  const METHODS = ['state', 'setConfig', 'play', 'pause', 'step', 'reset', 'lessons',
    'openLesson', 'getLink', 'applyHash', 'embedInfo',
    // Import/export (web/files.js); exportBoundaryPng's Blob crosses postMessage as a Blob.
    'exportConfig', 'exportModel', 'exportLossCsv', 'exportBoundaryPng', 'importText'];
  const HASH_DEBOUNCE_MS = 400;
  let mod = null;
  let resolve_ready;
  const ready = new Promise((resolve) => { resolve_ready = resolve; });

  function app() {
    if (!mod) throw new Error('nnplay is not ready yet: await nnplay.ready first');
    return mod;
  }
  function call_json(fn, types, args) {
    return JSON.parse(app().ccall(fn, 'string', types || [], args || []));
  }
  function fail(reply) {
    const error = new Error(reply.error);
    error.field = reply.field;
    throw error;
  }

  const nnplay = {
    ready: ready,
    METHODS: METHODS.slice(),
    // Origins whose postMessages are answered ('*' = any); set from the page's query and meta at
    // start (embedInfo().origins), and a page may change it.
    allowedOrigins: ['*'],
    state() {
      return call_json('nnplay_state');
    },
    setConfig(config, options) {
      const text = typeof config === 'string' ? config : JSON.stringify(config);
      const replace = options && options.replace ? 1 : 0;
      const reply = call_json('nnplay_set_config', ['string', 'number'], [text, replace]);
      if (!reply.ok) fail(reply);
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
      return call_json('nnplay_lessons');
    },
    openLesson(id) {
      const reply = call_json('nnplay_open_lesson', ['string'], [String(id)]);
      if (!reply.ok) fail(reply);
      return reply;
    },
    getLink(options) {
      const reply = call_json('nnplay_get_link', ['string'], [JSON.stringify(options || {})]);
      if (!reply.ok) fail(reply);
      delete reply.ok;
      return reply;
    },
    applyHash(hash) {
      const reply = call_json('nnplay_apply_hash', ['string'], [String(hash || '')]);
      for (const w of reply.warnings) console.warn('nnplay: ' + w);
      return reply;
    },
    embedInfo() {
      return call_json('nnplay_embed_info');
    },
    // Called by boot.js when the app runs.
    _attach(module) {
      mod = module;
      nnplay.allowedOrigins = nnplay.embedInfo().origins;
      follow_hash();
      resolve_ready(nnplay);
    },
  };
  window.nnplay = nnplay;

  // The location hash follows the running config: polled (cheap: a short string), written with
  // history.replaceState once it has been stable for HASH_DEBOUNCE_MS, so dragging a slider
  // neither spams the history nor writes every intermediate value.
  let written = location.hash.replace(/^#/, '');
  function follow_hash() {
    let pending = null;
    let timer = 0;
    let seen_frame = -1;
    setInterval(() => {
      // A paused app runs no frames (render on demand), so nothing can have changed the config.
      const frame = mod && mod._nnplay_frame ? mod._nnplay_frame() : -1;
      if (frame >= 0 && frame === seen_frame) return;
      seen_frame = frame;
      let hash;
      try { hash = app().ccall('nnplay_link_hash', 'string', [], []); } catch (e) { return; }
      if (!hash || hash === pending) return;  // "" = user-drawn data: no link, hash left alone
      pending = hash;
      clearTimeout(timer);
      timer = setTimeout(() => {
        // A plain visit with the default config keeps its clean URL.
        if (pending === 'v=1' && location.hash === '') {
          written = pending;
          return;
        }
        if (pending !== written && location.hash.replace(/^#/, '') !== pending) {
          history.replaceState(history.state, '', '#' + pending);
        }
        written = pending;
      }, HASH_DEBOUNCE_MS);
    }, 100);
    // The user edited the hash (or followed an in-page link): apply it.
    window.addEventListener('hashchange', () => {
      const hash = location.hash.replace(/^#/, '');
      if (hash === written) return;
      written = hash;
      nnplay.applyHash(hash);
    });
  }

  function allowed(origin) {
    const list = nnplay.allowedOrigins;
    return list.indexOf('*') >= 0 || list.indexOf(origin) >= 0;
  }

  window.addEventListener('message', async (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || msg.type !== 'nnplay') return;  // not for us
    if (msg.method === undefined && 'ok' in msg) return;  // a reply (e.g. to this window itself)
    if (typeof msg.method !== 'string' || METHODS.indexOf(msg.method) < 0 ||
        (msg.args !== undefined && !Array.isArray(msg.args))) {
      console.warn('nnplay: ignored a malformed message (want {type: "nnplay", id, method: one ' +
        'of ' + METHODS.join(', ') + ', args: [...]})', msg);
      return;
    }
    await ready;  // the allowed origins come from the app's start-up
    if (!allowed(event.origin)) {
      console.warn('nnplay: ignored a message from ' + event.origin + ' (not in allowedOrigins: ' +
        nnplay.allowedOrigins.join(', ') + ')');
      return;
    }
    const reply = { type: 'nnplay', id: msg.id };
    try {
      reply.result = await nnplay[msg.method].apply(nnplay, msg.args || []);
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
