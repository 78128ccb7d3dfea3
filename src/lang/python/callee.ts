// A callee as written, split into its dotted parts: `requests.Session().get` → requests, Session, get.
import { words } from '../naming.js';

/** A callee split at its dots: `requests.Session().get` → bases `requests`, `Session`, `get`. */
export interface Callee {
  /** Segments without their call/subscript suffixes, the first one resolved through imports. */
  bases: string[];
  /** The same, as written (not resolved through imports). */
  written: string[];
  /** The receiver's last segment is subscripted (`handlers[name].run()`): an element, not a named object. */
  subscripted: boolean;
  /** The receiver as written (`self.client`, `db.session`), '' for a bare call. */
  receiver: string;
  method: string;
}

/** Splits at dots outside brackets and strings. */
function segments(callee: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  let quote = '';
  for (let i = 0; i < callee.length; i++) {
    const c = callee[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '.' && depth === 0) {
      out.push(callee.slice(from, i));
      from = i + 1;
    }
  }
  out.push(callee.slice(from));
  return out;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 128;
}

/** `Session()` → `Session`, `clients["x"]` → `clients`, `(a or b)` → ''. */
function base(segment: string): string {
  let end = 0;
  while (end < segment.length && isNameChar(segment.charCodeAt(end))) end++;
  return end === segment.length ? segment : segment.slice(0, end);
}

/** Only names and dots: the common case, split without looking for brackets. */
function isPlainDotted(callee: string): boolean {
  for (let i = 0; i < callee.length; i++) {
    const c = callee.charCodeAt(i);
    if (c !== 46 && !isNameChar(c)) return false;
  }
  return true;
}

export function parseCallee(callee: string, imports: ReadonlyMap<string, string>): Callee {
  const segs = isPlainDotted(callee) ? callee.split('.') : segments(callee);
  const bases = segs.map(base);
  const resolved = bases[0] ? imports.get(bases[0]) : undefined;
  const full = resolved ? [...resolved.split('.'), ...bases.slice(1)] : bases;
  const receiverSegment = segs.length > 1 ? segs[segs.length - 2]! : '';
  return {
    bases: full,
    written: bases,
    subscripted: receiverSegment.endsWith(']'),
    receiver: segs.length > 1 ? callee.slice(0, callee.length - segs[segs.length - 1]!.length - 1) : '',
    method: full[full.length - 1] ?? '',
  };
}

// Receiver names repeat endlessly (`self`, `os.path`, `session`): split each into words once.
const wordCache = new Map<string, string[]>();
export function wordsOf(name: string): string[] {
  let ws = wordCache.get(name);
  if (!ws) {
    if (wordCache.size > 50_000) wordCache.clear();
    ws = words(name);
    wordCache.set(name, ws);
  }
  return ws;
}
