#!/usr/bin/env node
// Writes FILE.br (brotli, quality 11) and FILE.gz (gzip -9) next to each compressible file of a
// built web app (the wasm, the scripts, the pages, the styles), so that scripts/serve.mjs, or any
// static host configured for precompressed files (nginx gzip_static / brotli_static, Caddy
// precompressed, Netlify, GitHub Pages' own gzip), sends ~30 % of the bytes without compressing
// per request. A compressed file is rewritten only when it no longer decompresses to its source
// (a copy may keep an old modification time, so times alone are not trusted).
//   node scripts/precompress.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = new Set(['.wasm', '.js', '.mjs', '.html', '.css', '.svg', '.json', '.txt']);
const MIN_BYTES = 1024;  // smaller files gain nothing worth a second request path

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
  console.error('usage: node scripts/precompress.mjs DIR (a built web app, e.g. build/web/dist)');
  process.exit(2);
}

// out holds source's bytes; its time is brought up to the source's so servers that compare
// times (scripts/serve.mjs) take it.
function fresh(out, source, st, decompress) {
  if (!fs.existsSync(out)) return false;
  try {
    if (!decompress(fs.readFileSync(out)).equals(source)) return false;
  } catch {
    return false;
  }
  if (fs.statSync(out).mtimeMs < st.mtimeMs) {
    const t = (Math.ceil(st.mtimeMs) + 1) / 1000;  // whole milliseconds: utimes rounds
    fs.utimesSync(out, t, t);
  }
  return true;
}
let written = 0;
for (const name of fs.readdirSync(dir)) {
  const file = path.join(dir, name);
  const st = fs.statSync(file);
  if (!st.isFile() || !COMPRESSIBLE.has(path.extname(name).toLowerCase())) continue;
  const source = fs.readFileSync(file);
  for (const [ext, compress, decompress] of [
    ['.br', (b) => zlib.brotliCompressSync(b, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }), zlib.brotliDecompressSync],
    ['.gz', (b) => zlib.gzipSync(b, { level: 9 }), zlib.gunzipSync]]) {
    const out = file + ext;
    if (st.size < MIN_BYTES) {
      fs.rmSync(out, { force: true });
      continue;
    }
    if (fresh(out, source, st, decompress)) continue;
    const tmp = out + '.tmp';
    fs.writeFileSync(tmp, compress(source));
    fs.renameSync(tmp, out);
    ++written;
  }
}
if (written) console.error(`precompress: wrote ${written} files in ${dir}`);
