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
// Every call with an id gets a reply: ok: false with the problem for a malformed one (unknown
// method, args not an array, bad JSON text) and for an origin that is not allowed (?origins=...
// and/or <meta name="nnplay-allowed-origins">; default any); messages without an id are ignored
// with a console warning. Calls before the app runs are queued.
// Events to the parent page (embedded, allowed origins only): {type: 'nnplay', event: 'ready' |
// 'playing' | 'paused' | 'step' (at most 4 per second, and a last one on pause) | 'diverged' |
// 'lesson' | 'goal' | 'resize', step, epochs, train_loss, test_loss, train_accuracy,
// test_accuracy, ...}; with ?autoheight=1 also '{"subject": "lti.frameResize", "height": H}' (JSON
// text, the LTI convention of Canvas and Moodle) when the height the layout wants changes. web/nnplay-embed.js
// is the course page's side. The location hash follows the config (within HASH_WRITE_MS,
// history.replaceState) and an edited hash is applied. Strings cross into C++ as
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
    'exportDataCsv',
    // Check your own work and exercises (docs/lessons.md).
    'checkAnswer', 'loadHandExample', 'openExercise', 'stepThrough'];
  const HASH_WRITE_MS = 400;  // the hash follows a config change this soon (at most this often)
  const POLL_MS = 100;         // how often the page looks for changes (only when frames ran)
  const STEP_EVENT_MS = 250;   // 'step' events: at most 4 per second
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
      const info = nnplay.embedInfo();
      nnplay.allowedOrigins = info.origins;
      autoheight = !!info.autoheight;
      start_polling();
      resolve_ready(nnplay);
    },
  };
  window.nnplay = nnplay;

  // [the poller] One timer looks for changes every POLL_MS, and only reads the app when a frame
  // ran since (render on demand: an idle embed runs none), a call came in, or something waits:
  // the hash to write, a 'step' event held back by the rate limit.
  let autoheight = false;
  let seen_frame = -1;
  let poke = true;  // a call or a hash edit: look even if no frame ran
  function start_polling() {
    events_start();
    setInterval(tick, POLL_MS);
    window.addEventListener('hashchange', on_hashchange);
  }
  function tick() {
    if (dead || !mod) return;
    const frame = mod._nnplay_frame ? mod._nnplay_frame() : -1;
    const ran = frame < 0 || frame !== seen_frame || poke;
    seen_frame = frame;
    poke = false;
    if (ran) look_at_hash();
    if (ran || held_step) look_for_events();
  }

  // [the hash] The location hash follows the running config: written with history.replaceState
  // HASH_WRITE_MS after the change was seen (so a dragged slider writes at most every 400 ms, not
  // every value, and the history is not filled), and never over a hash the user has just typed:
  // a write checks that the address still shows what was last written or seen there.
  let written = location.hash.replace(/^#/, '');  // what the address showed or we wrote
  let seen_hash = null;  // the config's hash at the last look
  let hash_timer = 0;
  function look_at_hash() {
    let hash;
    try { hash = call('nnplay_link_hash', 'string'); } catch (e) { return; }
    if (!hash || hash === seen_hash) return;  // "" = user-drawn data: no link, hash left alone
    seen_hash = hash;
    if (!hash_timer) hash_timer = setTimeout(write_hash, HASH_WRITE_MS);
  }
  function write_hash() {
    hash_timer = 0;
    if (dead) return;
    const shown = location.hash.replace(/^#/, '');
    if (shown !== written) return;  // edited meanwhile: the hashchange handler applies it
    let hash;
    try { hash = call('nnplay_link_hash', 'string'); } catch (e) { return; }
    if (!hash) return;
    seen_hash = hash;
    // A plain visit with the default config keeps its clean URL.
    if (hash === 'v=1' && shown === '') return;
    if (hash !== shown) history.replaceState(history.state, '', '#' + hash);
    written = hash;
  }
  // The user edited the hash (or followed an in-page link): apply it. A write that was waiting
  // is dropped (it held the config from before the edit); the applied config's own hash (bad
  // fields fall back to defaults) is written HASH_WRITE_MS later.
  function on_hashchange() {
    const hash = location.hash.replace(/^#/, '');
    if (hash === written) return;
    written = hash;
    clearTimeout(hash_timer);
    hash_timer = 0;
    seen_hash = null;
    nnplay.applyHash(hash);
    poke = true;
  }

  // [events] To the parent page when embedded, posted only to the allowed origins: with '*' to
  // any (targetOrigin '*'), else once per listed origin (the browser delivers the one that
  // matches). Derived from the state whenever a frame ran or a call came in.
  const embedded = window.parent !== window;
  const last = { ready: false, playing: false, step: -1, step_at: 0, diverged: false,
    lesson: '', goal: '', height: 0 };
  let held_step = false;  // a 'step' event waits for the rate limit
  function post_parent(data) {
    if (!embedded) return;
    const list = nnplay.allowedOrigins || [];
    try {
      if (list.indexOf('*') >= 0) {
        window.parent.postMessage(data, '*');
      } else {
        for (const origin of list) window.parent.postMessage(data, origin);
      }
    } catch (e) {
      console.warn('nnplay: could not post an event to the parent page', e);
    }
  }
  function numbers(s) {
    return { step: s.step, epochs: s.epochs, train_loss: s.train_loss, test_loss: s.test_loss,
      train_accuracy: s.train_accuracy, test_accuracy: s.test_accuracy, playing: s.playing };
  }
  function emit(name, s, extra) {
    post_parent(Object.assign({ type: 'nnplay', event: name }, numbers(s), extra || {}));
  }
  function emit_step(s) {
    emit('step', s);
    last.step = s.step;
    last.step_at = performance.now();
    held_step = false;
  }
  function exercise_of(s) {
    // state().exercise = {id, passed} where the app has exercises; absent elsewhere.
    const e = s && s.exercise;
    return e && typeof e === 'object' ? e : null;
  }
  function events_start() {
    if (!embedded) return;
    let s;
    try { s = nnplay.state(); } catch (e) { return; }
    const info = s.share || {};
    emit('ready', s, { lesson: s.lesson, lesson_title: s.lesson_title, diverged: s.diverged,
      reason: s.reason, views: info.views, controls: info.controls, autoheight: autoheight,
      methods: METHODS.slice() });
    last.ready = true;
    last.playing = s.playing;
    last.step = s.step;
    last.step_at = performance.now();
    last.diverged = s.diverged;
    const ex = exercise_of(s);
    last.goal = ex && ex.passed ? String(ex.id) : '';
    // A lesson opened by the link (lesson=...) is announced like one opened later.
    if (s.lesson) {
      last.lesson = s.lesson;
      emit('lesson', s, { lesson: s.lesson, lesson_title: s.lesson_title });
    }
    look_at_height();
  }
  // The short status (nnplay_status: nothing evaluated) on every look; the full state (losses
  // and accuracies evaluated on the whole splits, ~1 ms) only when an event goes out, and once a
  // second for the exercise's goal.
  const GOAL_LOOK_MS = 1000;
  let goal_looked_at = 0;
  function look_for_events() {
    if (!embedded || !last.ready) return;
    let st;
    try { st = call_json('nnplay_status'); } catch (e) { return; }
    const now = performance.now();
    const step_due = st.step !== last.step &&
      (now - last.step_at >= STEP_EVENT_MS || (last.playing && !st.playing));
    const changed = st.lesson !== last.lesson || st.diverged !== last.diverged ||
      st.playing !== last.playing;
    held_step = st.step !== last.step && !step_due;
    let s = null;
    const full = () => {
      if (!s) s = nnplay.state();
      return s;
    };
    try {
      if (changed || step_due || now - goal_looked_at >= GOAL_LOOK_MS) full();
    } catch (e) { return; }
    if (!s) return look_at_height();
    if (s.lesson !== last.lesson) {
      last.lesson = s.lesson;
      if (s.lesson) emit('lesson', s, { lesson: s.lesson, lesson_title: s.lesson_title });
    }
    // At most one 'step' per STEP_EVENT_MS while playing; the last one when it stops.
    if (step_due) emit_step(s);
    if (s.diverged !== last.diverged) {
      last.diverged = s.diverged;
      if (s.diverged) emit('diverged', s, { diverged: true, reason: s.reason });
    }
    if (s.playing !== last.playing) {
      last.playing = s.playing;
      emit(s.playing ? 'playing' : 'paused', s);
    }
    goal_looked_at = now;
    const ex = exercise_of(s);
    const goal = ex && ex.passed ? String(ex.id) : '';
    if (goal !== last.goal) {
      last.goal = goal;
      if (goal) emit('goal', s, { exercise: ex });
    }
    look_at_height(s);
  }
  // The height (CSS px) the layout wants at the current width, from the last frame (ui.cpp).
  let resize_count = 0;
  function look_at_height(s) {
    const h = mod && mod._nnplay_content_height ? mod._nnplay_content_height() : 0;
    if (!(h > 0) || h === last.height) return;
    last.height = h;
    if (!s) {
      try { s = nnplay.state(); } catch (e) { return; }
    }
    emit('resize', s, { height: h });
    // As JSON text: the form LMS pages parse (Canvas takes text or objects; Sakai and many
    // older handlers JSON.parse the message).
    if (autoheight) {
      post_parent(JSON.stringify({ subject: 'lti.frameResize', height: h,
        message_id: 'nnplay-resize-' + (++resize_count) }));
    }
  }

  function allowed(origin) {
    const list = nnplay.allowedOrigins;
    return list.indexOf('*') >= 0 || list.indexOf(origin) >= 0;
  }

  // [calls] What is wrong with a call, or null.
  function call_problem(msg) {
    if (typeof msg.method !== 'string') {
      return { field: 'method', error: 'method: expected the name of a method (one of ' +
        METHODS.join(', ') + '), got ' + (msg.method === undefined ? 'none' : typeof msg.method) };
    }
    if (METHODS.indexOf(msg.method) < 0) {
      return { field: 'method', error: 'method: unknown method "' + msg.method.slice(0, 64) +
        '" (allowed: ' + METHODS.join(', ') + ')' };
    }
    if (msg.args !== undefined && !Array.isArray(msg.args)) {
      return { field: 'args', error: 'args: expected an array of arguments (e.g. [10]), got ' +
        (msg.args === null ? 'null' : typeof msg.args) };
    }
    return null;
  }
  function has_id(msg) {
    return msg.id !== undefined && msg.id !== null;
  }
  // A message as sent: an object, or JSON text of one (some pages post strings). Returns
  // {msg} for ours, {bad} for JSON text that names nnplay but does not parse, null otherwise.
  function read_message(data) {
    if (typeof data === 'string') {
      if (data.indexOf('nnplay') < 0) return null;
      try {
        data = JSON.parse(data);
      } catch (e) {
        const id = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/.exec(data);
        let parsed_id = null;
        try { parsed_id = id ? JSON.parse(id[1]) : null; } catch (e2) { parsed_id = null; }
        return { bad: 'json: the message is not valid JSON (' + e.message + ')', id: parsed_id };
      }
    }
    if (!data || typeof data !== 'object' || data.type !== 'nnplay') return null;
    return { msg: data };
  }
  function reply_to(event, reply) {
    if (!event.source) return;
    try {
      event.source.postMessage(reply, event.origin && event.origin !== 'null' ? event.origin : '*');
    } catch (e) {
      console.warn('nnplay: could not reply', e);
    }
  }

  window.addEventListener('message', async (event) => {
    const got = read_message(event.data);
    if (!got) return;  // not for us
    if (got.bad) {
      console.warn('nnplay: ' + got.bad);
      if (got.id !== null) {
        await ready;
        reply_to(event, { type: 'nnplay', id: got.id, ok: false, error: got.bad, field: 'json' });
      }
      return;
    }
    const msg = got.msg;
    // A reply or an event (e.g. to this window itself, or from an embed inside this page).
    if (msg.method === undefined && ('ok' in msg || 'event' in msg)) return;
    const problem = call_problem(msg);
    if (!has_id(msg)) {
      console.warn('nnplay: ignored a message without an id (want {type: "nnplay", id, ' +
        'method, args: [...]})' + (problem ? ': ' + problem.error : ''), msg);
      return;
    }
    await ready;  // the allowed origins come from the app's start-up
    if (!allowed(event.origin)) {
      console.warn('nnplay: refused a message from ' + event.origin + ' (not in allowedOrigins: ' +
        nnplay.allowedOrigins.join(', ') + ')');
      reply_to(event, { type: 'nnplay', id: msg.id, ok: false, field: 'origin',
        error: 'origin: ' + event.origin + ' is not allowed to drive this playground (the ' +
          'embed\'s origins parameter or the host\'s nnplay-allowed-origins)' });
      return;
    }
    if (problem) {
      console.warn('nnplay: malformed message (' + problem.error + '); want {type: "nnplay", id, ' +
        'method: one of ' + METHODS.join(', ') + ', args: [...]}', msg);
      reply_to(event, { type: 'nnplay', id: msg.id, ok: false, error: problem.error,
        field: problem.field });
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
    reply_to(event, reply);
    // Events the call caused (a step, a lesson, a pause) follow its reply at once.
    poke = true;
    tick();
  });
})();
