// What the app asks of the page (src/app/platform_web.cpp calls window.nnplayPage[name](arg)):
// copies to the system clipboard, new tabs, the File menu's picker and downloads, the cursor, the
// keyboard focus (only ever given by a click or tap, never taken), pasted text, and the start.
// An external file, so the page runs under script-src 'self' 'wasm-unsafe-eval'.
(function () {
  'use strict';
  const canvas = document.getElementById('canvas');
  const MAX_PASTE = 100000;  // characters typed into a text field by one paste

  window.nnplayPage = {
    ready() {
      if (window.Module && window.Module.onNnplayReady) window.Module.onNnplayReady();
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
    const m = window.Module;
    if (m && m._nnplay_visible) m._nnplay_visible(on_screen && !document.hidden ? 1 : 0);
  }
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
