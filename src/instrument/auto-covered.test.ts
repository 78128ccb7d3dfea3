// Handlers whose server metrics auto-instrumentation already records: `metrics` names the library and
// adds nothing; --force adds otelwright's instruments as well.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInstrument } from './run-instrument.js';
import { instrumentOptions } from './testing/options.js';

const APP = `from flask import Flask, jsonify
from opentelemetry.instrumentation.flask import FlaskInstrumentor

from .store import orders

app = Flask(__name__)
FlaskInstrumentor().instrument_app(app)


@app.get("/orders/<order_id>")
def get_order(order_id):
    return jsonify(orders.get(order_id))
`;

function options(cwd: string, force: boolean) {
  return instrumentOptions(cwd, {
    force,
    dryRun: true,
    validate: false,
    selection: { minSeverity: 'low', gapTypes: ['missing_metric'] },
  });
}

describe('metrics on handlers auto-instrumentation already measures', () => {
  const root = mkdtempSync(join(tmpdir(), 'otelwright-auto-covered-'));
  writeFileSync(join(root, 'app.py'), APP);

  it('says which library records them and adds nothing', async () => {
    const summary = await runInstrument(options(root, false));
    expect(summary.planned).toEqual([]);
    expect(summary.diff).toBe('');
    expect(summary.skipped).toEqual([
      {
        file: 'app.py',
        function: 'get_order',
        line: 11,
        gapType: 'missing_metric',
        reason:
          "FlaskInstrumentor already records this handler's HTTP server metrics: nothing added (pass --force to add otelwright's instruments as well)",
      },
    ]);
  });

  it('adds them under --force', async () => {
    const summary = await runInstrument(options(root, true));
    expect(summary.planned.map((p) => `${p.file}:${p.function}`)).toEqual(['app.py:get_order']);
    expect(summary.skipped).toEqual([]);
    expect(summary.diff).toContain('.create_histogram(');
  });
});
