// The course page's side of an embedded Backprop Playground (docs/embedding.md): one small file,
// no build step, no eval (it runs under script-src 'self'), usable from any origin.
//   <script src="https://where.the.playground.is/nnplay-embed.js"></script>
//   const p = NNPlay.connect(document.getElementById('demo'), {timeout: 5000, autoHeight: true});
//   await p.ready;                        // the embed runs (resolves to its 'ready' event)
//   await p.call('step', 10);             // -> 10; rejects with an Error (.field) on ok: false
//   const off = p.on('step', (e) => ...); // 'ready' 'playing' 'paused' 'step' 'diverged' 'lesson'
//                                         // 'goal' 'resize' 'lti.frameResize' '*'; off() stops
//   p.close();                            // stops listening; pending calls reject
// Calls wait for the embed to be ready (messages posted earlier would reach the blank page an
// iframe starts with), then are posted to the iframe's own origin only; replies and events are
// taken only from that window and that origin.
(function (global) {
  'use strict';
  const EVENTS = ['ready', 'playing', 'paused', 'step', 'diverged', 'lesson', 'goal', 'resize',
    'lti.frameResize', '*'];

  function error_of(message, field, code) {
    const e = new Error(message);
    if (field) e.field = field;
    if (code) e.code = code;
    return e;
  }

  // The origin the iframe's page comes from, or '*' when it cannot be known (srcdoc, blank).
  function origin_of(iframe) {
    try {
      const u = new URL(iframe.getAttribute('src') || '', document.baseURI);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : '*';
    } catch (e) {
      return '*';
    }
  }

  // options: timeout (ms per call, default 5000), readyTimeout (ms until ready rejects, default
  // 30000; 0 = wait for ever, e.g. for a loading="lazy" frame), autoHeight (set the iframe's
  // height from the embed's lti.frameResize and resize events).
  function connect(target, options) {
    const iframe = typeof target === 'string' ? document.querySelector(target) : target;
    if (!iframe || !iframe.tagName || iframe.tagName.toLowerCase() !== 'iframe') {
      throw error_of('NNPlay.connect: expected an <iframe> element or a selector of one',
        'iframe');
    }
    const opt = Object.assign({ timeout: 5000, readyTimeout: 30000, autoHeight: false },
      options || {});
    const origin = origin_of(iframe);
    const handlers = new Map();  // event name -> Set of functions
    const pending = new Map();   // id -> {resolve, reject, timer, method}
    let next_id = 1;
    let closed = false;
    let is_ready = false;
    let resolve_ready, reject_ready;
    const ready = new Promise((resolve, reject) => {
      resolve_ready = resolve;
      reject_ready = reject;
    });
    ready.catch(() => {});  // a page that never awaits it sees no unhandled rejection
    let ready_timer = 0;
    if (opt.readyTimeout > 0) {
      ready_timer = setTimeout(() => {
        if (!is_ready) {
          reject_ready(error_of('NNPlay: the embed did not become ready within ' +
            opt.readyTimeout + ' ms (' + (iframe.getAttribute('src') || 'no src') + ')',
          undefined, 'timeout'));
        }
      }, opt.readyTimeout);
    }

    function dispatch(name, data) {
      for (const key of [name, '*']) {
        const set = handlers.get(key);
        if (!set) continue;
        for (const fn of Array.from(set)) {
          try {
            fn(data);
          } catch (e) {
            console.error('NNPlay: a handler of "' + name + '" threw', e);
          }
        }
      }
    }
    function became_ready(data) {
      if (is_ready) return;
      is_ready = true;
      clearTimeout(ready_timer);
      resolve_ready(data);
    }
    function set_height(h) {
      if (opt.autoHeight && Number.isFinite(h) && h > 0) iframe.style.height = Math.round(h) + 'px';
    }

    function on_message(event) {
      if (closed || event.source !== iframe.contentWindow) return;
      if (origin !== '*' && event.origin !== origin) return;
      let data = event.data;
      if (typeof data === 'string' && data.indexOf('lti.frameResize') >= 0) {
        try { data = JSON.parse(data); } catch (e) { return; }
      }
      if (!data || typeof data !== 'object') return;
      if (data.subject === 'lti.frameResize') {
        set_height(Number(data.height));
        dispatch('lti.frameResize', data);
        return;
      }
      if (data.type !== 'nnplay') return;
      if (typeof data.event === 'string') {
        if (data.event === 'resize') set_height(Number(data.height));
        if (data.event === 'ready') became_ready(data);
        dispatch(data.event, data);
        return;
      }
      if (!('ok' in data) || !pending.has(data.id)) return;
      const p = pending.get(data.id);
      pending.delete(data.id);
      clearTimeout(p.timer);
      if (data.ok) p.resolve(data.result);
      else p.reject(error_of(data.error || 'NNPlay: "' + p.method + '" failed', data.field));
    }
    window.addEventListener('message', on_message);

    // Posts a call now (the embed queues it until its app runs); resolves to the reply's result.
    function post(method, args, timeout) {
      return new Promise((resolve, reject) => {
        if (closed) {
          reject(error_of('NNPlay: the connection is closed', undefined, 'closed'));
          return;
        }
        const id = 'nnplay-' + next_id++;
        const timer = timeout > 0 ? setTimeout(() => {
          pending.delete(id);
          reject(error_of('NNPlay: no reply to "' + method + '" within ' + timeout + ' ms',
            undefined, 'timeout'));
        }, timeout) : 0;
        pending.set(id, { resolve, reject, timer, method });
        try {
          iframe.contentWindow.postMessage({ type: 'nnplay', id: id, method: method, args: args },
            origin);
        } catch (e) {
          pending.delete(id);
          clearTimeout(timer);
          reject(e);
        }
      });
    }

    // The embed may have been ready before this page listened (its 'ready' event missed): a
    // state() call answers too. Posted now and on every load of the frame; one posted while the
    // frame still shows its blank page is lost, the one after its load is not.
    function probe() {
      if (is_ready || closed) return;
      post('state', [], 0).then((s) => became_ready(Object.assign({ type: 'nnplay',
        event: 'ready' }, s)), () => {});
    }
    iframe.addEventListener('load', probe);
    probe();

    const connection = {
      iframe: iframe,
      origin: origin,
      ready: ready,
      call(method) {
        const args = Array.prototype.slice.call(arguments, 1);
        if (typeof method !== 'string') {
          return Promise.reject(error_of('NNPlay: call(method, ...args) needs a method name',
            'method'));
        }
        return ready.then(() => post(method, args, opt.timeout));
      },
      on(name, fn) {
        if (EVENTS.indexOf(name) < 0) {
          throw error_of('NNPlay: unknown event "' + name + '" (events: ' + EVENTS.join(', ') +
            ')', 'event');
        }
        if (typeof fn !== 'function') throw error_of('NNPlay: on(event, fn) needs a function', 'fn');
        if (!handlers.has(name)) handlers.set(name, new Set());
        handlers.get(name).add(fn);
        return () => handlers.get(name).delete(fn);
      },
      close() {
        if (closed) return;
        closed = true;
        window.removeEventListener('message', on_message);
        iframe.removeEventListener('load', probe);
        clearTimeout(ready_timer);
        for (const p of pending.values()) {
          clearTimeout(p.timer);
          p.reject(error_of('NNPlay: the connection is closed', undefined, 'closed'));
        }
        pending.clear();
        if (!is_ready) reject_ready(error_of('NNPlay: the connection is closed', undefined, 'closed'));
      },
    };
    return connection;
  }

  global.NNPlay = { connect: connect, EVENTS: EVENTS.slice() };
})(window);
