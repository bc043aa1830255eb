// What the app asks of the page (src/app/platform_web.cpp calls window.nnplayPage[name](arg)):
// copies to the system clipboard, new tabs, the File menu's picker and downloads, the cursor, the
// keyboard focus (only ever given by a click or tap, never taken), pasted text, and the start;
// off screen (or past the eighth embed of a page, its WebGL context too) it rests.
// An external file, so the page runs under script-src 'self' 'wasm-unsafe-eval'.
(function () {
  'use strict';
  const canvas = document.getElementById('canvas');
  const MAX_PASTE = 100000;  // characters typed into a text field by one paste
  let started = false;  // the app runs (its WebGL context exists)

  window.nnplayPage = {
    ready() {
      if (window.Module && window.Module.onNnplayReady) window.Module.onNnplayReady();
      started = true;
      if (window.nnplayPage.visibilityChanged) window.nnplayPage.visibilityChanged();
    },
    // Copies go to the system clipboard through the async Clipboard API (a textarea +
    // execCommand fallback where it is refused, e.g. an iframe without allow="clipboard-write").
    copyText(t) {
      const fallback = function () {
        const area = document.createElement('textarea');
        area.value = t;
        document.body.appendChild(area);
        area.select();
        try {
          document.execCommand('copy');
        } catch (e) {
          console.warn('nnplay: copy failed', e);
        }
        area.remove();
        canvas.focus({ preventScroll: true });
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(t).catch(fallback);
      } else {
        fallback();
      }
    },
    openUrl(url) { window.open(url, '_blank', 'noopener'); },
    // The Share dialog's live preview: the embed link in a frame of the chosen size over the page
    // (scaled down to fit a smaller window), with a Close button; Escape closes it too.
    preview(arg) {
      let o;
      try { o = JSON.parse(arg); } catch (e) { return; }
      const old = document.getElementById('nnplay-preview');
      if (old) old.remove();
      const box = document.createElement('div');
      box.id = 'nnplay-preview';
      box.setAttribute('role', 'dialog');
      box.setAttribute('aria-label', 'Embed preview');
      const bar = document.createElement('div');
      bar.className = 'bar';
      const title = document.createElement('span');
      title.textContent = 'Embed preview, ' + o.width + ' × ' + o.height + ' px';
      const close = document.createElement('button');
      close.type = 'button';
      close.textContent = 'Close';
      const frame = document.createElement('iframe');
      frame.src = o.url;
      frame.width = o.width;
      frame.height = o.height;
      frame.title = 'Embed preview';
      const scale = Math.min(1, (window.innerWidth - 40) / o.width,
        (window.innerHeight - 80) / o.height);
      if (scale < 1) {
        frame.style.transform = 'scale(' + scale + ')';
        frame.style.transformOrigin = '0 0';
        box.style.width = Math.round(o.width * scale) + 'px';
        box.style.height = Math.round(o.height * scale + 36) + 'px';
      }
      const done = () => {
        box.remove();
        document.removeEventListener('keydown', on_key, true);
        canvas.focus({ preventScroll: true });
      };
      const on_key = (e) => { if (e.key === 'Escape') { e.stopPropagation(); done(); } };
      close.addEventListener('click', done);
      document.addEventListener('keydown', on_key, true);
      bar.append(title, close);
      box.append(bar, frame);
      document.body.appendChild(box);
      close.focus({ preventScroll: true });
    },
    fileRequest(action) {
      if (window.nnplayFiles) window.nnplayFiles.request(Number(action));
    },
    setCursor(css) { canvas.style.cursor = css; },
    // A tap on the canvas gives it the keyboard focus (touch events are prevented, so the
    // browser does not do it itself).
    focusCanvas() {
      if (document.activeElement !== canvas) canvas.focus({ preventScroll: true });
    },
  };

  // Off screen nothing trains or draws: the canvas scrolled out of the (top-level) viewport, as
  // an embed below the fold, or the tab is hidden.
  let on_screen = true;
  function tell_visible() {
    // Only once the app runs: nnplay.js defines the export before the wasm code is there (and
    // ready() tells the app then).
    const m = window.Module;
    if (started && m && m._nnplay_visible) m._nnplay_visible(on_screen && !document.hidden ? 1 : 0);
    update_release();
  }

  // Many embeds on one page: a browser keeps only so many WebGL contexts alive per page
  // (Chromium 16; past that it drops the oldest). With more than MAX_LIVE_EMBEDS playgrounds in
  // the parent page, one that stays off screen for RELEASE_AFTER_MS releases its context
  // (WEBGL_lose_context) and asks for it back when it returns; boot.js's context-loss path
  // rebuilds every GL object then. The playgrounds in the page find each other with a hello
  // posted to every frame of the parent (an answer from the ones already there).
  const MAX_LIVE_EMBEDS = 8;
  const RELEASE_AFTER_MS = 1000;
  const siblings = new Set();  // windows of the other playgrounds in the parent page
  let lose_ext = null;         // WEBGL_lose_context of the released context
  let release_timer = 0;
  function update_release() {
    const want = started && on_screen === false && siblings.size + 1 > MAX_LIVE_EMBEDS;
    if (!want) {
      clearTimeout(release_timer);
      release_timer = 0;
      if (lose_ext) {
        const ext = lose_ext;
        lose_ext = null;
        ext.restoreContext();  // webglcontextrestored follows (boot.js)
      }
      return;
    }
    if (!lose_ext && !release_timer) release_timer = setTimeout(release, RELEASE_AFTER_MS);
  }
  function release() {
    release_timer = 0;
    // The app's own context (getContext returns the existing one once the app made it).
    const gl = canvas.getContext('webgl2');
    const ext = gl && !gl.isContextLost() ? gl.getExtension('WEBGL_lose_context') : null;
    if (!ext) return;
    lose_ext = ext;
    ext.loseContext();  // webglcontextlost: the app stops drawing (boot.js)
  }
  if (window.parent !== window) {
    window.addEventListener('message', (e) => {
      const d = e.data;
      if (!d || typeof d !== 'object' || d.type !== 'nnplay-sibling' || !e.source ||
          e.source === window) return;
      if (d.hello) e.source.postMessage({ type: 'nnplay-sibling' }, '*');
      if (!siblings.has(e.source)) {
        siblings.add(e.source);
        update_release();
      }
    });
    try {
      const frames = window.parent.frames;
      for (let i = 0; i < frames.length; ++i) {
        if (frames[i] !== window) frames[i].postMessage({ type: 'nnplay-sibling', hello: true }, '*');
      }
    } catch (e) {
      console.warn('nnplay: could not look for other playgrounds in the page', e);
    }
  }
  window.nnplayPage.embedsInPage = () => siblings.size + 1;
  if (typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      on_screen = entries[entries.length - 1].isIntersecting;
      tell_visible();
    }).observe(canvas);
  }
  document.addEventListener('visibilitychange', tell_visible);
  window.nnplayPage.visibilityChanged = tell_visible;

  // Pasting into the focused canvas types the text into the focused text field.
  canvas.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!text || !window.Module || !window.Module._nnplay_paste) return;
    e.preventDefault();
    window.Module.ccall('nnplay_paste', null, ['string'], [text.slice(0, MAX_PASTE)]);
  });
})();
