// Where a local name got its value: the last `name := ...` / `name = ...` / `const name = ...` before a
// point in the function. Read from the text, one line per assignment, which is how gofmt lays them out.
import { trimSpan } from './scan.js';

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Assignment {
  /** The right-hand side on the assignment's line, without a trailing comment. */
  value: string;
  /** Index where the value starts. */
  at: number;
}

/** The last assignment to `name` in `text[from, to)` (also `name, other :=` and `var`/`const name =`). */
export function lastAssignment(text: string, name: string, from: number, to: number): Assignment | null {
  const re = new RegExp(
    `(?:^|[\\s;{(,])(?:(?:var|const)\\s+)?${escapeRegExp(name)}(?:\\s*,\\s*[\\p{L}_][\\p{L}\\p{Nd}_]*)*(?:\\s+[\\p{L}_][\\p{L}\\p{Nd}_.]*)?\\s*:?=(?!=)[ \\t]*([^\\n]*)`,
    'gu',
  );
  re.lastIndex = Math.max(0, from);
  const region = text.slice(0, to);
  let found: Assignment | null = null;
  for (let m = re.exec(region); m; m = re.exec(region)) {
    const raw = m[1] as string;
    const start = m.index + m[0].length - raw.length;
    const value = trimSpan(text, start, start + raw.length);
    found = { value: text.slice(value.start, value.end), at: value.start };
  }
  return found;
}
