// CLI tests of nnplay-cli (run by CTest as `cli-tests`): exit codes, JSON shape, one-line error
// messages for bad input, the save/load round trip, export CSV, gradcheck and bench.
// Usage: node tests/cli/cli_test.mjs path/to/nnplay-cli   (node:test; exits non-zero on failure)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = process.argv[2];
if (!BIN || !fs.existsSync(BIN)) {
  console.error('usage: node cli_test.mjs path/to/nnplay-cli');
  process.exit(2);
}
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-cli-test-'));
process.on('exit', () => fs.rmSync(DIR, { recursive: true, force: true }));

function file(name, text) {
  const p = path.join(DIR, name);
  fs.writeFileSync(p, text);
  return p;
}
const tmp = (name) => path.join(DIR, name);

function run(args, input) {
  const r = spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8', timeout: 120000 });
  assert.equal(r.error, undefined, `spawn failed: ${r.error}`);
  assert.equal(r.signal, null, `nnplay-cli ${args.join(' ')} died of ${r.signal}`);
  return r;
}
function runJson(args, input) {
  const r = run(args, input);
  assert.equal(r.status, 0, `nnplay-cli ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// A small tanh network on XOR: fast, and smooth enough for a tight gradient check.
const XOR = file('xor.json', JSON.stringify({
  seed: 7,
  data: { dataset: 'xor', points: 200, noise: 0.1 },
  network: { hidden: [4], activation: 'tanh' },
  optimizer: { kind: 'adam', learning_rate: 0.03 },
}));
const DEFAULT = file('default.json', '{}\n');

const TRAIN_KEYS = ['steps', 'train_loss', 'test_loss', 'train_accuracy', 'test_accuracy', 'diverged'];

test('--help lists the commands and exits 0', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  for (const c of ['train', 'gradcheck', 'bench', 'export']) assert.match(r.stdout, new RegExp(c));
  for (const c of ['train', 'gradcheck', 'bench', 'export']) {
    const s = run([c, '--help']);
    assert.equal(s.status, 0, `${c} --help`);
    assert.match(s.stdout, /--config/);
  }
});

test('train prints one JSON object with the documented keys', () => {
  const out = runJson(['train', '--config', XOR, '--steps', '300']);
  assert.deepEqual(Object.keys(out), TRAIN_KEYS);
  assert.equal(out.steps, 300);
  assert.equal(out.diverged, false);
  for (const k of ['train_loss', 'test_loss', 'train_accuracy', 'test_accuracy'])
    assert.equal(typeof out[k], 'number', k);
  assert.ok(out.train_accuracy >= 0.9, `XOR should train: ${out.train_accuracy}`);
  // stderr is not a terminal here: no progress bar, nothing at all.
  const r = run(['train', '--config', XOR, '--steps', '10']);
  assert.equal(r.stderr, '');
});

test('train is deterministic, --seed changes the run, config from stdin works', () => {
  const a = run(['train', '--config', XOR, '--steps', '200']).stdout;
  const b = run(['train', '--config', XOR, '--steps', '200']).stdout;
  assert.equal(a, b);
  const c = run(['train', '--config', '-', '--steps', '200'], fs.readFileSync(XOR, 'utf8')).stdout;
  assert.equal(a, c);
  const d = run(['train', '--config', XOR, '--steps', '200', '--seed', '8']).stdout;
  assert.notEqual(a, d);
});

test('train --history writes one CSV row per step', () => {
  const h = tmp('history.csv');
  const out = runJson(['train', '--config', XOR, '--steps', '50', '--history', h]);
  const lines = fs.readFileSync(h, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'step,train_loss,test_loss,train_accuracy,test_accuracy,learning_rate');
  assert.equal(lines.length, 1 + 51);  // steps 0..50
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',').map(Number);
    assert.equal(cells.length, 6);
    assert.equal(cells[0], i);
    assert.ok(cells.every(Number.isFinite), line);
  });
  // The last row is the state the JSON reports.
  const last = lines.at(-1).split(',').map(Number);
  assert.equal(last[1], out.train_loss);
  assert.equal(last[2], out.test_loss);
});

test('save / load round trip is exact', () => {
  const m = tmp('model.json');
  const trained = runJson(['train', '--config', XOR, '--steps', '250', '--save', m]);
  const model = JSON.parse(fs.readFileSync(m, 'utf8'));
  assert.equal(model.format, 'nnplay-model');
  assert.equal(model.steps, 250);
  // --load alone uses the model's config: same data, same weights, identical numbers.
  const loaded = runJson(['train', '--load', m, '--steps', '0']);
  assert.deepEqual(loaded, trained);
  // --config plus --load: the config's settings with the model's weights.
  const both = runJson(['train', '--config', XOR, '--load', m, '--steps', '0']);
  assert.deepEqual(both, trained);
  // Saving the loaded model again gives the same file.
  const m2 = tmp('model2.json');
  runJson(['train', '--load', m, '--steps', '0', '--save', m2]);
  assert.equal(fs.readFileSync(m2, 'utf8'), fs.readFileSync(m, 'utf8'));
  // Training on from a loaded model counts the steps on.
  const more = runJson(['train', '--load', m, '--steps', '10']);
  assert.equal(more.steps, 260);
});

test('export writes x1,x2,label,split and train --data reads it back', () => {
  const csv = tmp('data.csv');
  const cfg = file('export.json', JSON.stringify({
    seed: 3, data: { dataset: 'spiral', classes: 3, points: 300, train_fraction: 0.6 }, loss: 'softmax',
  }));
  const info = runJson(['export', '--config', cfg, '--out', csv]);
  assert.deepEqual(info, { out: csv, train_points: 180, test_points: 120, classes: 3 });
  const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'x1,x2,label,split');
  assert.equal(lines.length, 301);
  const rows = lines.slice(1).map((l) => l.split(','));
  for (const r of rows) {
    assert.equal(r.length, 4);
    assert.ok(Number.isFinite(Number(r[0])) && Number.isFinite(Number(r[1])));
    assert.ok(['0', '1', '2'].includes(r[2]), r[2]);
    assert.ok(['train', 'test'].includes(r[3]), r[3]);
  }
  assert.equal(rows.filter((r) => r[3] === 'train').length, 180);
  // --out - puts the same CSV on stdout.
  assert.equal(run(['export', '--config', cfg, '--out', '-']).stdout, fs.readFileSync(csv, 'utf8'));
  const out = runJson(['train', '--config', cfg, '--data', csv, '--steps', '100']);
  assert.deepEqual(Object.keys(out), TRAIN_KEYS);
});

test('gradcheck on a tanh net agrees with backprop to 1e-6', () => {
  const out = runJson(['gradcheck', '--config', XOR]);
  assert.equal(out.parameters, 4 * 2 + 4 + 1 * 4 + 1);
  assert.ok(out.max_relative_error < 1e-6, `max_relative_error ${out.max_relative_error}`);
  assert.equal(out.layers.length, 2);
  assert.deepEqual(out.layers.map((l) => l.shape), [[4, 2], [1, 4]]);
  assert.equal(Math.max(...out.layers.map((l) => l.max_relative_error)), out.max_relative_error);
  // After some training too, and --tolerance turns a failure into exit code 3.
  const trained = runJson(['gradcheck', '--config', XOR, '--steps', '100', '--tolerance', '1e-6']);
  assert.equal(trained.passed, true);
  assert.ok(trained.max_relative_error < 1e-6);
  const strict = run(['gradcheck', '--config', XOR, '--tolerance', '0']);
  assert.equal(strict.status, 3);
  assert.equal(JSON.parse(strict.stdout).passed, false);
});

test('bench reports positive throughputs', () => {
  const out = runJson(['bench', '--config', XOR, '--seconds', '0.2']);
  for (const k of ['samples_per_second', 'steps_per_second', 'grid_points_per_second']) {
    assert.equal(typeof out[k], 'number', k);
    assert.ok(out[k] > 0, k);
  }
  assert.equal(out.grid_resolution, 256);
  const ratio = out.samples_per_second / (out.steps_per_second * out.batch_size);
  assert.ok(Math.abs(ratio - 1) < 1e-12, `samples/steps ratio ${ratio}`);
});

test('divergence is reported, not crashed on', () => {
  const cfg = file('diverge.json', JSON.stringify({
    optimizer: { learning_rate: 10 }, network: { activation: 'linear', hidden: [8, 8] },
  }));
  const out = runJson(['train', '--config', cfg, '--steps', '300']);
  assert.equal(out.diverged, true);
  assert.equal(typeof out.divergence_reason, 'string');
  assert.ok(out.steps < 300);
});

// Bad input: exit code 2, exactly one line on stderr naming the problem, nothing on stdout.
const badModel = () => {
  const m = tmp('small-model.json');
  runJson(['train', '--config', XOR, '--steps', '1', '--save', m]);
  return m;
};
const BAD = [
  ['no command', [], /subcommand is required/],
  ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
  ['unknown option', ['train', '--config', XOR, '--bogus'], /--bogus/],
  ['train without a config', ['train'], /--config/],
  ['missing config file', ['train', '--config', tmp('nope.json')], /nope\.json.*No such file/],
  ['config is a directory', ['train', '--config', DIR], /directory/],
  ['malformed JSON', ['train', '--config', file('m.json', '{\n  "seed": 1,\n  "data": {"points": 10,}\n}')],
    /m\.json: malformed JSON at line 3, column \d+/],
  ['malformed JSON on stdin', ['train', '--config', '-'], /<stdin>: malformed JSON at line 1/, '{"seed": '],
  ['unknown key', ['train', '--config', file('k.json', '{"optimizer": {"lr": 0.1}}')],
    /optimizer\.lr: unknown key "lr" \(allowed: .*learning_rate/],
  ['out-of-range value', ['train', '--config', file('r.json', '{"optimizer": {"learning_rate": 50}}')],
    /optimizer\.learning_rate: must be in \(0, 10\], got 50/],
  ['bad enum name', ['train', '--config', file('e.json', '{"loss": "cubic"}')], /loss: unknown loss "cubic" \(allowed: /],
  ['wrong type', ['train', '--config', file('t.json', '{"data": {"points": "many"}}')], /data\.points: expected an integer/],
  ['too many hidden layers', ['train', '--config', file('h.json', '{"network": {"hidden": [1,1,1,1,1,1,1,1,1]}}')],
    /network\.hidden: at most 8 hidden layers/],
  ['negative steps', ['train', '--config', XOR, '--steps', '-1'], /--steps/],
  ['seed out of range', ['train', '--config', XOR, '--seed', '18446744073709551615'], /--seed/],
  ['missing CSV file', ['train', '--config', XOR, '--data', tmp('none.csv')], /none\.csv.*No such file/],
  ['bad CSV value', ['train', '--config', XOR, '--data', file('b.csv', 'x1,x2,label\n1,2,zz\n')],
    /b\.csv: line 2.*zz/],
  ['regression CSV with a classification loss', ['train', '--config', XOR, '--data',
    file('reg.csv', 'x1,x2,label\n1,2,0.5\n2,3,1.5\n3,1,0.25\n')], /regression.*mse/],
  ['user dataset without --data', ['train', '--config', file('u.json', '{"data": {"dataset": "user"}}')],
    /--data/],
  ['missing model file', ['train', '--load', tmp('nomodel.json')], /nomodel\.json.*No such file/],
  ['malformed model file', ['train', '--load', file('bm.json', '{"format": ')], /bm\.json: malformed JSON/],
  ['model without config', ['train', '--load', file('nc.json', '{"format": "nnplay-model"}')], /nc\.json: config/],
  ['model shape differs from config', () => ['train', '--config',
    file('s.json', '{"data": {"dataset": "xor"}, "network": {"hidden": [3]}}'), '--load', badModel()],
    /does not match/],
  ['unwritable history file', ['train', '--config', XOR, '--steps', '1', '--history', path.join(DIR, 'no', 'h.csv')],
    /cannot write history file/],
  ['export without --out', ['export', '--config', XOR], /--out is required/],
  ['bench with zero seconds', ['bench', '--config', XOR, '--seconds', '0'], /--seconds/],
  ['gradcheck with a bad config', ['gradcheck', '--config', file('g.json', '{"batch_size": 0}')], /batch_size/],
];

test(`bad input exits 2 with one line on stderr (${BAD.length} cases)`, () => {
  assert.ok(BAD.length >= 10);
  for (const [what, args, pattern, input] of BAD) {
    const argv = typeof args === 'function' ? args() : args;
    const r = run(argv, input);
    assert.equal(r.status, 2, `${what}: exit ${r.status}, stderr ${r.stderr}`);
    assert.equal(r.stdout, '', `${what}: stdout should be empty`);
    assert.ok(r.stderr.endsWith('\n'), `${what}: stderr should end with a newline`);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `${what}: expected one line, got ${JSON.stringify(r.stderr)}`);
    assert.match(lines[0], /^nnplay-cli: error: /, what);
    assert.match(lines[0], pattern, what);
    assert.doesNotMatch(lines[0], /terminate|Aborted|what\(\)/, what);
  }
});
