import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from './run-audit.js';

const SERVICE = `import requests


def charge(payment_id: str) -> dict:
    response = requests.post("https://payments.internal/charge", json={"id": payment_id})
    response.raise_for_status()
    return response.json()
`;

function audit(dir: string, cacheDir: string) {
  return runAudit({ paths: [dir], cwd: dir, configPath: null, cacheDir, jobs: 1, includeFunctions: false });
}

describe('the facts cache', () => {
  it('answers an unchanged re-run from the cache, and notices every kind of change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otelwright-cache-'));
    const cacheDir = join(dir, '.otelwright_cache');
    writeFileSync(join(dir, 'payments.py'), SERVICE);
    writeFileSync(join(dir, '__init__.py'), '');

    const cold = await audit(dir, cacheDir);
    expect(cold.analysed).toBe(1);
    expect(cold.report.gaps).toHaveLength(1);

    const warm = await audit(dir, cacheDir);
    expect(warm.analysed).toBe(0);
    expect(JSON.stringify(warm.report)).toBe(JSON.stringify(cold.report));

    // A changed file is analysed again, and only that file.
    writeFileSync(join(dir, 'refunds.py'), SERVICE.replaceAll('charge', 'refund'));
    const added = await audit(dir, cacheDir);
    expect(added.analysed).toBe(1);
    expect(added.report.gaps.map((g) => g.function).sort()).toEqual(['charge', 'refund']);

    // Changed standards change the report without re-parsing anything.
    writeFileSync(join(dir, 'otelwright.yaml'), 'rules:\n  missing-span: off\n');
    const reconfigured = await audit(dir, cacheDir);
    expect(reconfigured.analysed).toBe(0);
    expect(reconfigured.report.gaps).toEqual([]);
  });

  it('survives a corrupt cache by starting afresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otelwright-cache-'));
    const cacheDir = join(dir, 'cache');
    writeFileSync(join(dir, 'payments.py'), SERVICE);
    await audit(dir, cacheDir);
    writeFileSync(join(cacheDir, 'manifest.bin'), 'not a cache');
    writeFileSync(join(cacheDir, 'facts.bin'), 'not a cache');
    const again = await audit(dir, cacheDir);
    expect(again.analysed).toBe(1);
    expect(again.report.gaps).toHaveLength(1);
  });
});
