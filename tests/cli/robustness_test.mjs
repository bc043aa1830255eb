// Robustness tests of nnplay-cli (CTest `cli-robustness`): malformed and absurd input through
// every file and flag (config JSON, dataset CSV, model JSON, numeric options) exits with code 2 and
// exactly one short, printable line on stderr naming the problem, and never crashes.
// Usage: node tests/cli/robustness_test.mjs path/to/nnplay-cli   (node:test)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = process.argv[2];
if (!BIN || !fs.existsSync(BIN)) {
  console.error('usage: node robustness_test.mjs path/to/nnplay-cli');
  process.exit(2);
}
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-cli-robustness-'));
process.on('exit', () => fs.rmSync(DIR, { recursive: true, force: true }));

let fileCount = 0;
function file(content) {
  const p = path.join(DIR, `input-${fileCount++}`);
  fs.writeFileSync(p, content);
  return p;
}
const json = (v) => file(JSON.stringify(v));
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
// Just under a config file's 1 MB limit (src/io/input_limits.hpp): reaches the parser.
const NEAR_MB = 'x'.repeat(1024 * 1024 - 100);

function run(args, input) {
  const r = spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8', timeout: 120000,
                                   maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.error, undefined, `spawn failed: ${r.error}`);
  assert.equal(r.signal, null, `nnplay-cli ${args.join(' ').slice(0, 200)} died of ${r.signal}`);
  return r;
}

// A valid config, a valid model (network [] on the default data: one 1x2 linear layer) to break.
const OK = json({ data: { dataset: 'xor', points: 100 }, network: { hidden: [] } });
const model = (over) => file(JSON.stringify({
  format: 'nnplay-model', version: 1, config: { network: { hidden: [] } }, steps: 1,
  layers: [{ activation: 'linear', W: [[0.5, -0.25]], b: [0] }], ...over,
}));
const modelText = (steps, W) => file(
  `{"format": "nnplay-model", "version": 1, "config": {"network": {"hidden": []}}, "steps": ${steps}, ` +
  `"layers": [{"activation": "linear", "W": ${W}, "b": [0]}]}`);

const train = (cfg, ...rest) => ['train', '--config', cfg, '--steps', '1', ...rest];

// [what, argv, pattern the one line must match, stdin]
const CASES = [
  // --- config files: absurd sizes and values ---
  ['10^9 points', train(json({ data: { points: 1e9 } })), /data\.points: must be an integer in 10\.\.5000/],
  ['1000 units', train(json({ network: { hidden: [1000] } })), /network\.hidden: layer 0 has 1000 units \(1-64 allowed\)/],
  ['100 layers', train(json({ network: { hidden: Array(100).fill(2) } })), /network\.hidden: at most 8 hidden layers/],
  ['learning rate 1e308', train(json({ optimizer: { learning_rate: 1e308 } })), /optimizer\.learning_rate: must be in \(0, 10\]/],
  ['learning rate 1e400', train(file('{"optimizer": {"learning_rate": 1e400}}')),
    /optimizer\.learning_rate: number 1e400 is out of range/],
  ['NaN literal', train(file('{"optimizer": {"learning_rate": NaN}}')), /malformed JSON at line 1, column \d+/],
  ['NaN string', train(json({ optimizer: { learning_rate: 'NaN' } })), /optimizer\.learning_rate: expected a number, got string "NaN"/],
  ['negative batch size', train(json({ batch_size: -5 })), /batch_size: must be an integer in 1\.\.1000, got -5/],
  ['huge seed in the config', train(file('{"seed": 18446744073709551616}')), /seed: must be an integer in 0\.\.9007199254740992/],
  ['deeply nested JSON', train(file('['.repeat(200000))), /input-\d+: JSON nested deeper than 64 levels/],
  ['deeply nested value', train(file('{"network": {"hidden": ' + '['.repeat(1000))), /network\.hidden: JSON nested deeper than 64 levels/],
  ['1 MB enum name', train(json({ loss: NEAR_MB })), /loss: unknown loss "x{40}\.\.\." \(allowed: /],
  ['1 MB key', train(json({ [NEAR_MB]: 1 })), /x{40}\.\.\.: unknown key/],
  ['duplicate key', train(file('{"seed": 1, "seed": 2}')), /seed: duplicate key "seed"/],
  ['nested duplicate key', train(file('{"optimizer": {"kind": "sgd", "kind": "adam"}}')), /optimizer\.kind: duplicate key/],
  ['truncated JSON', train(file('{"seed": 1, "data": {"poi')), /malformed JSON at line 1/],
  ['empty config file', train(file('')), /malformed JSON at line 1, column 1/],
  ['binary config file', train(file(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x1b]))), /malformed JSON at line 1/],
  ['config not an object', train(file('[1, 2]')), /input-\d+: expected an object, got array \[1,2\]/],
  ['control characters in a name', train(file('{"loss": "a\\u0000\\n\\u001b[31m"}')), /loss: unknown loss "a\?\?\?\[31m"/],
  ['multi-byte text cut in the message', train(json({ seed: 'a' + 'é'.repeat(40) })), /seed: must be an integer/],
  ['1 MB number on stdin', ['train', '--config', '-'], /<stdin>: seed: number 1{40}\.\.\. is out of range/, '{"seed": ' + '1'.repeat(1024 * 1024 - 100)],
  // Size limits, checked while reading (a file, /dev/zero, stdin): one byte past the limit.
  ['10 MB config file', train(json({ loss: TEN_MB })), /config file '.*input-\d+': more than 1 MB, the limit for a config file/],
  ['--config /dev/zero', train('/dev/zero'), /config file '\/dev\/zero': more than 1 MB, the limit for a config file/],
  ['--data /dev/zero', train(OK, '--data', '/dev/zero'), /data file '\/dev\/zero': more than 16 MB, the limit for a data file/],
  ['--load /dev/zero', ['train', '--load', '/dev/zero'], /model file '\/dev\/zero': more than 16 MB, the limit for a model file/],
  // nlohmann's lexer stops at a NUL byte: the text after it was ignored.
  ['text after a NUL byte', train(file(Buffer.from('{"seed": 5}\0garbage'))), /malformed JSON at line 1, column 12: a NUL byte/],
  ['a second JSON value', train(file('{"seed": 5}\n{"seed": 6}')), /malformed JSON at line 2, column 1/],
  // Quadratic before (31 s for 200 000 objects, 11 s for these): refused in one pass.
  ['120 000 objects', train(json({ network: { hidden: Array.from({ length: 120000 }, () => ({ a: 1 })) } })),
    /network\.hidden(\[0\])?: /],
  ['control characters in a path', train(path.join(DIR, 'a\u001b[31mb\u0007')), /cannot read config file '.*a\?\[31mb\?': No such file/],
  ['--config= (no value)', ['train', '--config='], /'--config=' has no value: write --config VALUE/],

  // --- numeric flags ---
  ['--steps 1e9', ['train', '--config', OK, '--steps', '1000000000'], /--steps/],
  ['--steps 1e30', ['train', '--config', OK, '--steps', '1000000000000000000000000000000'], /--steps/],
  ['--steps abc', ['train', '--config', OK, '--steps', 'abc'], /--steps/],
  ['--seed -1', ['train', '--config', OK, '--seed', '-1'], /--seed/],
  ['--seed 2^53 + 1', ['train', '--config', OK, '--seed', '9007199254740993'], /--seed/],
  ['--record-every 0', ['train', '--config', OK, '--record-every', '0'], /--record-every/],
  ['--seconds 1e308', ['bench', '--config', OK, '--seconds', '1e308'], /--seconds/],
  ['--eps nan', ['gradcheck', '--config', OK, '--eps', 'nan'], /--eps/],
  ['--eps 1e400', ['gradcheck', '--config', OK, '--eps', '1e400'], /--eps/],

  // --- dataset CSV (--data) ---
  ['CSV NaN', train(OK, '--data', file('x1,x2,label\nnan,1,0\n1,1,1\n')), /line 2, column 1: 'nan' is not a finite number \(x1\)/],
  ['CSV 1e308', train(OK, '--data', file('1e308,1,0\n')), /line 1, column 1: x1 = '1e308' is outside -1000\.\.1000/],
  ['CSV label 7', train(OK, '--data', file('1,2,0\n1,2,7\n')), /line 2, column 3: class label 7 is not in 0\.\.4/],
  ['CSV truncated row', train(OK, '--data', file('x1,x2,label\n1,2,0\n1,2')), /line 3: expected 3 columns/],
  ['CSV 10 MB line of commas', train(OK, '--data', file(','.repeat(10 * 1024 * 1024))), /line 1: expected 3 columns .* found 10485761/],
  ['CSV 10 MB field', train(OK, '--data', file('1,2,' + TEN_MB + '\n')), /line 1, column 3: 'x{24}\.\.\.' is not a number \(label\)/],
  ['CSV binary', train(OK, '--data', file(Buffer.from([0x00, 0xff, 0x1b, 0x2c, 0x80, 0x2c, 0x01, 0x0a]))), /line 1, column 1: '\?\?\?' is not a number/],
  // Was accepted, then reported as a divergence ("lower the learning rate"); the app refused it.
  ['CSV all rows in test', train(OK, '--data', file('x1,x2,label,split\n1,2,0,test\n2,1,1,test\n')), /every row is in the test split; at least one must be train/],
  ['CSV header only', train(OK, '--data', file('x1,x2,label,split\r\n')), /no data rows/],

  // --- model files (--load) ---
  ['model truncated', ['train', '--load', file('{"format": "nnplay-model", "version": 1, "conf')], /malformed JSON at line 1/],
  ['model steps 2^64 - 1', ['train', '--load', modelText('18446744073709551615', '[[0, 0]]')],
    /steps: expected an integer in 0\.\.9007199254740991 \(2\^53 - 1\), got number 18446744073709551615/],
  ['model negative steps', ['train', '--load', model({ steps: -1 })], /steps: expected an integer in 0\.\./],
  // Was accepted; one more step overflowed (UBSan abort; release saved a negative count).
  ['model steps 2^63 - 1', ['train', '--load', modelText('9223372036854775807', '[[0, 0]]'), '--steps', '1'],
    /steps: expected an integer in 0\.\.9007199254740991/],
  ['model steps 2^53 - 1 and one more step', ['train', '--load', modelText('9007199254740991', '[[0.5, -0.25]]'), '--steps', '1'],
    /--steps 1: the model has been trained 9007199254740991 steps; the total would pass the limit/],
  ['--record-every 1 past 100 000 rows', ['train', '--config', OK, '--steps', '200000', '--history', path.join(DIR, 'h.csv'), '--record-every', '1'],
    /--record-every 1: 200000 steps would keep 200000 history rows; the limit is 100000/],
  ['model weight 1e400', ['train', '--load', modelText('1', '[[0, 1e400]]')], /layers\[0\]\.W\[0\]\[1\]: number 1e400 is out of range/],
  ['model NaN weight', ['train', '--load', modelText('1', '[[0, null]]')], /layers\[0\]\.W\[0\]\[1\]: expected a finite number/],
  ['model duplicate key', ['train', '--load', modelText('1, "steps": 2', '[[0, 0]]')], /steps: duplicate key/],
  ['model 1000-unit config', ['train', '--load', model({ config: { network: { hidden: [1000] } } })], /config\.network\.hidden: layer 0 has 1000 units/],
  ['model wrong shape', ['train', '--load', model({ layers: [{ W: [[1, 2, 3]], b: [0] }] })], /layers\[0\]\.W: expected 1x2, got 1x3/],
  ['model 10 MB format', ['train', '--load', model({ format: TEN_MB })], /format: expected "nnplay-model", got string "x{40}\.\.\."/],
  ['model nested weights', ['train', '--load', modelText('1', '['.repeat(100000))], /layers\[0\]\.W: JSON nested deeper than 64 levels/],
];

test(`bad input through nnplay-cli exits 2 with one short line (${CASES.length} cases)`, () => {
  assert.ok(CASES.length >= 30);
  const failures = [];
  for (const [what, argv, pattern, input] of CASES) {
    try {
      const r = run(argv, input);
      assert.equal(r.status, 2, `exit ${r.status}, stderr ${r.stderr.slice(0, 300)}`);
      assert.equal(r.stdout, '', 'stdout should be empty');
      assert.ok(r.stderr.endsWith('\n'), 'stderr should end with a newline');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `expected one line, got ${JSON.stringify(r.stderr.slice(0, 300))}`);
      const line = lines[0];
      assert.match(line, /^nnplay-cli: error: /);
      assert.ok(line.length <= 1200, `a ${line.length}-character line`);
      // Printable: no control characters, no U+FFFD (node's stand-in for invalid UTF-8).
      assert.doesNotMatch(line, /[\u0000-\u001f\u007f\ufffd]/, 'unprintable characters');
      assert.match(line, pattern, line.slice(0, 300));
      assert.doesNotMatch(line, /terminate|Aborted|what\(\)|internal error|json\.exception/);
    } catch (e) {
      failures.push(`${what}: ${e.message}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('a valid config and model still work after all that', () => {
  const r = run(['train', '--load', model({}), '--steps', '0']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).steps, 1);
  assert.equal(run(train(OK)).status, 0);
});

// Was a bug: CLI11's Range validator compares with < and >, so NaN passed it; `bench --seconds nan`
// ran a zero-length benchmark and exited 0, and `gradcheck --tolerance nan` printed "passed": false
// but exited 0. Fixed in src/cli/main.cpp with a finite-number check on every floating option.
test('NaN and infinite numeric options are refused', () => {
  for (const argv of [['bench', '--config', OK, '--seconds', 'nan'],
                      ['gradcheck', '--config', OK, '--tolerance', 'nan'],
                      ['gradcheck', '--config', OK, '--tolerance', 'inf'],
                      ['gradcheck', '--config', OK, '--eps', 'NaN'],
                      ['bench', '--config', OK, '--seconds', '-inf']]) {
    const r = run(argv);
    const opt = argv[argv.length - 2];
    assert.equal(r.status, 2, `${argv.join(' ')}: exit ${r.status}`);
    assert.match(r.stderr, new RegExp(`^nnplay-cli: error: .*${opt}.*finite`), argv.join(' '));
    assert.equal(r.stdout, '', argv.join(' '));
  }
});

// Standard input that never ends: read up to one byte past the limit, then refused.
test('--config - with /dev/zero on stdin is refused at the limit', () => {
  const zero = fs.openSync('/dev/zero', 'r');
  try {
    const r = spawnSync(BIN, ['train', '--config', '-'], { stdio: [zero, 'pipe', 'pipe'],
                                                          encoding: 'utf8', timeout: 120000 });
    assert.equal(r.signal, null);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^nnplay-cli: error: config file from standard input: more than 1 MB, the limit for a config file/);
  } finally {
    fs.closeSync(zero);
  }
});

// Step counts: a model at 2^53 - 1 loads, re-saves and loads again; past it nothing wraps.
test('a model at the step limit round-trips', () => {
  const saved = path.join(DIR, 'at-limit.json');
  const r = run(['train', '--load', modelText('9007199254740991', '[[0.5, -0.25]]'), '--steps', '0',
                 '--save', saved]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).steps, 9007199254740991);
  assert.match(fs.readFileSync(saved, 'utf8'), /"steps":9007199254740991/);
  const again = run(['train', '--load', saved, '--steps', '0']);
  assert.equal(again.status, 0, again.stderr);
});

// History is kept only as asked: without --record-every a run past 100 000 steps records every
// 2^k-th step (at most 100 000 rows), step 0 first.
test('--history stays bounded on a long run', () => {
  const out = path.join(DIR, 'long-history.csv');
  const r = run(['train', '--config', OK, '--steps', '250000', '--history', out]);
  assert.equal(r.status, 0, r.stderr);
  const rows = fs.readFileSync(out, 'utf8').trimEnd().split('\n').slice(1);
  assert.ok(rows.length <= 100001, `${rows.length} rows`);
  assert.ok(rows.length >= 50000, `${rows.length} rows`);
  assert.equal(rows[0].split(',')[0], '0');
  assert.equal(rows[1].split(',')[0], '4');  // 250000 / 4 = 62500 <= 100000
  assert.equal(rows[rows.length - 1].split(',')[0], '250000');
});
