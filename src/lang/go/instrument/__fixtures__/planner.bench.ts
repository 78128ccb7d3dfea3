// Planning speed on a large generated file set: every golden input's functions copied 20 times per
// file under fresh names, 20 files per input. Run with `npx vitest bench --run src/lang/go/instrument/__fixtures__`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench, describe } from 'vitest';
import { defaultStandards } from '../../../../standards/defaults.js';
import { auditGo, targetsOf } from './golden-harness.js';
import { planGo } from '../planner.js';

const GOLDEN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../test/golden/go');
const COPIES_PER_FILE = 20;
const FILES_PER_INPUT = 20;

function generatedFiles(): string[] {
  const files: string[] = [];
  for (const name of readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const inputDir = join(GOLDEN, name.name, 'input');
    let inputs: string[] = [];
    try {
      inputs = readdirSync(inputDir).filter((f) => f.endsWith('.go'));
    } catch {
      continue;
    }
    for (const input of inputs) {
      const [head, ...decls] = readFileSync(join(inputDir, input), 'utf8').split(/\n(?=\/\/ [A-Z]|func )/);
      const funcs = decls.filter((d) => d.startsWith('func') || d.startsWith('//')).join('\n');
      let body = '';
      for (let i = 0; i < COPIES_PER_FILE; i++)
        body += `${funcs.replace(/func (\([^)]*\) )?([A-Z]\w*)/g, (_m, recv, fn) => `func ${recv ?? ''}${fn}${i}`)}\n`;
      for (let k = 0; k < FILES_PER_INPUT; k++) files.push(`${head}\n${body}`);
    }
  }
  return files;
}

const standards = defaultStandards();
const prepared = generatedFiles().map((text, i) => {
  const { facts, report } = auditGo(`f${i}.go`, text, standards);
  return { text, facts, targets: targetsOf(facts, report) };
});
const functions = prepared.reduce((n, p) => n + p.targets.length, 0);
const lines = prepared.reduce((n, p) => n + p.text.split('\n').length, 0);

describe(`plan ${prepared.length} files, ${lines} lines, ${functions} target functions`, () => {
  bench(
    'planGo over the whole set',
    () => {
      for (const p of prepared) {
        planGo({
          path: 'f.go',
          text: p.text,
          facts: p.facts,
          targets: p.targets,
          standards,
          service: 'shop',
          scopeName: 'example.com/shop',
          unsafe: false,
          tracer: { existing: null, declareHere: true, name: 'tracer' },
        });
      }
    },
    { iterations: 2, warmupIterations: 0 },
  );
});
