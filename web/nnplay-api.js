// window.nnplay: the playground's API for the page and for course pages (docs/embedding.md):
//   await nnplay.ready          resolves (to nnplay) once the app runs
//   nnplay.state()              {step, epochs, train_loss, test_loss, train_accuracy,
//                                test_accuracy, learning_rate, diverged, reason, playing, fps,
//                                steps_per_second, samples_per_second, user_data, config,
//                                share: {embed, controls, views, layout, origins, warnings,
//                                notice, hash}, ...}
//   nnplay.setConfig(obj[, {replace: true}])  merges obj into the config (JSON merge patch) or
//                                replaces it; returns {ok, reset}; throws an Error with .field
//   nnplay.play(), nnplay.pause(), nnplay.step(n) -> steps done (n is clamped to
//                                0..MAX_STEPS_PER_CALL = 1e6; NaN counts as 0), nnplay.reset()
//   nnplay.lessons()            [{id, title, section, views}], one lesson per section of the notes
//   nnplay.openLesson(id)       sets the lesson's config, opens its views; returns {ok, views};
//                               throws an Error for an unknown id
//   nnplay.getLink([options])   {hash, link, embed, iframe} for the running config; options
//                               {views, controls, lesson, autoplay, width, height}
//   nnplay.applyHash(hash)      applies a link's hash ("v=1&..."); returns {ok, warnings}
//   nnplay.embedInfo()          {embed, controls, views, layout, origins, warnings, notice, hash}
//   nnplay.checkAnswer({quantity: 'delta'|'dW'|'db'|'update', layer, i, j, sample, value})
//                               {correct, expected, tolerance, first_wrong_step, mistake, hint,
//                               quantity, steps}; layer, i, j as the notes write them (1-based),
//                               sample 0-based; throws an Error with .field for a bad question
//   nnplay.loadHandExample()    the hand-checkable example (round weights, integer inputs)
//   nnplay.openExercise(id)     opens an exercise (ids in lessons()[k].exercises) with its
//                               lesson; returns {ok, lesson, goal}; state().exercise is then
//                               {id, lesson, goal, passed}; throws an Error for an unknown id
//   nnplay.stepThrough(action)  the network diagram's step-through (§1.5, §1.6, §3.1, §3.2):
//                               'start' | 'next' | 'back' | 'stop' | 'state' -> {active, step,
//                               steps, phase, layer, unit, text}
// The same through postMessage, for iframes:
//   iframe.contentWindow.postMessage({type: 'nnplay', id: 1, method: 'step', args: [10]}, '*')
//   -> reply {type: 'nnplay', id: 1, ok: true, result: 10} (or ok: false, error, field)
// Messages are answered only from the allowed origins (?origins=... and/or
// <meta name="nnplay-allowed-origins">; default any). The location hash follows the config
// (debounced, history.replaceState) and an edited hash is applied. Strings cross into C++ as
// JSON through ccall (no embind), copied into the wasm heap (ccall's own string arguments go on
// the 5 MB stack, which a long string overflows), after a size check per entry point (LIMITS, the
// same as src/io/input_limits.hpp, which C++ checks again). If the wasm code ever traps, the
// error card says so and offers a reload that keeps the link; later calls throw.
(function () {
  'use strict';
  const METHODS = ['state', 'setConfig', 'play', 'pause', 'step', 'reset', 'lessons',
    'openLesson', 'getLink', 'applyHash', 'embedInfo',
    // Import/export (web/files.js); exportBoundaryPng's Blob crosses postMessage as a Blob.
    'exportConfig', 'exportModel', 'exportLossCsv', 'exportBoundaryPng', 'importText',
    // Check your own work and exercises (docs/lessons.md).
    'checkAnswer', 'loadHandExample', 'openExercise', 'stepThrough'];
  const HASH_DEBOUNCE_MS = 400;
  const MAX_STEPS_PER_CALL = 1000000;  // api.cpp api_step's clamp
  // Bytes of UTF-8 per entry point (src/io/input_limits.hpp).
  const LIMITS = { config: 1 << 20, link: 64 << 10, name: 1024, options: 64 << 10,
    import: 4 << 20 };
  let mod = null;
  let dead = null;  // the trap's message once the wasm code has stopped
  let resolve_ready;
  const ready = new Promise((resolve) => { resolve_ready = resolve; });

  function app() {
    if (dead) throw new Error('the playground stopped after an internal error (' + dead + '); reload the page');
    if (!mod) throw new Error('nnplay is not ready yet: await nnplay.ready first');
    return mod;
  }
  function utf8_bytes(text) {
    return mod && mod.lengthBytesUTF8 ? mod.lengthBytesUTF8(text) : new TextEncoder().encode(text).length;
  }
  function size_text(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1).replace(/\.0$/, '') + ' MB'
      : n >= 1024 ? (n / 1024).toFixed(1).replace(/\.0$/, '') + ' KB' : n + ' bytes';
  }
  // "the config is 2.1 MB; the limit is 1 MB" when text is over limit bytes, else null.
  function over_limit(what, text, limit) {
    if (text.length <= limit / 3) return null;  // at most 3 UTF-8 bytes per UTF-16 unit
    const n = utf8_bytes(text);
    return n > limit ? what + ' is ' + size_text(n) + '; the limit is ' + size_text(limit) : null;
  }
  // A ccall whose 'string' arguments are copied into malloc'd heap memory (not the stack).
  function call(fn, ret, types, args) {
    const m = app();
    types = types || [];
    args = args || [];
    const ptrs = [];
    try {
      const conv = args.map((a, i) => {
        if (types[i] !== 'string') return a;
        const text = String(a);
        const n = m.lengthBytesUTF8(text) + 1;
        const ptr = m._malloc(n);
        if (!ptr) throw new Error('out of memory for a string of ' + size_text(n));
        ptrs.push(ptr);
        m.stringToUTF8(text, ptr, n);
        return ptr;
      });
      return m.ccall(fn, ret, types.map((t) => t === 'string' ? 'number' : t), conv);
    } catch (err) {
      if (is_trap(err)) fatal(err);
      throw err;
    } finally {
      if (!dead) for (const p of ptrs) m._free(p);
    }
  }
  function call_json(fn, types, args) {
    return JSON.parse(call(fn, 'string', types, args));
  }
  function fail(reply) {
    const error = new Error(reply.error);
    error.field = reply.field;
    throw error;
  }
  function refuse(field, message) {
    const error = new Error(field + ': ' + message);
    error.field = field;
    throw error;
  }
  // JSON has no NaN or Infinity: JSON.stringify would write null, which a merge patch reads as
  // "back to the default". Names the first such number's path ("optimizer.learning_rate").
  function non_finite_path(value, path, depth) {
    if (typeof value === 'number') return Number.isFinite(value) ? null : path || 'json';
    if (!value || typeof value !== 'object' || depth > 64) return null;
    for (const key of Object.keys(value)) {
      const sub = Array.isArray(value) ? path + '[' + key + ']' : (path ? path + '.' : '') + key;
      const found = non_finite_path(value[key], sub, depth + 1);
      if (found) return found;
    }
    return null;
  }

  // A trap (RuntimeError: memory access out of bounds, unreachable, ...) or an abort leaves the
  // wasm state unusable: show the error card with a reload that keeps the link.
  function is_trap(err) {
    return (typeof WebAssembly === 'object' && err instanceof WebAssembly.RuntimeError) ||
      (!!err && /^(RuntimeError|Aborted)/.test(String(err)));
  }
  function fatal(what) {
    if (dead) return;
    dead = String(what && what.message || what || 'unknown error');
    console.error('nnplay: the playground stopped:', what);
    const card = document.getElementById('error');
    if (!card) return;
    const title = document.getElementById('error-title');
    const text = document.getElementById('error-text');
    if (title) title.textContent = 'The playground stopped';
    if (text) {
      text.textContent = 'An internal error stopped it (' + dead + '). Reloading starts it ' +
        'again with the same link (your settings are in the address).';
    }
    if (!document.getElementById('error-reload')) {
      const button = document.createElement('button');
      button.id = 'error-reload';
      button.type = 'button';
      button.textContent = 'Reload';
      button.addEventListener('click', () => location.reload());
      (card.querySelector('.card') || card).appendChild(button);
    }
    const loading = document.getElementById('loading');
    if (loading) loading.hidden = true;
    card.hidden = false;
  }
  // A trap in the main loop (a requestAnimationFrame callback) reaches no caller of ours.
  window.addEventListener('error', (event) => {
    if (mod && is_trap(event.error)) fatal(event.error);
  });
  window.addEventListener('unhandledrejection', (event) => {
    if (mod && is_trap(event.reason)) fatal(event.reason);
  });

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
      if (config && typeof config === 'object') {
        const bad = non_finite_path(config, '', 0);
        if (bad) refuse(bad, 'expected a finite number (JSON has no NaN or Infinity)');
      }
      const text = typeof config === 'string' ? config : JSON.stringify(config);
      if (typeof text !== 'string') refuse('json', 'setConfig expects an object or JSON text');
      const big = over_limit('the config', text, LIMITS.config);
      if (big) refuse('json', big + ' (nothing was changed)');
      const replace = options && options.replace ? 1 : 0;
      const reply = call_json('nnplay_set_config', ['string', 'number'], [text, replace]);
      if (!reply.ok) fail(reply);
      return reply;
    },
    play() { call('nnplay_play', null); },
    pause() { call('nnplay_pause', null); },
    step(n) {
      // Clamped here, before ccall turns the number into an int32 (2**31 would wrap negative).
      const asked = n === undefined ? 1 : Math.floor(Number(n));
      const steps = asked > 0 ? Math.min(asked, MAX_STEPS_PER_CALL) : 0;
      return call('nnplay_step', 'number', ['number'], [steps]);
    },
    reset() { call('nnplay_reset', null); },
    lessons() {
      return call_json('nnplay_lessons');
    },
    openLesson(id) {
      const text = String(id);
      const big = over_limit('the lesson id', text, LIMITS.name);
      if (big) refuse('lesson', big);
      const reply = call_json('nnplay_open_lesson', ['string'], [text]);
      if (!reply.ok) fail(reply);
      return reply;
    },
    getLink(options) {
      const text = JSON.stringify(options || {});
      const big = over_limit('the options', text, LIMITS.options);
      if (big) refuse('options', big);
      const reply = call_json('nnplay_get_link', ['string'], [text]);
      if (!reply.ok) fail(reply);
      delete reply.ok;
      return reply;
    },
    applyHash(hash) {
      const text = String(hash || '');
      const big = over_limit('the link', text, LIMITS.link);
      if (big) {
        const warning = 'link: ' + big + ' (nothing was applied)';
        console.warn('nnplay: ' + warning);
        return { ok: false, warnings: [warning] };
      }
      const reply = call_json('nnplay_apply_hash', ['string'], [text]);
      for (const w of reply.warnings) console.warn('nnplay: ' + w);
      return reply;
    },
    embedInfo() {
      return call_json('nnplay_embed_info');
    },
    checkAnswer(question) {
      if (!question || typeof question !== 'object') refuse('json', 'checkAnswer expects an object');
      if (typeof question.value === 'number' && !Number.isFinite(question.value)) {
        refuse('value', 'expected a finite number');
      }
      const text = JSON.stringify(question);
      const big = over_limit('the question', text, LIMITS.options);
      if (big) refuse('json', big);
      const reply = call_json('nnplay_check_answer', ['string'], [text]);
      if (!reply.ok) fail(reply);
      delete reply.ok;
      return reply;
    },
    openExercise(id) {
      const text = String(id);
      const big = over_limit('the exercise id', text, LIMITS.name);
      if (big) refuse('exercise', big);
      const reply = call_json('nnplay_open_exercise', ['string'], [text]);
      if (!reply.ok) fail(reply);
      return reply;
    },
    stepThrough(action) {
      const text = String(action === undefined ? 'state' : action);
      const big = over_limit('the action', text, LIMITS.name);
      if (big) refuse('action', big);
      const reply = call_json('nnplay_step_through', ['string'], [text]);
      if (!reply.ok) fail(reply);
      delete reply.ok;
      return reply;
    },
    loadHandExample() {
      const reply = call_json('nnplay_load_hand_example');
      if (!reply.ok) fail(reply);
      return reply;
    },
    // For web/files.js: the same heap-string ccall, the limits and the trap handling.
    _call: call,
    _overLimit: over_limit,
    LIMITS: LIMITS,
    MAX_STEPS_PER_CALL: MAX_STEPS_PER_CALL,
    // The error card with a reload that keeps the link; boot.js may call it from Module.onAbort.
    _fatal: fatal,
    // Called by boot.js when the app runs.
    _attach(module) {
      mod = module;
      module.onAbort = (what) => fatal('Aborted: ' + what);
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
      if (dead) return;
      try { hash = call('nnplay_link_hash', 'string'); } catch (e) { return; }
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
