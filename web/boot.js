// Boots the playground: checks for WebAssembly and WebGL 2 (a readable message if either is
// missing), downloads nnplay.wasm with a progress bar, then starts nnplay.js on the canvas.
// An external file, so the page runs under script-src 'self' 'wasm-unsafe-eval'.
(function () {
  'use strict';
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const progress = document.getElementById('progress');
  const status = document.getElementById('status');

  function folder_of(pathname) {
    let dir = decodeURIComponent(pathname).replace(/[^/]*$/, '');
    if (/^\/[A-Za-z]:\//.test(dir)) dir = dir.slice(1);  // file:///C:/... on Windows
    return /[\s'"]/.test(dir) ? '"' + dir + '"' : dir;
  }

  function fail(title, text) {
    loading.hidden = true;
    document.getElementById('error-title').textContent = title;
    document.getElementById('error-text').textContent = text;
    document.getElementById('error').hidden = false;
  }

  // The single-file build (scripts/build-web --single-file) carries nnplay.js and the wasm inside
  // the page: nothing to download, so it also runs from disk.
  const single_file = document.documentElement.hasAttribute('data-single-file');
  if (location.protocol === 'file:' && !single_file) {
    fail('The playground needs a web server',
      'Browsers do not load WebAssembly from a page opened from disk: serve this folder, e.g. ' +
      'run ./scripts/run in the project (or node scripts/serve.mjs --dir ' +
      folder_of(location.pathname) + ') and open the address it prints; or build the ' +
      'one-file page that opens from disk with scripts/build-web --single-file.');
    return;
  }

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('WebAssembly is not available',
      'This browser cannot run WebAssembly, which the playground is built on. Use a current ' +
      'Firefox, Chrome, Edge or Safari (WebAssembly may also be switched off by a policy).');
    return;
  }
  const probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) {
    fail('WebGL 2 is not available',
      'The playground draws with WebGL 2, which this browser does not offer (or has switched ' +
      'off, e.g. when hardware acceleration is disabled). Enable hardware acceleration or use ' +
      'a current Firefox, Chrome, Edge or Safari.');
    return;
  }
  const lose = probe.getExtension('WEBGL_lose_context');
  if (lose) lose.loseContext();

  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  // A lost WebGL context (GPU reset, driver update, a sleeping laptop) comes back by itself:
  // preventDefault asks the browser to restore it. Meanwhile the app keeps training and only
  // stops drawing; on restore it rebuilds its GL objects (platform.cpp). Nothing to reload.
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    if (window.Module && window.Module._nnplay_gl_lost) window.Module._nnplay_gl_lost();
  });
  canvas.addEventListener('webglcontextrestored', () => {
    if (window.Module && window.Module._nnplay_gl_restored) window.Module._nnplay_gl_restored();
  });

  function show(fraction, text) {
    if (fraction === null) {
      progress.classList.add('indeterminate');
    } else {
      progress.classList.remove('indeterminate');
      progress.style.width = Math.round(100 * Math.min(1, fraction)) + '%';
    }
    if (text) status.textContent = text;
  }

  function progress_text(received, total) {
    return 'Loading… ' + (received / 1048576).toFixed(1) + ' of ' + (total / 1048576).toFixed(1) +
      ' MB';
  }

  // Downloads and instantiates nnplay.wasm. With instantiateStreaming V8 compiles while the bytes
  // arrive (the first frame comes sooner); the stream passes through a counter for the progress
  // bar, and is re-wrapped with the wasm MIME type so any static server works.
  async function instantiate_wasm(url, imports) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body) {
      show(null, 'Loading…');
      return WebAssembly.instantiate(await response.arrayBuffer(), imports);
    }
    if (!total) show(null, 'Loading…');
    let received = 0;
    const counted = response.body.pipeThrough(new TransformStream({
      transform(chunk, controller) {
        received += chunk.length;
        if (total) show(Math.min(1, received / total), progress_text(received, total));
        controller.enqueue(chunk);
      },
      flush() { show(1, 'Starting…'); },
    }));
    const wasm = new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
    if (typeof WebAssembly.instantiateStreaming === 'function') {
      return WebAssembly.instantiateStreaming(wasm, imports);
    }
    return WebAssembly.instantiate(await wasm.arrayBuffer(), imports);
  }

  // The page's URL goes to main() (platform.cpp): the hash holds the config and seed of a shared
  // link, the query the embed parameters (docs/embedding.md); a host page can restrict the
  // postMessage origins with <meta name="nnplay-allowed-origins" content="https://a.edu,...">.
  const args = ['--page', location.origin + location.pathname, '--query', location.search,
    '--hash', location.hash];
  const meta = document.querySelector('meta[name="nnplay-allowed-origins"]');
  if (meta) args.push('--meta-origins', meta.getAttribute('content') || '');
  // prefers-reduced-motion: no autoplay (embeds too) and fewer redraws.
  if (window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
    args.push('--reduced-motion', '1');
  }

  window.Module = {
    canvas: canvas,
    arguments: args,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    instantiateWasm: single_file ? undefined : function (imports, done) {
      instantiate_wasm('nnplay.wasm', imports)
        .then((result) => done(result.instance, result.module))
        .catch((err) => fail('The playground could not load', String(err && err.message || err)));
      return {};  // instantiated asynchronously
    },
    // Called by the app (platform.cpp) once its first frame is set up.
    // The app never takes the keyboard focus itself: a click, a tap or Tab gives it.
    onNnplayReady: function () {
      loading.hidden = true;
      window.nnplay._attach(window.Module);
    },
    // A trap shows the error card with a Reload that keeps the link (nnplay-api.js).
    onAbort: function (what) {
      if (window.nnplay && window.nnplay._fatal) window.nnplay._fatal('Aborted: ' + what);
      else fail('The playground stopped', String(what));
    },
  };

  if (single_file) {
    if (!window.Module.instantiateWasm) delete window.Module.instantiateWasm;
    show(null, 'Starting…');  // nnplay.js follows inline, the wasm inside it
    return;
  }
  show(0, 'Loading…');
  const script = document.createElement('script');
  script.src = 'nnplay.js';
  script.onerror = () => fail('The playground could not load', 'nnplay.js is missing.');
  document.body.appendChild(script);
})();
