#!/usr/bin/env node
// `npm run bench`: how much slower than a bare tree-sitter parse is a cold audit, and how much faster is a
// warm one? Every figure is a ratio against a baseline measured in the same run on the same files, so
// results compare across machines. Method and goals: docs/performance.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CORPORA, discover, materialise, sample } from './corpora.mjs';
import { measureParse, measureSize } from './parse-baseline.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin/otelwright.js');
const BUILT_ENTRY = join(ROOT, 'dist/cli/main.js');
const GOALS = { cold_over_parse_max: 1.5, warm_over_cold_max: 0.1 };

const USAGE = `Usage: node bench/audit-bench.mjs [options]   (npm run bench builds first)

Times, per corpus: a single-threaded tree-sitter parse of every file (best of --runs), a cold audit
(fresh cache) and a warm audit (same cache, nothing changed), each audit a separate process.

Options:
  --corpus LIST       comma-separated: ${Object.keys(CORPORA).join(',')} (default: all)
  --max-files N       at most N files per corpus, spread evenly over the tree
  --runs N            parse-only passes, the fastest counts (default 3)
  --baseline-only     measure parsing alone; no audit (works before otelwright is built)
  --json              print the results as JSON instead of a table
  --check             exit 1 when a goal is missed (cold/parse <= ${GOALS.cold_over_parse_max}, warm/cold < ${GOALS.warm_over_cold_max})
  -h, --help          this help
`;

class UsageError extends Error {}

function positiveInt(name, value, fallback) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive integer, got ${value}`);
  return n;
}

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string' },
      'max-files': { type: 'string' },
      runs: { type: 'string' },
      'baseline-only': { type: 'boolean' },
      json: { type: 'boolean' },
      check: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const corpora = values.corpus ? values.corpus.split(',').map((c) => c.trim()) : Object.keys(CORPORA);
  const unknown = corpora.filter((c) => !(c in CORPORA));
  if (unknown.length)
    throw new UsageError(`unknown corpus ${unknown.join(', ')}; choose from ${Object.keys(CORPORA)}`);
  return {
    help: values.help === true,
    corpora,
    maxFiles: positiveInt('max-files', values['max-files'], null),
    runs: positiveInt('runs', values.runs, 3),
    baselineOnly: values['baseline-only'] === true,
    json: values.json === true,
    check: values.check === true,
  };
}

const log = (message) => process.stderr.write(`bench: ${message}\n`);

/** One `otelwright audit` process, timed from spawn to exit. */
function timeAudit(corpusDir, cacheDir, reportPath) {
  const args = [
    CLI,
    'audit',
    corpusDir,
    '--format',
    'json',
    '--output',
    reportPath,
    '--cache-dir',
    cacheDir,
    '--quiet',
  ];
  return new Promise((done) => {
    const start = performance.now();
    // cwd is the corpus, so no otelwright.yaml of this repository is picked up.
    const child = spawn(process.execPath, args, { cwd: corpusDir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 16_000) stderr += chunk;
    });
    child.on('error', (err) => done({ seconds: null, filesAudited: null, error: err.message }));
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0 || !existsSync(reportPath)) {
        done({
          seconds: null,
          filesAudited: null,
          // The head of stderr holds the message; the rest of a stack trace rarely helps.
          error: `audit exited ${code}: ${stderr.trim().split('\n').slice(0, 6).join('\n') || '(no output)'}`,
        });
        return;
      }
      try {
        const report = JSON.parse(readFileSync(reportPath, 'utf8'));
        done({ seconds, filesAudited: report.files_audited ?? null, error: null });
      } catch (err) {
        done({ seconds: null, filesAudited: null, error: `unreadable report ${reportPath}: ${err.message}` });
      }
    });
  });
}

const ratio = (a, b) => (a === null || b === null || b === 0 ? null : a / b);

async function benchCorpus(name, options, workDir) {
  const corpus = CORPORA[name];
  const root = corpus.root(ROOT);
  if (!root) return { corpus: name, skipped: `${corpus.label} not found on this machine` };

  const files = sample(discover(root, corpus.accepts), options.maxFiles);
  if (files.length === 0) return { corpus: name, skipped: `no source files under ${root}` };
  const corpusDir = join(workDir, name);
  log(`${name}: copying ${files.length} files from ${root}`);
  const copies = materialise(root, files, corpusDir);
  const size = measureSize(copies);

  log(`${name}: parse-only baseline, best of ${options.runs}`);
  const parse = measureParse(copies, options.runs);
  const row = {
    corpus: name,
    source: root,
    files: copies.length,
    lines: size.lines,
    bytes: size.bytes,
    files_with_syntax_errors: parse.withErrors,
    parse_seconds: parse.seconds,
    parse_lines_per_second: Math.round(size.lines / parse.seconds),
  };
  if (options.baselineOnly) return row;

  const cacheDir = join(workDir, `${name}.cache`);
  mkdirSync(cacheDir);
  log(`${name}: cold audit`);
  const cold = await timeAudit(corpusDir, cacheDir, join(workDir, `${name}.cold.json`));
  log(`${name}: warm audit`);
  const warm = cold.error ? cold : await timeAudit(corpusDir, cacheDir, join(workDir, `${name}.warm.json`));
  const coldOverParse = ratio(cold.seconds, parse.seconds);
  const warmOverCold = ratio(warm.seconds, cold.seconds);
  return {
    ...row,
    files_audited: cold.filesAudited,
    cold_seconds: cold.seconds,
    cold_over_parse: coldOverParse,
    warm_seconds: warm.seconds,
    warm_over_cold: warmOverCold,
    cold_goal_met: coldOverParse !== null && coldOverParse <= GOALS.cold_over_parse_max,
    warm_goal_met: warmOverCold !== null && warmOverCold < GOALS.warm_over_cold_max,
    error: cold.error ?? warm.error,
  };
}

const fixed = (value, digits) => (value === null || value === undefined ? '-' : value.toFixed(digits));
/** A ratio with whether it meets its goal, or '-' when it was not measured. */
const goalCell = (value, digits, met) =>
  value === null || value === undefined ? '-' : `${fixed(value, digits)} ${met ? 'ok' : 'MISSED'}`;
const thousands = (n) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : String(n));

function table(rows) {
  const header = [
    'corpus',
    'files',
    'lines',
    'parse s',
    'lines/s',
    'cold s',
    'cold/parse',
    'warm s',
    'warm/cold',
  ];
  const body = rows
    .filter((r) => !r.skipped)
    .map((r) => [
      r.corpus,
      String(r.files),
      String(r.lines),
      fixed(r.parse_seconds, 2),
      thousands(r.parse_lines_per_second),
      fixed(r.cold_seconds, 2),
      goalCell(r.cold_over_parse, 2, r.cold_goal_met),
      fixed(r.warm_seconds, 2),
      goalCell(r.warm_over_cold, 3, r.warm_goal_met),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const notes = rows.flatMap((r) => {
    if (r.skipped) return [`${r.corpus}: skipped, ${r.skipped}`];
    const out = [];
    if (r.error) out.push(`${r.corpus}: ${r.error}`);
    if (r.files_audited !== undefined && r.files_audited !== null && r.files_audited !== r.files) {
      out.push(`${r.corpus}: the audit counted ${r.files_audited} files, the baseline parsed ${r.files}`);
    }
    return out;
  });
  const goals = `goals: cold/parse <= ${GOALS.cold_over_parse_max}, warm/cold < ${GOALS.warm_over_cold_max}`;
  return [line(header), ...body.map(line), '', goals, ...notes].join('\n');
}

async function main() {
  let options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!options.baselineOnly && !existsSync(BUILT_ENTRY)) {
    process.stderr.write(
      'bench: otelwright is not built (dist/cli/main.js is missing). Run `npm run bench`, which builds ' +
        'first, or `npm run build`; `--baseline-only` measures parsing without the audit.\n',
    );
    return 2;
  }

  const workDir = mkdtempSync(join(tmpdir(), 'otelwright-bench-'));
  const rows = [];
  try {
    for (const name of options.corpora) rows.push(await benchCorpus(name, options, workDir));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const result = {
    node: process.version,
    cpus: availableParallelism(),
    parse_runs: options.runs,
    max_files: options.maxFiles,
    goals: GOALS,
    corpora: rows,
  };
  process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${table(rows)}\n`);

  const measured = rows.filter((r) => !r.skipped);
  if (measured.some((r) => r.error)) return 1;
  if (options.check && !options.baselineOnly && measured.some((r) => !r.cold_goal_met || !r.warm_goal_met))
    return 1;
  return 0;
}

process.exitCode = await main();
