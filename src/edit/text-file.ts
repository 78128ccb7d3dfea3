// Reading and writing source files without losing a byte: the BOM and the line-ending style are kept
// aside on read and put back on write, and writes are atomic (temp file in the same directory + rename).
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface TextFile {
  path: string;
  /** The text planners see: no BOM, line endings normalised to \n when the file used \r\n throughout. */
  text: string;
  bom: boolean;
  eol: '\n' | '\r\n';
  mode: number;
  /** The exact bytes read, for restoring. */
  original: Buffer;
}

export function readTextFile(path: string): TextFile {
  const original = readFileSync(path);
  const mode = statSync(path).mode & 0o7777;
  let text = original.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
  const eol = crlf > 0 && crlf === lf ? '\r\n' : '\n';
  if (eol === '\r\n') text = text.replace(/\r\n/g, '\n');
  return { path, text, bom, eol, mode, original };
}

/** The bytes for new text written in the file's own style. */
export function encodeLike(file: Pick<TextFile, 'bom' | 'eol'>, text: string): Buffer {
  const body = file.eol === '\r\n' ? text.replace(/\r?\n/g, '\r\n') : text;
  return Buffer.from((file.bom ? '\ufeff' : '') + body, 'utf8');
}

/** Atomic replace that keeps the file's permission bits. */
export function writeAtomic(path: string, bytes: Buffer, mode: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.otelwright-${process.pid}.tmp`);
  writeFileSync(tmp, bytes, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, path);
}
