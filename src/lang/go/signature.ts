// Reads a function header (`func (s *Svc[T]) Name[K any](ctx context.Context, a, b string) (int, error)`)
// from its text. Headers are short and regular, so this costs far less than asking the native tree for
// the receiver, parameter and result nodes one by one.
import { identAt, matchingClose, skipTrivia, splitTopLevel } from './scan.js';

export interface GoParam {
  /** `_` for an unnamed parameter or result. */
  name: string;
  /** Type as written, white space collapsed (`*http.Request`, `...string`). */
  type: string;
}

export interface Signature {
  receiver: GoParam | null;
  /** Null for function literals. */
  name: string | null;
  params: GoParam[];
  results: GoParam[];
}

const TYPE_KEYWORDS = new Set(['chan', 'func', 'struct', 'interface', 'map']);
const NAMED_PIECE = /^([\p{L}_][\p{L}\p{Nd}_]*)\s+(\S[\s\S]*)$/u;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Go's rule: either every entry of a list is named (`a, b string`) or none is (`int, error`). */
export function parseParamList(text: string, start: number, end: number): GoParam[] {
  const pieces = splitTopLevel(text, start, end, ',').map((p) => text.slice(p.start, p.end));
  const named = pieces.map((p) => {
    const m = NAMED_PIECE.exec(p);
    return m && !TYPE_KEYWORDS.has(m[1] as string)
      ? { name: m[1] as string, type: collapse(m[2] as string) }
      : null;
  });
  if (!named.some((n) => n !== null)) return pieces.map((p) => ({ name: '_', type: collapse(p) }));
  const params: GoParam[] = [];
  let pending: string[] = [];
  pieces.forEach((piece, i) => {
    const n = named[i];
    if (!n) {
      pending.push(piece.trim());
      return;
    }
    for (const name of pending) params.push({ name, type: n.type });
    pending = [];
    params.push(n);
  });
  for (const name of pending) params.push({ name, type: '' });
  return params;
}

/**
 * Parses `text[start, end)`, a header from `func` up to (not including) the body's `{`. Returns null
 * when the text is not a header we understand (broken code).
 */
export function parseSignature(
  text: string,
  start: number,
  end: number,
  kind: 'function' | 'method' | 'literal',
): Signature | null {
  let i = skipTrivia(text, start, end);
  if (!text.startsWith('func', i)) return null;
  i = skipTrivia(text, i + 4, end);
  let receiver: GoParam | null = null;
  if (kind === 'method') {
    if (text[i] !== '(') return null;
    const close = matchingClose(text, i, end);
    if (close < 0) return null;
    receiver = parseParamList(text, i + 1, close)[0] ?? null;
    i = skipTrivia(text, close + 1, end);
  }
  let name: string | null = null;
  if (kind !== 'literal') {
    name = identAt(text, i);
    if (name === null) return null;
    i = skipTrivia(text, i + name.length, end);
    if (text[i] === '[') {
      const close = matchingClose(text, i, end);
      if (close < 0) return null;
      i = skipTrivia(text, close + 1, end);
    }
  }
  if (text[i] !== '(') return null;
  const close = matchingClose(text, i, end);
  if (close < 0) return null;
  const params = parseParamList(text, i + 1, close);
  const r = skipTrivia(text, close + 1, end);
  let results: GoParam[] = [];
  if (r < end) {
    const resultClose = text[r] === '(' ? matchingClose(text, r, end) : -1;
    const rest = text.slice(r, end).trimEnd();
    results =
      resultClose >= 0 && skipTrivia(text, resultClose + 1, end) >= end
        ? parseParamList(text, r + 1, resultClose)
        : [{ name: '_', type: collapse(rest.replace(/\/\/[^\n]*$/gm, '')) }];
  }
  return { receiver, name, params, results };
}

/** `*OrderService[T]` → `OrderService`. */
export function receiverTypeName(type: string): string {
  return type
    .replace(/^\*\s*/, '')
    .replace(/\[.*$/s, '')
    .trim();
}

/** The last result is `error`. */
export function returnsError(sig: Signature): boolean {
  return sig.results[sig.results.length - 1]?.type === 'error';
}
