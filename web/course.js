// The sample course page's script (web/course.html), on the helper web/nnplay-embed.js: the
// buttons under the first figure drive that embedded playground, the line under them follows
// its events (no polling), and the third figure takes the height its playground asks for
// (autoheight=1). A file of its own, so the page runs under script-src 'self'. Also the model of
// what a course page needs, nothing more.
(function () {
  'use strict';
  const out = document.getElementById('demo-state');
  const log = document.getElementById('demo-events');
  const demo = NNPlay.connect(document.getElementById('demo'), { timeout: 5000 });

  function show(s) {
    const loss = typeof s.train_loss === 'number' ? s.train_loss.toFixed(4) : 'n/a';
    out.textContent = 'step ' + s.step + ', training loss ' + loss +
      (s.playing ? ' (playing)' : '');
  }
  const seen = [];
  function note(name) {
    if (seen[seen.length - 1] === name) return;
    seen.push(name);
    if (seen.length > 8) seen.shift();
    log.textContent = 'events: ' + seen.join(', ');
  }
  for (const name of ['ready', 'playing', 'paused', 'step', 'diverged', 'lesson', 'goal']) {
    demo.on(name, (e) => {
      note(name);
      if (name === 'diverged') out.textContent = 'diverged: ' + e.reason;
      else show(e);
    });
  }
  demo.ready.then(show, (err) => { out.textContent = err.message; });

  for (const button of document.querySelectorAll('button[data-call]')) {
    button.addEventListener('click', () => {
      const args = button.dataset.args ? JSON.parse(button.dataset.args) : [];
      demo.call(button.dataset.call, ...args)
        .then(() => demo.call('state'))
        .then(show, (err) => { out.textContent = 'error: ' + err.message; });
    });
  }

  // The self-sizing frame: the helper applies the height; the caption says what it was.
  const auto = NNPlay.connect(document.getElementById('auto'), { autoHeight: true,
    readyTimeout: 0 });
  const auto_out = document.getElementById('auto-height');
  auto.on('lti.frameResize', (m) => { auto_out.textContent = 'height: ' + m.height + ' px, set by the playground'; });

  // For the browser test and the console: a call's reply as {ok, result} or {ok: false, error}.
  window.nnplayCourse = {
    demo: demo,
    auto: auto,
    call(method, args) {
      return demo.call(method, ...(args || [])).then((result) => ({ ok: true, result: result }),
        (err) => ({ ok: false, error: err.message, field: err.field }));
    },
  };
})();
