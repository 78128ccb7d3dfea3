import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from './__fixtures__/tree.js';
import { readSource } from './read.js';

const dir = makeTree({
  'ok.go': 'package main\n// café\n',
  'bom.py': '\uFEFFprint("hi")\n',
  'empty.ts': '',
  'binary.js': new Uint8Array([0x63, 0x6f, 0x6e, 0x00, 0x73, 0x74]),
  'latin1.py': new Uint8Array([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
  'utf16.ts': new Uint8Array([0xff, 0xfe, 0x78, 0x00, 0x0a, 0x00]),
  'grew.go': 'x'.repeat(2000),
});
afterAll(() => removeTree(dir));
const read = (name: string, size = 10, max?: number) => readSource(join(dir, name), size, max);

describe('readSource', () => {
  it('returns the text of a UTF-8 file', () => {
    expect(read('ok.go')).toEqual({ text: 'package main\n// café\n', bom: false });
  });

  it('removes a byte order mark and says it was there', () => {
    expect(read('bom.py')).toEqual({ text: 'print("hi")\n', bom: true });
  });

  it.each([
    ['empty.ts', 'empty file'],
    ['binary.js', 'binary file'],
    ['latin1.py', 'not valid UTF-8 (re-encode it as UTF-8 to audit it)'],
    ['utf16.ts', 'not valid UTF-8 (re-encode it as UTF-8 to audit it)'],
    ['missing.go', 'cannot be read (ENOENT)'],
  ])('skips %s: %s', (name, reason) => {
    expect(read(name)).toEqual({ skip: reason });
  });

  it('does not read a file discovery found too large, and rechecks the size it reads', () => {
    expect(read('ok.go', 6 * 1024 * 1024)).toEqual({ skip: 'larger than 5 MB' });
    expect(read('grew.go', 10, 1024)).toEqual({ skip: 'larger than 1 KB' });
  });

  it.runIf(process.getuid?.() !== 0)('skips a file it may not read', () => {
    chmodSync(join(dir, 'ok.go'), 0o000);
    try {
      expect(read('ok.go')).toEqual({ skip: 'cannot be read (EACCES)' });
    } finally {
      chmodSync(join(dir, 'ok.go'), 0o644);
    }
  });
});
