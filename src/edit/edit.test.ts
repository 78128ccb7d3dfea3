import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from './apply-text.js';
import { unifiedDiff } from './diff.js';
import { EditConflictError } from './model.js';
import { readTextFile } from './text-file.js';
import { Transaction } from './transaction.js';

describe('applyEdits', () => {
  it('applies replacements and keeps insertions at one offset in order', () => {
    const text = 'func A() {\n\treturn nil\n}\n';
    const at = text.indexOf('\treturn');
    expect(
      applyEdits('a.go', text, [
        { start: at, end: at, text: '\tx()\n' },
        { start: at, end: at, text: '\ty()\n' },
        { start: 5, end: 6, text: 'B' },
      ]),
    ).toBe('func B() {\n\tx()\n\ty()\n\treturn nil\n}\n');
  });
  it('refuses overlapping edits instead of corrupting the file', () => {
    expect(() =>
      applyEdits('a.go', 'abcdef', [
        { start: 1, end: 4, text: 'x' },
        { start: 3, end: 5, text: 'y' },
      ]),
    ).toThrow(EditConflictError);
  });
});

describe('unifiedDiff', () => {
  it('prints nothing for equal texts', () => {
    expect(unifiedDiff('a.py', 'x\n', 'x\n')).toBe('');
  });
  it('matches what git prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'otelwright-diff-'));
    const before = `${Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n')}\n`;
    const after = before
      .replace('line 3\n', 'line 3\ninserted\n')
      .replace('line 20\n', '')
      .replace('line 28', 'changed 28');
    writeFileSync(join(dir, 'before'), before);
    writeFileSync(join(dir, 'after'), after);
    let git = '';
    try {
      execFileSync('git', ['diff', '--no-index', '--no-color', '-U3', 'before', 'after'], { cwd: dir });
    } catch (err) {
      git = String((err as { stdout: Buffer }).stdout);
    }
    // git appends a guessed function name to hunk headers; the ranges and lines are what must match.
    const gitHunks = git.slice(git.indexOf('@@')).replace(/^(@@ [^@]+ @@).*$/gm, '$1');
    const ours = unifiedDiff('x', before, after);
    expect(ours.slice(ours.indexOf('@@'))).toBe(gitHunks);
  });
});

describe('Transaction', () => {
  function temp(name: string, bytes: Buffer | string, mode = 0o644): string {
    const dir = mkdtempSync(join(tmpdir(), 'otelwright-tx-'));
    const path = join(dir, name);
    writeFileSync(path, bytes);
    chmodSync(path, mode);
    return path;
  }

  it('keeps BOM, CRLF line endings and the file mode on write', () => {
    const path = temp('svc.py', Buffer.from('\ufeffdef f():\r\n    return 1\r\n', 'utf8'), 0o755);
    const tx = new Transaction();
    const text = readTextFile(path).text;
    expect(text).toBe('def f():\n    return 1\n');
    tx.apply({
      path,
      edits: [
        { start: text.indexOf('    return'), end: text.indexOf('    return'), text: '    """Doc."""\n' },
      ],
    });
    tx.commit();
    expect(readFileSync(path)).toEqual(
      Buffer.from('\ufeffdef f():\r\n    """Doc."""\r\n    return 1\r\n', 'utf8'),
    );
    expect(statSync(path).mode & 0o777).toBe(0o755);
  });

  it('restores every touched file byte for byte on rollback', () => {
    const a = temp('a.go', Buffer.from([0x70, 0x61, 0x63, 0x6b, 0x0a, 0xe2, 0x82, 0xac, 0x0a]));
    const b = temp('b.go', 'package b\r\nfunc B() {}\n');
    const before = [readFileSync(a), readFileSync(b)];
    const tx = new Transaction();
    tx.apply({ path: a, edits: [{ start: 0, end: 4, text: 'PACK' }] });
    tx.replace(b, 'package c\n');
    expect(readFileSync(a)).not.toEqual(before[0]);
    tx.rollback();
    expect([readFileSync(a), readFileSync(b)]).toEqual(before);
  });
});
