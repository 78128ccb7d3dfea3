// Span status messages must be low-cardinality: a constant a dashboard can group by, never the error's own
// text (which carries ids and values). We take the author's own constant words where the code has them
// (`fmt.Errorf("charge card: %w", err)` → "charge card"), else name the call that failed
// (`s.gateway.Charge` → "gateway.Charge failed"), else the function.
import type { Node } from '../parser.js';
import type { GoFunction } from './function-model.js';
import { stringLiteralValue } from './go-literal.js';

const HAS_VERB = /%[-+# 0]*(\d+|\*)?(\.(\d+|\*))?(\[\d+\])?[a-zA-Z%]/;
const MAX = 80;

function tidy(words: string): string {
  return words
    .replace(/\(\s*\)|\[\s*\]|\{\s*\}|"\s*"|'\s*'/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([:,;.])/g, '$1')
    .replace(/^[\s:,;.-]+|[\s:,;=-]+$/g, '')
    .trim();
}

export interface FormatWords {
  /** `: `-separated parts with no verb in them: words the author wrote with no value in them. */
  verbFree: string | null;
  /** The format itself, its trailing `: %w` dropped: still constant, placeholders and all. */
  template: string;
}

/**
 * Reads a format string or message for status text. `"reserve %d of %s: quantity must be positive"` has
 * the verb-free "quantity must be positive"; `"entry %s does not balance"` only its template, which is
 * constant too: the values are what would make it high-cardinality, and they stay out.
 */
export function formatWords(format: string): FormatWords {
  const parts = format.split(/:\s+/).map((p) => p.trim());
  const verbFree = tidy(parts.filter((p) => !HAS_VERB.test(p) && /\p{L}/u.test(p)).join(': '));
  return {
    verbFree: verbFree.length >= 3 ? clip(verbFree) : null,
    template: clip(tidy(format.replace(/:\s*%[wv]$/, ''))),
  };
}

/** The best constant words of a format: its verb-free parts, else its template. */
export function bestWords(words: FormatWords): string {
  return words.verbFree ?? words.template;
}

function clip(words: string): string {
  return words.length > MAX ? words.slice(0, MAX).trimEnd() : words;
}

/** The words of the first string-literal argument of an error constructor call. */
export function constructorWords(call: Node): FormatWords | null {
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (arg.type !== 'interpreted_string_literal' && arg.type !== 'raw_string_literal') continue;
    const value = stringLiteralValue(arg.text);
    return value === null ? null : formatWords(value);
  }
  return null;
}

/** `s.repo.Get` → `repo.Get`, `json.NewDecoder(r.Body).Decode` → `Decode`, for "<callee> failed". */
export function calleeLabel(call: Node, fn: GoFunction): string | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  if (callee.type === 'identifier') return callee.text;
  if (callee.type !== 'selector_expression') return null;
  const field = callee.childForFieldName('field')?.text ?? '';
  const chain = callee.text.replace(/\s+/g, '');
  if (!/^[\p{L}_][\p{L}\p{Nd}_.]*$/u.test(chain)) return field || null;
  const parts = chain.split('.');
  if (parts.length > 2 && parts[0] === fn.receiver?.name) parts.shift();
  if (parts.length === 2 && parts[0] === fn.receiver?.name) return parts[1] ?? null;
  return parts.join('.');
}

/** The call whose result was last assigned to `name` before `before` (`o, err := s.repo.Get(ctx, id)`). */
export function lastAssigningCall(fn: GoFunction, name: string, before: number): Node | null {
  let last: Node | null = null;
  // Document order: the last match before `before` is the nearest assignment above it.
  for (const stmt of fn.index.assignments) {
    if (stmt.startIndex >= before) break;
    const left = stmt.childForFieldName('left')?.namedChildren ?? [];
    if (left.some((n) => n.type === 'identifier' && n.text === name)) last = stmt;
  }
  const right = last?.childForFieldName('right')?.namedChildren[0];
  return right?.type === 'call_expression' ? right : null;
}

export function failedMessage(label: string): string {
  return `${label} failed`;
}
