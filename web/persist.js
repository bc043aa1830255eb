// Drawn points survive a reload: while the app is on user data, the points (as the dataset CSV)
// and the config they train with are kept in localStorage under this page's path and query; the
// next load restores them with a notice (banner and live region), unless the link names another
// dataset. Leaving user data marks the entry inactive (the Data panel's Undo still has them).
// Storage that is switched off or full is said once in the notice, never silently.
// An external file, so the page runs under script-src 'self' 'wasm-unsafe-eval'.
(function () {
  'use strict';
  const KEY = 'nnplay:user-data:' + location.pathname + location.search;
  const SAVE_MS = 1000;

  function storage() {
    try {
      return window.localStorage || null;  // null or a throw: blocked (privacy settings, file://)
    } catch (e) {
      return null;
    }
  }
  function announce(text) {
    const live = document.getElementById('live');
    if (!live || !text) return;
    live.textContent = '';
    setTimeout(() => { live.textContent = text; }, 30);
  }
  function read(st) {
    try {
      const v = JSON.parse(st.getItem(KEY) || 'null');
      return v && typeof v === 'object' && typeof v.data === 'string' ? v : null;
    } catch (e) {
      return null;
    }
  }
  function current_hash() { return location.hash.replace(/^#/, ''); }

  function start(nnplay) {
    const st = storage();
    let warned = false;
    function trouble(text) {
      if (warned) return;
      warned = true;
      console.warn('nnplay: ' + text);
      try { nnplay._call('nnplay_notify', null, ['string'], [text]); } catch (e) { /* stopped */ }
      announce(text);
    }
    let saved = st ? read(st) : null;
    // Restore: the app did not start on user data, and the link does not name another dataset
    // (a reload keeps the hash it was saved with; a link to other settings keeps those settings).
    if (saved && saved.active && !nnplay.state().user_data) {
      const hash = current_hash();
      const names_dataset = /(^|&)ds=/.test(hash);
      if (!names_dataset || hash === saved.hash) {
        const keep = hash !== '' && hash !== saved.hash ? 1 : 0;
        let r;
        try {
          r = JSON.parse(nnplay._call('nnplay_restore_user_data', 'string', ['string', 'number'],
            [saved.data, keep]));
        } catch (e) {
          r = { ok: false, message: String(e && e.message || e) };
        }
        if (!r.ok) console.warn('nnplay: ' + r.message);
        announce(r.message);
      }
    }
    let last = saved && saved.active ? saved.data : null;
    let seen_frame = -1;
    function save(force) {
      const m = window.Module;
      const frame = m && m._nnplay_frame ? m._nnplay_frame() : -1;
      if (!force && frame >= 0 && frame === seen_frame) return;  // nothing ran: nothing changed
      seen_frame = frame;
      let data;
      try { data = nnplay._call('nnplay_user_data', 'string'); } catch (e) { return; }
      if (!data && last === null) return;
      if (!st) {
        if (data) trouble('Your drawn points cannot be kept in this browser (storage is off): ' +
          'export them as CSV before you leave.');
        return;
      }
      const entry = data ? { active: true, hash: current_hash(), data: data }
        : Object.assign({}, saved || {}, { active: false });
      if (data && data === last && saved && saved.hash === entry.hash) return;
      try {
        st.setItem(KEY, JSON.stringify(entry));
        saved = entry;
        last = data || null;
      } catch (e) {
        trouble('Your drawn points could not be saved in this browser (' +
          String(e && e.name || e) + '): export them as CSV before you leave.');
      }
    }
    setInterval(() => save(false), SAVE_MS);
    // A reload right after an edit: save on the way out too.
    window.addEventListener('pagehide', () => save(true));
    document.addEventListener('visibilitychange', () => { if (document.hidden) save(true); });
  }

  if (window.nnplay) window.nnplay.ready.then(start);
})();
