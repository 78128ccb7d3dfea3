// The Python toolkit inside the real instrument pipeline, on a throw-away project: planned, written,
// dependency declared, compiled, and a second run finds nothing left to do.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInstrument } from '../../../instrument/run-instrument.js';
import { instrumentOptions } from '../../../instrument/testing/options.js';
import { pythonToolkit } from './toolkit.js';

const golden = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test/golden/python');

function options(cwd: string) {
  return instrumentOptions(cwd, { toolkits: { python: pythonToolkit } });
}

describe('python toolkit in the instrument pipeline', () => {
  it('instruments, declares the API dependency, validates, and is idempotent', async () => {
    const root = mkdtempSync(join(tmpdir(), 'otelwright-py-pipeline-'));
    cpSync(join(golden, 'sync_function/input.py'), join(root, 'stock.py'));
    writeFileSync(join(root, 'requirements.txt'), 'requests==2.32.3\n');

    const first = await runInstrument(options(root));
    expect(first.planned.map((p) => p.function).sort()).toEqual(['release_stock', 'reserve_stock']);
    expect(first.validation).toEqual([
      expect.objectContaining({ ok: true, commands: [expect.stringContaining('-m py_compile')] }),
    ]);
    expect(readFileSync(join(root, 'requirements.txt'), 'utf8')).toBe(
      'opentelemetry-api>=1.24.0\nrequests==2.32.3\n',
    );
    const text = readFileSync(join(root, 'stock.py'), 'utf8');
    expect(text).toContain('@tracer.start_as_current_span(');
    expect(text).toContain('tracer = trace.get_tracer(__name__)');

    const second = await runInstrument(options(root));
    expect(second.planned).toEqual([]);
    expect(second.filesChanged).toEqual([]);
  });
});
