// A planner that throws on one file costs that file, never the run: the other files are written and
// the failing one is listed with the reason, untouched.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonToolkit } from '../lang/python/instrument/toolkit.js';
import { runInstrument } from './run-instrument.js';
import { instrumentOptions } from './testing/options.js';
import type { LanguageToolkit } from './types.js';

const MODULE = (name: string) => `import requests


def ${name}(order_id: str) -> dict:
    response = requests.get(f"https://orders.internal/{order_id}", timeout=5)
    response.raise_for_status()
    return response.json()
`;

describe('a planner that fails on one file', () => {
  it('leaves that file untouched, lists its gaps with the reason, and writes the others', async () => {
    const root = mkdtempSync(join(tmpdir(), 'otelwright-planner-failure-'));
    writeFileSync(join(root, 'a.py'), MODULE('load_order'));
    writeFileSync(join(root, 'b.py'), MODULE('cancel_order'));
    const failing: LanguageToolkit = {
      ...pythonToolkit,
      planner: {
        plan(request) {
          if (request.path === 'b.py') throw new RangeError('overlapping edits');
          return pythonToolkit.planner.plan(request);
        },
      },
    };
    const summary = await runInstrument(
      instrumentOptions(root, { validate: false, toolkits: { python: failing } }),
    );
    expect(summary.filesChanged).toEqual(['a.py']);
    expect(readFileSync(join(root, 'b.py'), 'utf8')).toBe(MODULE('cancel_order'));
    expect(summary.skipped).toEqual([
      expect.objectContaining({
        file: 'b.py',
        function: 'cancel_order',
        reason: expect.stringContaining('could not plan this file (RangeError: overlapping edits)'),
      }),
    ]);
  });
});
