// End-to-end: the real audit over fixture services, checked against the `want` comments written next to
// the code. `// want OTW001:high OTW003` (or `# want ...`) at the end of a line lists every rule reported
// on that line (with the severity where given); `// want(+1) OTW109` speaks of the next line, for lines
// that cannot carry a trailing comment of their own. A line without one must get no finding.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../src/engine/run-audit.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const WANT = /(?:\/\/|#|\/\*)\s*want(?:\(\+(\d+)\))?\s+((?:OTW\d{3}(?::[a-z]+)?\s*)+)/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(go|ts|tsx|mts|cts|js|jsx|mjs|cjs|py)$/.test(entry)) out.push(path);
  }
  return out;
}

function wanted(dir: string): string[] {
  const expected: string[] = [];
  for (const file of sourceFiles(dir)) {
    const rel = relative(dir, file).split('\\').join('/');
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const m = WANT.exec(text);
        if (!m) return;
        const line = i + 1 + Number(m[1] ?? 0);
        for (const token of (m[2] ?? '').trim().split(/\s+/)) expected.push(`${rel}:${line} ${token}`);
      });
  }
  return expected.sort();
}

const services = ['go', 'typescript', 'python'].flatMap((lang) => {
  const base = join(FIXTURES, lang);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((d) => statSync(join(base, d)).isDirectory())
    .map((d) => ({ name: `${lang}/${d}`, dir: join(base, d) }));
});

describe('fixture services: findings match the want comments', () => {
  it('has fixtures for every language', () => {
    expect(new Set(services.map((s) => s.name.split('/')[0]))).toEqual(
      new Set(['go', 'typescript', 'python']),
    );
  });

  for (const service of services) {
    it(service.name, async () => {
      // Audited from a copy outside this repository, as a service of its own: here it sits under test/,
      // which the audit rightly treats as test code.
      const copy = mkdtempSync(join(tmpdir(), 'otelwright-fixture-'));
      cpSync(service.dir, copy, { recursive: true });
      const { report } = await runAudit({
        paths: ['.'],
        cwd: copy,
        configPath: null,
        cacheDir: null,
        jobs: 1,
        includeFunctions: false,
      });
      const expected = wanted(service.dir);
      // Severity is compared only where the want comment states it (`OTW001:critical`).
      const pinned = new Set(
        expected.filter((e) => /:[a-z]+$/.test(e)).map((e) => e.replace(/:[a-z]+$/, '')),
      );
      const actual = [
        ...report.gaps.map((g) => ({ ...g, rule: g.rule_id })),
        ...report.findings.map((f) => ({ ...f, rule: f.rule_id })),
      ]
        .map((x) => {
          const at = `${x.file}:${x.line} ${x.rule}`;
          return pinned.has(at) ? `${at}:${x.severity}` : at;
        })
        .sort();
      expect(actual).toEqual(expected);
    });
  }
});
