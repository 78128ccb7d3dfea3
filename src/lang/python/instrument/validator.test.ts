import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLineDiagnostics, parsePyCompile, pythonValidator } from './validator.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'otelwright-py-validate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('python validator', () => {
  it('batches files by project and compiles each batch in one run, naming the broken file', () => {
    const root = tree({
      'svc-a/pyproject.toml': '[project]\nname = "a"\n',
      'svc-a/a/ok.py': 'x = 1\n',
      'svc-a/a/broken.py': 'def f(:\n    pass\n',
      'svc-b/requirements.txt': '',
      'svc-b/b.py': 'y = 2\n',
    });
    const files = ['svc-a/a/ok.py', 'svc-a/a/broken.py', 'svc-b/b.py'].map((f) => join(root, f));
    const batches = pythonValidator.batches(files, root);
    expect(batches.map((b) => [b.name, b.files.length])).toEqual([
      ['svc-a', 2],
      ['svc-b', 1],
    ]);
    const failed = pythonValidator.validate(batches[0]!);
    expect(failed.ok).toBe(false);
    expect(failed.commands).toHaveLength(1);
    expect(failed.problems).toEqual([
      { file: join(root, 'svc-a/a/broken.py'), line: 1, message: expect.stringMatching(/SyntaxError/) },
    ]);
    expect(pythonValidator.validate(batches[1]!)).toMatchObject({ ok: true, problems: [] });
  });

  it('runs the checker the project configures, from its venv', () => {
    const root = tree({
      'pyproject.toml': '[tool.mypy]\nstrict = true\n',
      'app.py': 'x = 1\n',
      // A stand-in mypy that reports one error the way mypy does.
      '.venv/bin/mypy':
        '#!/bin/sh\nfor last; do :; done\necho "$last:1: error: Name \\"y\\" is not defined  [name-defined]"\nexit 1\n',
      '.venv/bin/python': '#!/bin/sh\nexec python3 "$@"\n',
    });
    chmodSync(join(root, '.venv/bin/mypy'), 0o755);
    chmodSync(join(root, '.venv/bin/python'), 0o755);
    const result = pythonValidator.validate({ name: '.', cwd: root, files: [join(root, 'app.py')] });
    expect(result.commands[0]).toContain(join(root, '.venv/bin/python'));
    expect(result.commands[1]).toContain(join(root, '.venv/bin/mypy'));
    expect(result.problems).toEqual([
      { file: join(root, 'app.py'), line: 1, message: 'mypy: Name "y" is not defined  [name-defined]' },
    ]);
  });

  it('reads py_compile, mypy and pylint output', () => {
    const compile = '  File "/p/a.py", line 3\n    def f(:\n          ^\nSyntaxError: invalid syntax\n';
    expect(parsePyCompile(compile, '/p')).toEqual([
      { file: '/p/a.py', line: 3, message: 'SyntaxError: invalid syntax' },
    ]);
    expect(
      parseLineDiagnostics(
        'a.py:4: error: Incompatible types  [assignment]\na.py:5: note: see\n',
        '/p',
        'mypy',
      ),
    ).toEqual([{ file: '/p/a.py', line: 4, message: 'mypy: Incompatible types  [assignment]' }]);
    expect(
      parseLineDiagnostics('/p/a.py:7: [E1101(no-member), f] Module has no member\n', '/p', 'pylint'),
    ).toEqual([{ file: '/p/a.py', line: 7, message: 'pylint: Module has no member [E1101(no-member), f]' }]);
  });
});
