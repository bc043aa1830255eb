// The sample course page's script (web/course.html): the buttons under the first figure drive
// that embedded playground through postMessage and show its replies. A file of its own, so the
// page runs under script-src 'self'. Also the model of what a course page needs, nothing more.
(function () {
  'use strict';
  const frame = document.getElementById('demo');
  const out = document.getElementById('demo-state');
  const pending = new Map();  // id -> resolve
  let next_id = 1;

  // Messages posted before the embed's page has loaded would reach the blank document the iframe
  // starts with, so calls wait for its load event (the embed itself queues calls until its app
  // runs). Reading contentDocument throws when the playground is on another origin: then the
  // load event is the only sign.
  const loaded = new Promise((resolve) => {
    frame.addEventListener('load', resolve, { once: true });
    try {
      const doc = frame.contentDocument;
      if (doc && doc.readyState === 'complete' && doc.URL !== 'about:blank') resolve();
    } catch (e) { /* another origin: wait for load */ }
  });

  // Calls a method of the embedded playground; resolves to its reply {ok, result | error}.
  function call(method, args) {
    const id = next_id++;
    return loaded.then(() => new Promise((resolve) => {
      pending.set(id, resolve);
      frame.contentWindow.postMessage({ type: 'nnplay', id: id, method: method, args: args || [] },
        '*');
    }));
  }

  window.addEventListener('message', (event) => {
    // Only replies of our own embed (the same window it was created with).
    if (event.source !== frame.contentWindow) return;
    const msg = event.data;
    if (!msg || msg.type !== 'nnplay' || !('ok' in msg) || !pending.has(msg.id)) return;
    const resolve = pending.get(msg.id);
    pending.delete(msg.id);
    resolve(msg);
  });

  function show_state() {
    return call('state').then((reply) => {
      if (!reply.ok) return;
      const s = reply.result;
      const loss = s.train_loss === null ? 'n/a' : s.train_loss.toFixed(4);
      out.textContent = 'step ' + s.step + ', training loss ' + loss +
        (s.playing ? ' (playing)' : '');
    });
  }

  for (const button of document.querySelectorAll('button[data-call]')) {
    button.addEventListener('click', () => {
      const args = button.dataset.args ? JSON.parse(button.dataset.args) : [];
      call(button.dataset.call, args).then((reply) => {
        if (!reply.ok) out.textContent = 'error: ' + reply.error;
        else show_state();
      });
    });
  }

  // The readout follows the embed while it trains (the first call waits for it to load).
  show_state().then(() => setInterval(show_state, 500));
  window.nnplayCourse = { call: call };  // for the browser test and the console
})();
