#!/usr/bin/env node
// Static file server for the built web app (build/web/dist by default) on 127.0.0.1, with the
// right MIME type for .wasm. Prints exactly one line, "Serving at http://127.0.0.1:N/", and
// nothing per request. Node only (no python on a fresh machine).
//   node scripts/serve.mjs [--port N] [--dir DIR] [--csp POLICY]   (default: DEFAULT_CSP; '' = none)
// --port 0 picks a free port; without --port, 8000 and the next ports are tried until one is free.
// Also a module: startServer({root, port, host, csp}) -> Promise<{server, port, url}>.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_HEADER_BYTES = 96 * 1024;
// The page's own policy (what web/index.html declares): scripts only from the origin, plus
// compiling WebAssembly; inline styles for the loading bar. --csp '' sends none.
export const DEFAULT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
  "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'";

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// The encoding to send FILE in: 'br' or 'gzip' when the request accepts it (q > 0) and FILE.br /
// FILE.gz exists and is at least as new as FILE; null for the file itself.
export function pick_encoding(accept, file, st) {
  const accepted = new Map();
  for (const part of String(accept || '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(token, q ? Number(q.slice(2)) : 1);
  }
  for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    const q = accepted.has(name) ? accepted.get(name) : accepted.get('*') || 0;
    if (!(q > 0)) continue;
    try {
      if (fs.statSync(file + ext).mtimeMs >= st.mtimeMs) return { name, ext };
    } catch { /* no precompressed copy */ }
  }
  return null;
}

function handler(root, csp) {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.resolve(root, '.' + rel);
    if (file !== root && !file.startsWith(root + path.sep)) {  // no way out of the root
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        file = path.join(file, 'index.html');
        st = fs.existsSync(file) ? fs.statSync(file) : null;
      }
      if (err || !st || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
        return;
      }
      // A precompressed copy (scripts/precompress.mjs) when the browser accepts it and the copy
      // is not older than the file; the type stays the original's (application/wasm keeps
      // streaming compilation).
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      const encoding = pick_encoding(req.headers['accept-encoding'], file, st);
      let body = file;
      let size = st.size;
      if (encoding) {
        body = file + encoding.ext;
        size = fs.statSync(body).size;
      }
      const headers = {
        'Content-Type': type,
        'Content-Length': size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        Vary: 'Accept-Encoding',
      };
      if (encoding) headers['Content-Encoding'] = encoding.name;
      if (csp) headers['Content-Security-Policy'] = csp;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(body).on('error', () => res.destroy()).pipe(res);
    });
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startServer({ root, port = 0, host = '127.0.0.1', csp = '', tries = 1 } = {}) {
  const dir = path.resolve(root);
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html not found: build the web app first (scripts/build-web)`);
  }
  // Node refuses request headers over 16 KB with HTTP 431; a link's query may be up to 64 KB
  // (src/io/input_limits.hpp kMaxLinkBytes), so allow that with room for the other headers.
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, handler(dir, csp));
  for (let i = 0; ; ++i) {
    try {
      const actual = await listen(server, port === 0 ? 0 : port + i, host);
      return { server, port: actual, url: `http://${host}:${actual}/` };
    } catch (e) {
      if (e.code !== 'EADDRINUSE' || i + 1 >= tries || port === 0) throw e;
    }
  }
}

async function main(argv) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  let dir = path.join(root, 'build', 'web', 'dist');
  let port = 8000;
  let tries = 20;
  let csp = DEFAULT_CSP;
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--port' && i + 1 < argv.length) {
      port = Number(argv[++i]);
      tries = 1;
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`serve: --port expects 0..65535, got ${argv[i]}`);
        process.exit(2);
      }
    } else if (a === '--dir' && i + 1 < argv.length) {
      dir = path.resolve(argv[++i]);
    } else if (a === '--csp' && i + 1 < argv.length) {
      csp = argv[++i];
    } else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/serve.mjs [--port N] [--dir DIR] [--csp POLICY]');
      process.exit(0);
    } else {
      console.error(`serve: unknown argument ${a}`);
      process.exit(2);
    }
  }
  try {
    const { url } = await startServer({ root: dir, port, csp, tries });
    console.log(`Serving at ${url}`);
  } catch (e) {
    console.error(`serve: ${e.code === 'EADDRINUSE' ? `port ${port} is in use (try --port 0)` : e.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
