// Import/export in the browser: the File menu's picker (a hidden <input type=file>),
// drag-and-drop of files onto the page (with an overlay), downloads through Blob object URLs,
// and the boundary PNG (the app's RGBA pixels encoded by a canvas). Adds to window.nnplay:
//   exportConfig() -> JSON text     exportModel() -> JSON text (nnplay-cli's model format)
//   exportLossCsv() -> CSV text      exportBoundaryPng(size = 512) -> Promise<Blob> (image/png)
//   exportDataCsv() -> CSV text of the data (x1,x2,label,split; importText('csv', ...) reads it)
//   importText(kind, text[, name]) -> {ok, kind, error, field, line, column, message}
//                                     kind: 'auto' | 'csv' | 'config' | 'model' (another kind
//                                     is refused, field 'kind'); text at most 4 MB of UTF-8
//   importFile(file[, kind]) -> Promise of the same (the picker and drops use it)
// A failed import changes nothing; its message (file, line, problem) shows in the app.
(function () {
  'use strict';
  const MAX_BYTES = 4 * 1024 * 1024;  // files.hpp kMaxImportBytes
  // FileAction in src/app/app_state.hpp.
  const ACTIONS = [null, 'import', 'config', 'model', 'csv', 'png', 'data'];
  const NAMES = { config: 'nnplay-config.json', model: 'nnplay-model.json',
    csv: 'nnplay-loss.csv', png: 'nnplay-boundary.png', data: 'nnplay-data.csv' };
  const nnplay = window.nnplay;

  function mod() {
    if (!window.Module || !window.Module.ccall) {
      throw new Error('nnplay is not ready yet: await nnplay.ready first');
    }
    return window.Module;
  }

  // The last import's outcome, for screen readers (the app draws its own banner on the canvas).
  const status = document.createElement('div');
  status.id = 'file-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.className = 'visually-hidden';

  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'file-input';
  input.accept = '.csv,.json,.txt,text/csv,application/json';
  input.hidden = true;

  const overlay = document.createElement('div');
  overlay.id = 'drop-overlay';
  overlay.hidden = true;
  overlay.innerHTML = '<div class="card"><div class="title">Drop the file to import it</div>' +
    '<p>A dataset CSV (x1,x2,label[,split]) becomes your data; a config JSON applies its ' +
    'settings; a model JSON sets the network and its weights.</p></div>';

  function notify(text) {
    status.textContent = text;
    try {
      mod();
      nnplay._call('nnplay_notify', null, ['string'], [String(text).slice(0, 4096)]);
    } catch (err) {
      console.warn('nnplay:', text);
    }
  }

  const KINDS = ['auto', 'csv', 'config', 'model'];  // files.cpp import_kind_name

  // A refused import: nothing reaches the app; the same reply shape as the app's.
  function refused(kind, field, error, name) {
    const reply = { ok: false, kind: kind, field: field, line: null, column: null, error: error };
    reply.message = name + ': ' + error + ' (nothing was changed)';
    notify(reply.message);
    nnplay.lastImport = reply;
    return reply;
  }

  function importText(kind, text, name) {
    const m = mod();
    kind = kind === undefined || kind === null ? 'auto' : String(kind);
    // A file name is only a label in messages: a long one is cut (to 255, as file systems do),
    // never refused.
    name = String(name || 'import').slice(0, 255);
    if (KINDS.indexOf(kind) < 0) {
      return refused(kind.slice(0, 40), 'kind', 'unknown import kind "' + kind.slice(0, 40) +
        '" (allowed: ' + KINDS.join(', ') + ')', name);
    }
    text = String(text);
    const big = nnplay._overLimit('the file', text, nnplay.LIMITS.import);
    if (big) return refused(kind, 'file', big, name);
    // The text goes in as malloc'd bytes with a length (a NUL byte in it stays visible to C++).
    const bytes = new TextEncoder().encode(text);
    const ptr = m._malloc(bytes.length + 1);
    if (!ptr) return refused(kind, 'file', 'out of memory for ' + bytes.length + ' bytes', name);
    try {
      m.HEAPU8.set(bytes, ptr);  // HEAPU8 after malloc: memory growth replaces the buffer
      m.HEAPU8[ptr + bytes.length] = 0;
      const reply = JSON.parse(nnplay._call('nnplay_import', 'string',
        ['string', 'number', 'number', 'string'], [kind, ptr, bytes.length, name]));
      status.textContent = reply.message;
      nnplay.lastImport = reply;
      return reply;
    } finally {
      m._free(ptr);
    }
  }

  async function importFile(file, kind) {
    if (file.size > MAX_BYTES) {
      const reply = { ok: false, kind: kind || 'auto', field: 'file', line: null, column: null,
        error: 'the file is ' + (file.size / 1048576).toFixed(1) + ' MB; the limit is ' +
          MAX_BYTES / 1048576 + ' MB' };
      reply.message = file.name + ': ' + reply.error + ' (nothing was changed)';
      notify(reply.message);
      nnplay.lastImport = reply;
      return reply;
    }
    const text = await file.text();
    await nnplay.ready;
    return importText(kind || 'auto', text, file.name);
  }

  async function importFiles(files) {
    // In order: a CSV then a model trains the model on the CSV's points.
    let reply = null;
    for (const f of files) {
      reply = await importFile(f);
      if (!reply.ok) break;
    }
    const canvas = document.getElementById('canvas');
    if (canvas) canvas.focus();
    return reply;
  }

  function exportText(kind) {
    mod();
    const text = nnplay._call('nnplay_export_text', 'string', ['string'], [kind]);
    if (kind === 'data' && !text) {
      throw new Error('this dataset (ner_window, 20-d windows) has no 2D points to export');
    }
    return text;
  }

  function exportBoundaryPng(size) {
    const m = mod();
    const px = Math.max(16, Math.min(4096, Math.floor(Number(size) || 512)));
    const reply = JSON.parse(nnplay._call('nnplay_export_boundary', 'string', ['number'], [px]));
    if (!reply.ok) return Promise.reject(new Error(reply.error));
    const pixels = new Uint8ClampedArray(m.HEAPU8.buffer, reply.ptr, reply.size * reply.size * 4);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = reply.size;
    canvas.getContext('2d').putImageData(new ImageData(pixels.slice(), reply.size), 0, 0);
    return new Promise((resolve, reject) => {
      canvas.toBlob((blob) => blob ? resolve(blob) : reject(new Error('PNG encoding failed')),
        'image/png');
    });
  }

  // A blob: URL download (allowed under the page's CSP: it is a navigation, not a fetch).
  function download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  async function exportAndDownload(kind) {
    try {
      let blob;
      if (kind === 'png') {
        blob = await exportBoundaryPng(512);
      } else {
        const type = kind === 'csv' || kind === 'data' ? 'text/csv' : 'application/json';
        blob = new Blob([exportText(kind)], { type: type });
      }
      download(NAMES[kind], blob);
      notify('Downloaded ' + NAMES[kind]);
    } catch (err) {
      notify('Export failed: ' + String(err && err.message || err));
    }
  }

  Object.assign(nnplay, {
    exportConfig() { return exportText('config'); },
    exportModel() { return exportText('model'); },
    exportLossCsv() { return exportText('csv'); },
    exportDataCsv() { return exportText('data'); },
    exportBoundaryPng: exportBoundaryPng,
    importText(kind, text, name) { return importText(kind, text, name); },
    importFile: importFile,
    lastImport: null,
  });

  // Called by the app (platform.cpp) when a File menu item was chosen.
  window.nnplayFiles = {
    request(action) {
      const what = ACTIONS[action];
      if (what === 'import') {
        input.value = '';
        input.click();
      } else if (what) {
        exportAndDownload(what);
      }
    },
  };

  input.addEventListener('change', () => {
    if (input.files && input.files.length) importFiles(Array.from(input.files));
  });

  // Drag and drop anywhere on the page. dragenter/dragleave fire for every child element, so a
  // counter tells when the drag really left the window.
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    ++depth;
    overlay.hidden = false;
  });
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    overlay.hidden = false;
  });
  window.addEventListener('dragleave', (e) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  window.addEventListener('drop', (e) => {
    if (!e.dataTransfer) return;
    e.preventDefault();  // never let the browser open the file instead of the app
    depth = 0;
    overlay.hidden = true;
    const files = Array.from(e.dataTransfer.files || []);
    if (files.length) importFiles(files);
  });

  function attach() {
    document.body.appendChild(input);
    document.body.appendChild(overlay);
    document.body.appendChild(status);
  }
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);
})();
