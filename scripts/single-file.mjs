// Writes the playground as one HTML file that opens from disk (file://): web/index.html with its
// style sheet, icon and scripts inlined, and nnplay.js of the -sSINGLE_FILE=1 link (the wasm
// inside it as base64) as the last script. The page's CSP stays strict: inline scripts run only
// by their sha256 hashes (no 'unsafe-inline' for scripts), wasm still needs 'wasm-unsafe-eval',
// and fetch may read data: URLs only (the glue reads the embedded wasm that way).
//   node scripts/single-file.mjs --web web --js build/web/src/app/nnplay_single.js --out OUT.html
// scripts/build-web --single-file runs it through the nnplay_single_file CMake target.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

function arg(name) {
  const i = process.argv.indexOf('--' + name);
  if (i < 0 || i + 1 >= process.argv.length) {
    console.error('single-file: --' + name + ' is required (see the header of this script)');
    process.exit(2);
  }
  return process.argv[i + 1];
}

const web = arg('web');
const js = arg('js');
const out = arg('out');
let html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
const hashes = [];

// Inline script text must not close its own element early.
function script_element(code) {
  const text = code.replace(/<\/script/gi, '<\\/script');
  hashes.push("'sha256-" + crypto.createHash('sha256').update(text, 'utf8').digest('base64') + "'");
  return '<script>' + text + '</script>';
}

html = html.replace(/<html lang="en">/, '<html lang="en" data-single-file="">');
if (!html.includes('data-single-file')) throw new Error('index.html: no <html lang="en"> tag');
html = html.replace(/<link rel="stylesheet" href="([^"]+)">/g, (m, href) =>
  '<style>' + fs.readFileSync(path.join(web, href), 'utf8') + '</style>');
html = html.replace(/<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/g, (m, href) =>
  '<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,' +
  fs.readFileSync(path.join(web, href)).toString('base64') + '">');
html = html.replace(/<script src="([^"]+)"><\/script>/g, (m, src) =>
  script_element(fs.readFileSync(path.join(web, src), 'utf8')));
// boot.js (the last script of the page) does not load nnplay.js in this build: it follows here.
const app_js = script_element(fs.readFileSync(js, 'utf8'));
html = html.replace('</body>', () => app_js + '\n</body>');
if (/<script src=|<link rel="stylesheet"/.test(html)) throw new Error('a file was not inlined');
const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;
if (!csp.test(html)) throw new Error('index.html: no CSP meta tag');
html = html.replace(csp, (m, policy) => {
  // connect-src data:: Emscripten's glue fetches the embedded data: URL of the wasm (falling
  // back to decoding it itself, after a CSP violation report); nothing else is fetched.
  const next = policy.replace("script-src 'self' 'wasm-unsafe-eval'",
    "script-src 'wasm-unsafe-eval' " + hashes.join(' ') + '; connect-src data:');
  if (next === policy) throw new Error('index.html: the CSP has no script-src to extend');
  return '<meta http-equiv="Content-Security-Policy" content="' + next + '">';
});
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, html);
console.error('single-file: ' + out + ' (' + (html.length / 1048576).toFixed(2) + ' MB, ' +
  hashes.length + ' scripts)');
