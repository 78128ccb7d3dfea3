import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../instrument/types.js';
import { pythonFormatter } from './formatter.js';

// A stand-in formatter with Black's command line: strips trailing blanks, rejects text marked broken.
const FAKE_BLACK =
  '#!/bin/sh\ninput=$(cat)\ncase "$input" in *BROKEN*) echo "cannot parse" >&2; exit 123;; esac\nprintf "%s\\n" "$input" | sed "s/[ \\t]*$//"\n';

function project(pyproject: string, original: string): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'otelwright-py-format-'));
  mkdirSync(join(root, '.venv/bin'), { recursive: true });
  writeFileSync(join(root, '.venv/bin/black'), FAKE_BLACK);
  writeFileSync(join(root, '.venv/bin/python'), '#!/bin/sh\nexec python3 "$@"\n');
  chmodSync(join(root, '.venv/bin/black'), 0o755);
  chmodSync(join(root, '.venv/bin/python'), 0o755);
  writeFileSync(join(root, 'pyproject.toml'), pyproject);
  const file = join(root, 'app.py');
  writeFileSync(file, original);
  return { root, file };
}

describe('python formatter', () => {
  it('formats with the configured formatter from the project venv', () => {
    const { root, file } = project('[tool.black]\nline-length = 100\n', 'x = 1\n');
    const result = pythonFormatter.format(file, 'x = 1   \ny = 2\n', root);
    expect(result.text).toBe('x = 1\ny = 2\n');
    expect(result.command).toContain('.venv/bin/black --quiet --stdin-filename');
  });

  it('keeps the file style when the file is not formatted by it today, or nothing is configured', () => {
    const unformatted = project('[tool.black]\n', 'x = 1   \n');
    expect(pythonFormatter.format(unformatted.file, 'x = 1   \ny = 2  \n', unformatted.root)).toEqual({
      text: 'x = 1   \ny = 2  \n',
      command: null,
    });
    const unconfigured = project('[project]\nname = "a"\n', 'x = 1\n');
    expect(pythonFormatter.format(unconfigured.file, 'y = 2  \n', unconfigured.root)).toEqual({
      text: 'y = 2  \n',
      command: null,
    });
  });

  it('reports a formatter rejection as a FormatError', () => {
    const { root, file } = project('[tool.black]\n', 'x = 1\n');
    expect(() => pythonFormatter.format(file, 'BROKEN\n', root)).toThrow(FormatError);
  });
});
