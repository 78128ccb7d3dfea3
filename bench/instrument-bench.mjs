#!/usr/bin/env node
// Instrument throughput on a large generated tree, per language: functions and edits planned and applied
// per second (plan + format + atomic write), and how many checker invocations validation needed — which
// must grow with packages, not with files. Run after `npm run build`: node bench/instrument-bench.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstrument } from '../dist/instrument/run-instrument.js';
import { toolkits } from '../dist/instrument/toolkits.js';

const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 8);
const FILES_PER_PACKAGE = Number(process.env.BENCH_FILES ?? 12);
const FUNCTIONS_PER_FILE = 10;

const GENERATORS = {
  go: {
    family: 'go',
    // The golden module's go.mod/go.sum already pin go.opentelemetry.io/otel, so nothing is fetched.
    setup: (dir) => {
      const mod = readFileSync(join(process.cwd(), 'test/golden/go/go.mod'), 'utf8').replace(
        /^module .*$/m,
        'module example.com/bench',
      );
      writeFileSync(join(dir, 'go.mod'), mod);
      writeFileSync(join(dir, 'go.sum'), readFileSync(join(process.cwd(), 'test/golden/go/go.sum')));
    },
    file: (p, f) => [
      `pkg${p}/store${f}.go`,
      `package pkg${p}\n\nimport "context"\n\ntype Store${f} interface {\n\tLoad(ctx context.Context, id string) (string, error)\n}\n`,
      `pkg${p}/service${f}.go`,
      `package pkg${p}\n\nimport (\n\t"context"\n\t"errors"\n)\n\ntype Service${f} struct{ store Store${f} }\n${Array.from({ length: FUNCTIONS_PER_FILE }, (_, k) => `\n// LoadOrder${k} loads an order.\nfunc (s *Service${f}) LoadOrder${k}(ctx context.Context, orderID string) (string, error) {\n\tif orderID == "" {\n\t\treturn "", errors.New("empty order id")\n\t}\n\tv, err := s.store.Load(ctx, orderID)\n\tif err != nil {\n\t\treturn "", err\n\t}\n\treturn v, nil\n}\n`).join('')}`,
    ],
  },
  python: {
    family: 'python',
    setup: (dir) => writeFileSync(join(dir, 'requirements.txt'), 'opentelemetry-api>=1.24.0\nrequests\n'),
    file: (p, f) => [
      `pkg${p}/__init__.py`,
      '',
      `pkg${p}/module${f}.py`,
      `"""Orders module ${f}."""\n\nimport requests\n\n${Array.from({ length: FUNCTIONS_PER_FILE }, (_, k) => `\ndef load_order_${k}(order_id: str) -> dict:\n    """Load order ${k}."""\n    response = requests.get(f"https://orders.internal/{order_id}", timeout=5)\n    if response.status_code == 404:\n        raise LookupError(order_id)\n    return response.json()\n`).join('\n')}`,
    ],
  },
  typescript: {
    family: 'node',
    setup: (dir) => {
      writeFileSync(
        join(dir, 'package.json'),
        '{\n  "name": "bench",\n  "type": "module",\n  "dependencies": { "@opentelemetry/api": "^1.9.0" }\n}\n',
      );
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            noEmit: true,
            skipLibCheck: true,
            typeRoots: [],
          },
          include: ['src'],
        }),
      );
      execFileSync('ln', ['-s', join(process.cwd(), 'node_modules'), join(dir, 'node_modules')]);
    },
    file: (p, f) => [
      `src/pkg${p}/db${f}.ts`,
      'export interface Db { query(sql: string, args: unknown[]): Promise<{ id: string }[]> }\n',
      `src/pkg${p}/module${f}.ts`,
      `import type { Db } from './db${f}.js';\n${Array.from({ length: FUNCTIONS_PER_FILE }, (_, k) => `\nexport async function loadOrder${k}(db: Db, orderId: string): Promise<{ id: string }> {\n  const rows = await db.query('select * from orders where id = $1', [orderId]);\n  if (rows.length === 0) {\n    throw new Error('order not found');\n  }\n  return rows[0] as { id: string };\n}\n`).join('')}`,
    ],
  },
};

async function bench(language) {
  const gen = GENERATORS[language];
  const toolkit = toolkits[gen.family];
  if (!toolkit) return { language, error: 'no toolkit' };
  const dir = mkdtempSync(join(tmpdir(), `otelwright-instrument-bench-${language}-`));
  try {
    gen.setup(dir);
    for (let p = 0; p < PACKAGES; p++) {
      for (let f = 0; f < FILES_PER_PACKAGE; f++) {
        const [helperPath, helper, path, text] = gen.file(p, f);
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, helperPath), helper);
        writeFileSync(join(dir, path), text);
      }
    }
    let checks = 0;
    const counting = {
      ...toolkit,
      validator: {
        ...toolkit.validator,
        batches: (files, root) => toolkit.validator.batches(files, root),
        missingToolchain: (cwd) => toolkit.validator.missingToolchain(cwd),
        validate: (batch) => {
          checks++;
          return toolkit.validator.validate(batch);
        },
      },
    };
    const options = {
      paths: ['.'],
      cwd: dir,
      configPath: null,
      cacheDir: null,
      jobs: 2,
      selection: {
        minSeverity: 'low',
        gapTypes: ['missing_span', 'missing_error_recording', 'missing_attributes'],
        only: [],
      },
      reportGaps: null,
      force: true,
      unsafe: false,
      toolkits: { [gen.family]: counting },
    };
    const t0 = performance.now();
    const planned = await runInstrument({ ...options, dryRun: false, validate: false });
    const writeSeconds = (performance.now() - t0) / 1000;
    // Validation on its own, over what was just written, to count checker runs.
    rmSync(join(dir, '.otelwright_cache'), { recursive: true, force: true });
    const t1 = performance.now();
    const batches = toolkit.validator.batches(
      planned.filesChanged.map((f) => join(dir, f)),
      dir,
    );
    for (const batch of batches) counting.validator.validate(batch);
    const validateSeconds = (performance.now() - t1) / 1000;
    const edits = planned.diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
    return {
      language,
      packages: PACKAGES,
      files: planned.filesChanged.length,
      functions: planned.planned.length,
      addedLines: edits,
      writeSeconds,
      functionsPerSecond: Math.round(planned.planned.length / writeSeconds),
      checkerRuns: checks,
      validateSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const language of (process.argv[2] ?? Object.keys(GENERATORS).join(',')).split(','))
  rows.push(await bench(language));
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(
    'language    packages files functions +lines  audit+plan+write s  functions/s  checker runs  validate s',
  );
  for (const r of rows) {
    if (r.error) console.log(`${r.language.padEnd(11)} ${r.error}`);
    else
      console.log(
        `${r.language.padEnd(11)} ${String(r.packages).padStart(8)} ${String(r.files).padStart(5)} ${String(r.functions).padStart(9)} ${String(r.addedLines).padStart(6)}  ${r.writeSeconds.toFixed(2).padStart(17)}  ${String(r.functionsPerSecond).padStart(11)}  ${String(r.checkerRuns).padStart(12)}  ${r.validateSeconds.toFixed(2).padStart(10)}`,
      );
  }
}
