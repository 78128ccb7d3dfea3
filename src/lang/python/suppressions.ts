// `# otelwright-ignore[: RULE] reason` comments that apply to a function: the comment block directly
// above it (above its decorators too), comments among its decorators, and one trailing its header.
import type { Suppression } from '../facts.js';
import { parseSuppression } from '../suppression.js';
import type { Skeleton } from './scan.js';
import type { LineIndex } from './text.js';
import type { Unit } from './units.js';

export type SuppressionFinder = (unit: Unit) => Suppression[];

export function suppressionFinder(text: string, skeleton: Skeleton, lines: LineIndex): SuppressionFinder {
  const commentLines = new Set<number>(); // lines holding nothing but a comment
  const byLine = new Map<number, Suppression>();
  for (const c of skeleton.comments) {
    const line = lines.line(c.start);
    if (text.slice(lines.lineStart(line), c.start).trim() === '') commentLines.add(line);
    const s = parseSuppression(text.slice(c.start, c.end), line);
    if (s) byLine.set(line, s);
  }
  if (byLine.size === 0) return () => [];
  return (unit) => {
    const def = unit.def;
    const first = def.decorators.length > 0 ? skeleton.decorators[def.decorators[0]!]!.start : def.start;
    const firstLine = lines.line(first);
    const out: Suppression[] = [];
    for (let line = firstLine - 1; commentLines.has(line); line--) {
      const s = byLine.get(line);
      if (s) out.unshift(s);
    }
    for (let line = firstLine; line <= lines.line(Math.max(def.colon, def.start)); line++) {
      const s = byLine.get(line);
      if (s) out.push(s);
    }
    return out;
  };
}
