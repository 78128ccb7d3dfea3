// Go source text for values the generator writes.

/** A Go interpreted string literal for `value` (JSON's escapes are valid Go escapes). */
export function goString(value: string): string {
  return JSON.stringify(value);
}

/** The value of a Go string literal as written, or null when `literal` is not one. */
export function stringLiteralValue(literal: string): string | null {
  const t = literal.trim();
  if (t.length >= 2 && t.startsWith('`') && t.endsWith('`')) return t.slice(1, -1);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t.slice(1, -1);
    }
  }
  return null;
}
