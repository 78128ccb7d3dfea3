// Reads `var`, `const` and `type` declarations from their text: which names hold string constants (span
// names), attribute keys, tracers and meters, and which struct fields hold what.
import { matchingClose, type Span, skipTrivia, splitTopLevel, stringValue, trimSpan } from './scan.js';

export interface ValueSpec {
  names: string[];
  /** Declared type, when written. */
  type: string | null;
  /** One expression per name (or one multi-value call). */
  values: Span[];
}

export interface StructType {
  name: string;
  /** Named fields: field name → type as written. */
  fields: Map<string, string>;
  /** Embedded types as written (`pb.UnimplementedOrderServiceServer`, `*sync.Mutex`). */
  embedded: string[];
}

/** Index of the first top-level `=` that is an assignment (not `==`, `<=`, `:=`...), or -1. */
function assignmentAt(text: string, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      const close = c === '`' ? text.indexOf('`', i + 1) : skipString(text, i, end);
      i = close < 0 ? end : close;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '=' && depth === 0) {
      const before = text[i - 1] ?? '';
      if (text[i + 1] === '=' || '=!<>:'.includes(before)) {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

function skipString(text: string, i: number, end: number): number {
  const quote = text[i];
  for (let j = i + 1; j < end; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === quote || text[j] === '\n') return j;
  }
  return end;
}

/** The bodies of a declaration: `var x = 1` has one, `var ( ... )` one per line. */
function declarationBodies(text: string, start: number, end: number, keyword: string): Span[] {
  const afterKeyword = skipTrivia(text, start + keyword.length, end);
  if (text[afterKeyword] === '(') {
    // The declaration ends with the group's `)` (tree-sitter delimits it), unless the code is broken.
    const close = text[end - 1] === ')' ? end - 1 : end;
    return splitTopLevel(text, afterKeyword + 1, close, '\n;');
  }
  return [{ start: afterKeyword, end }];
}

/** Parses a `var`/`const` declaration at `text[start, end)` (starting at the keyword). */
export function parseValueSpecs(
  text: string,
  start: number,
  end: number,
  keyword: 'var' | 'const',
): ValueSpec[] {
  const specs: ValueSpec[] = [];
  for (const body of declarationBodies(text, start, end, keyword)) {
    const eq = assignmentAt(text, body.start, body.end);
    const left = splitTopLevel(text, body.start, eq < 0 ? body.end : eq, ',').map((s) =>
      text.slice(s.start, s.end),
    );
    const last = left.pop();
    if (last === undefined) continue;
    const m = /^([\p{L}_][\p{L}\p{Nd}_]*)(?:\s+(\S[\s\S]*))?$/u.exec(last);
    if (!m) continue;
    specs.push({
      names: [...left.map((n) => n.trim()), m[1] as string],
      type: m[2]?.replace(/\s+/g, ' ').trim() ?? null,
      // One name takes the whole right-hand side: no need to split (possibly huge) table literals.
      values:
        eq < 0
          ? []
          : left.length === 0
            ? [trimSpan(text, eq + 1, body.end)]
            : splitTopLevel(text, eq + 1, body.end, ','),
    });
  }
  return specs;
}

const TAG = /\s*(`[^`]*`|"(?:[^"\\\n]|\\.)*")\s*$/;

/** Parses a `type` declaration at `text[start, end)`, returning its struct types. */
export function parseStructTypes(text: string, start: number, end: number): StructType[] {
  const structs: StructType[] = [];
  for (const body of declarationBodies(text, start, end, 'type')) {
    const m = /^([\p{L}_][\p{L}\p{Nd}_]*)\s*(?:\[[^\]]*\]\s*)?(?:=\s*)?struct\s*\{/u.exec(
      text.slice(body.start, body.end),
    );
    if (!m) continue;
    const open = body.start + m[0].length - 1;
    const close = matchingClose(text, open, body.end);
    const struct: StructType = { name: m[1] as string, fields: new Map(), embedded: [] };
    for (const line of splitTopLevel(text, open + 1, close < 0 ? body.end : close, '\n;')) {
      const field = text.slice(line.start, line.end).replace(TAG, '');
      const parts = splitTopLevel(field, 0, field.length, ',').map((p) => field.slice(p.start, p.end));
      const lastPart = parts.pop();
      if (lastPart === undefined) continue;
      const named = /^([\p{L}_][\p{L}\p{Nd}_]*)\s+(\S[\s\S]*)$/u.exec(lastPart);
      if (!named) {
        struct.embedded.push(lastPart.trim());
        continue;
      }
      const type = (named[2] as string).replace(/\s+/g, ' ').trim();
      for (const name of [...parts.map((p) => p.trim()), named[1] as string]) struct.fields.set(name, type);
    }
    structs.push(struct);
  }
  return structs;
}

/**
 * The string value of `expr` when it is a literal, a known string constant, or a `+` of those
 * (`prefix + "Process"`), else null.
 */
export function constantString(expr: string, constants: ReadonlyMap<string, string>): string | null {
  if (constants.size === 0 && !expr.includes('"') && !expr.includes('`')) return null;
  const direct = stringValue(expr);
  if (direct !== null) return direct;
  const trimmed = expr.trim();
  const known = constants.get(trimmed);
  if (known !== undefined) return known;
  const parts = splitTopLevel(trimmed, 0, trimmed.length, '+');
  if (parts.length < 2) return null;
  let value = '';
  for (const p of parts) {
    const piece = trimmed.slice(p.start, p.end);
    const v = stringValue(piece) ?? constants.get(piece);
    if (v === undefined || v === null) return null;
    value += v;
  }
  return value;
}
