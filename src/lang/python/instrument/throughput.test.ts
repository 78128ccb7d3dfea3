// Planning is pure string work per function plus one parse per file: it must stay cheap on large code
// bases. Generates many realistic modules, plans every gap, and checks every gap is planned; the rate is printed, not asserted (speed belongs to bench/).
import { describe, expect, it } from 'vitest';
import { pythonPlanner } from './planner.js';
import { planRequestFor } from './testing/plan-python.js';

function module(n: number): string {
  const functions = Array.from({ length: 25 }, (_, k) =>
    [
      `def handle_${n}_${k}(order_id: str, email: str) -> dict:`,
      `    """Load order ${k} and notify."""`,
      '    response = requests.get(f"https://api.example/orders/{order_id}", timeout=5)',
      '    if response.status_code == 404:',
      '        raise LookupError(order_id)',
      '    body = response.json()',
      '    if not body:',
      '        return {}',
      '    return {"id": order_id, "total": body["total"]}',
    ].join('\n'),
  );
  return `"""Generated module ${n}."""\n\nimport logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\n${functions.join('\n\n\n')}\n`;
}

describe('python planner throughput', () => {
  it('plans thousands of functions per second', () => {
    const requests = Array.from({ length: 120 }, (_, n) =>
      planRequestFor(module(n), { packageName: 'bench' }),
    );
    const started = performance.now();
    let edits = 0;
    let functions = 0;
    for (const request of requests) {
      const result = pythonPlanner.plan(request);
      edits += result.edits.length;
      functions += result.planned.length;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `python planner: ${functions} functions, ${edits} edits in ${seconds.toFixed(3)} s = ${Math.round(edits / seconds)} edits/s, ${Math.round(functions / seconds)} functions/s`,
    );
    expect(functions).toBe(120 * 25);
  });
});
