#!/usr/bin/env node
// Metrics scaffolding throughput on generated request handlers, per language: handlers planned and
// written per second (audit + plan + format + atomic write, no checker). For Go the same handlers run
// twice: spread over packages of 8 files, then all in one package, whose files each see the others
// (the package-wide view): the ratio shows whether that view costs more than linear.
// Run after `npm run build`: node bench/metrics-bench.mjs [go,python,typescript] [--json]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstrument } from '../dist/instrument/run-instrument.js';
import { toolkits } from '../dist/instrument/toolkits.js';

const FILES = Number(process.env.BENCH_FILES ?? 96);
const HANDLERS_PER_FILE = 6;

const goHandler = (f, k) => `
func (h *Handler${f}) Get${k}(w http.ResponseWriter, r *http.Request) {
	item, ok := h.items[r.PathValue("id")]
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(item)
}
`;

const GENERATORS = {
  go: {
    family: 'go',
    setup: (dir) => {
      const golden = join(process.cwd(), 'test/golden/metrics/go');
      writeFileSync(
        join(dir, 'go.mod'),
        readFileSync(join(golden, 'go.mod'), 'utf8').replace(/^module .*$/m, 'module example.com/bench'),
      );
      writeFileSync(join(dir, 'go.sum'), readFileSync(join(golden, 'go.sum')));
    },
    file: (pkg, f) => {
      const routes = Array.from(
        { length: HANDLERS_PER_FILE },
        (_, k) => `\tmux.HandleFunc("GET /items${f}/${k}/{id}", h.Get${k})`,
      ).join('\n');
      return [
        `${pkg}/handlers${f}.go`,
        `package ${pkg}\n\nimport (\n\t"encoding/json"\n\t"net/http"\n)\n\ntype Handler${f} struct{ items map[string]string }\n\nfunc (h *Handler${f}) Routes(mux *http.ServeMux) {\n${routes}\n}\n${Array.from({ length: HANDLERS_PER_FILE }, (_, k) => goHandler(f, k)).join('')}`,
      ];
    },
  },
  python: {
    family: 'python',
    setup: (dir) => writeFileSync(join(dir, 'requirements.txt'), 'opentelemetry-api>=1.24.0\nflask\n'),
    file: (pkg, f) => [
      `${pkg}/views${f}.py`,
      `from flask import Blueprint, abort, jsonify\n\nbp${f} = Blueprint("items${f}", __name__)\nITEMS: dict[str, str] = {}\n${Array.from({ length: HANDLERS_PER_FILE }, (_, k) => `\n\n@bp${f}.get("/items${f}/${k}/<item_id>")\ndef get_item_${k}(item_id):\n    item = ITEMS.get(item_id)\n    if item is None:\n        abort(404)\n    return jsonify(item)\n`).join('')}`,
    ],
  },
  typescript: {
    family: 'node',
    setup: (dir) => {
      writeFileSync(
        join(dir, 'package.json'),
        '{\n  "name": "bench",\n  "type": "module",\n  "dependencies": { "@opentelemetry/api": "^1.9.0", "express": "^4.21.0" }\n}\n',
      );
      execFileSync('ln', ['-s', join(process.cwd(), 'node_modules'), join(dir, 'node_modules')]);
    },
    file: (pkg, f) => [
      `src/${pkg}/routes${f}.js`,
      `import express from 'express';\n\nexport const router${f} = express.Router();\nconst items = new Map();\n${Array.from({ length: HANDLERS_PER_FILE }, (_, k) => `\nrouter${f}.get('/items${f}/${k}/:id', async (req, res) => {\n  const item = items.get(req.params.id);\n  if (!item) {\n    res.status(404).json({ error: 'not found' });\n    return;\n  }\n  res.json(item);\n});\n`).join('')}`,
    ],
  },
};

async function run(language, filesPerPackage) {
  const gen = GENERATORS[language];
  const dir = mkdtempSync(join(tmpdir(), `otelwright-metrics-bench-${language}-`));
  try {
    gen.setup(dir);
    for (let f = 0; f < FILES; f++) {
      const [path, text] = gen.file(`pkg${Math.floor(f / filesPerPackage)}`, f);
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const t0 = performance.now();
    const summary = await runInstrument({
      paths: ['.'],
      cwd: dir,
      configPath: null,
      cacheDir: null,
      jobs: 2,
      selection: { minSeverity: 'low', gapTypes: ['missing_metric'], only: [] },
      reportGaps: null,
      dryRun: false,
      validate: false,
      force: true,
      unsafe: false,
      toolkits: { [gen.family]: toolkits[gen.family] },
    });
    const seconds = (performance.now() - t0) / 1000;
    return { handlers: summary.planned.length, files: summary.filesChanged.length, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const language of (process.argv[2] && !process.argv[2].startsWith('--')
  ? process.argv[2]
  : Object.keys(GENERATORS).join(',')
).split(',')) {
  const spread = await run(language, 8);
  const row = { language, ...spread, handlersPerSecond: Math.round(spread.handlers / spread.seconds) };
  if (language === 'go') {
    const single = await run(language, FILES);
    row.onePackageSeconds = single.seconds;
    row.onePackageRatio = single.seconds / spread.seconds;
  }
  rows.push(row);
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(
    'language    files handlers  audit+plan+write s  handlers/s  one package s  one package ÷ spread',
  );
  for (const r of rows)
    console.log(
      `${r.language.padEnd(11)} ${String(r.files).padStart(5)} ${String(r.handlers).padStart(8)}  ${r.seconds.toFixed(2).padStart(17)}  ${String(r.handlersPerSecond).padStart(10)}  ${r.onePackageSeconds === undefined ? '            -' : r.onePackageSeconds.toFixed(2).padStart(13)}  ${r.onePackageRatio === undefined ? '-' : r.onePackageRatio.toFixed(2)}`,
    );
}
