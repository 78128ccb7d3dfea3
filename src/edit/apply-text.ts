import { EditConflictError, type TextEdit } from './model.js';

/**
 * Applies edits to a text. Insertions at the same offset keep their given order; overlapping
 * replacements are a planner bug and throw rather than corrupt the file.
 */
export function applyEdits(path: string, text: string, edits: readonly TextEdit[]): string {
  const ordered = edits
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.start - y.e.start || x.e.end - y.e.end || x.i - y.i);
  let out = '';
  let at = 0;
  let previous: TextEdit | null = null;
  for (const { e } of ordered) {
    if (e.start < at || e.end < e.start || e.end > text.length) {
      throw new EditConflictError(path, previous ?? e, e);
    }
    out += text.slice(at, e.start) + e.text;
    at = e.end;
    previous = e;
  }
  return out + text.slice(at);
}
