// Planning is pure string work per function; this measures it on a generated file set (the audit that
// feeds it is measured elsewhere) and checks every function is planned; the rate is printed, not asserted (speed belongs to bench/).
import { expect, it } from 'vitest';
import type { PlanRequest } from '../../../instrument/types.js';
import { typescriptPlanner } from './planner.js';
import { planRequestFor } from './testing/plan-text.js';

const FILES = 200;
const FUNCTIONS_PER_FILE = 25;

function generatedFile(n: number): string {
  const functions = Array.from({ length: FUNCTIONS_PER_FILE }, (_, i) =>
    [
      `/** Loads record ${i} of module ${n}. */`,
      `export async function loadRecord${i}(db: Db, recordId: string, limit: number): Promise<Row[]> {`,
      `  const rows = await db.query('select * from t${i} where id = $1 limit $2', [recordId, limit]);`,
      '  if (rows.length === 0) {',
      `    throw new Error(\`record \${recordId} not found\`);`,
      '  }',
      '  const sorted = rows.filter((r) => r.visible).sort((a, b) => a.rank - b.rank);',
      '  if (sorted.length > limit) return sorted.slice(0, limit);',
      '  return db.decorate(sorted);',
      '}',
    ].join('\n'),
  );
  return `import type { Db, Row } from './db.js';\n\n${functions.join('\n\n')}\n`;
}

it(`plans ${FILES * FUNCTIONS_PER_FILE} functions in ${FILES} files, printing the rate`, () => {
  const requests: PlanRequest[] = Array.from({ length: FILES }, (_, n) =>
    planRequestFor(generatedFile(n), { path: `src/module${n}.ts`, packageName: 'bench' }),
  );
  const started = performance.now();
  let edits = 0;
  let planned = 0;
  for (const request of requests) {
    const result = typescriptPlanner.plan(request);
    edits += result.edits.length;
    planned += result.planned.length;
  }
  const seconds = (performance.now() - started) / 1000;
  expect(planned).toBe(FILES * FUNCTIONS_PER_FILE);
  console.log(
    `planned ${planned} functions (${edits} edits) in ${seconds.toFixed(2)} s: ${Math.round(planned / seconds)} functions/s, ${Math.round(edits / seconds)} edits/s`,
  );
});
