// Reads one source file for parsing, or says in a few words why it cannot be audited.
import { readFileSync } from 'node:fs';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from './limits.js';

export type SourceRead =
  /** `bom`: the file starts with a UTF-8 byte order mark, removed from `text` (writers put it back). */
  { text: string; bom: boolean } | { skip: string };

const BINARY_SNIFF_BYTES = 8 * 1024;
const NOT_UTF8 = 'not valid UTF-8 (re-encode it as UTF-8 to audit it)';

function startsWith(buffer: Buffer, bytes: readonly number[]): boolean {
  return bytes.every((byte, index) => buffer[index] === byte);
}

/** `size` is the size discovery saw: a file known to be too big is not read at all. */
export function readSource(absPath: string, size: number, maxBytes = DEFAULT_MAX_FILE_BYTES): SourceRead {
  const tooLarge = { skip: `larger than ${formatBytes(maxBytes)}` };
  if (size > maxBytes) return tooLarge;
  let buffer: Buffer;
  try {
    buffer = readFileSync(absPath);
  } catch (error) {
    return { skip: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  // The file may have changed since discovery.
  if (buffer.length > maxBytes) return tooLarge;
  if (buffer.length === 0) return { skip: 'empty file' };
  // UTF-16 text is full of NUL bytes; telling people to re-encode it helps more than "binary".
  if (startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])) return { skip: NOT_UTF8 };
  if (buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skip: 'binary file' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    return { skip: NOT_UTF8 };
  }
  const bom = text.startsWith('\uFEFF');
  return { text: bom ? text.slice(1) : text, bom };
}
