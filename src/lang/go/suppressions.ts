// `otelwright-ignore[: RULE] reason` comments that apply to a function: the contiguous comment block
// right above it (its doc comment included) and a trailing comment on the `func` line.
import type { Suppression } from '../facts.js';
import { parseSuppression } from '../suppression.js';
import type { Positions } from './positions.js';
import { lineCommentStart } from './scan.js';

export function suppressionsAbove(pos: Positions, funcLine: number): Suppression[] {
  const found: Suppression[] = [];
  const own = pos.lineText(funcLine);
  const trailing = lineCommentStart(own, 0, own.length);
  if (trailing >= 0) {
    const s = parseSuppression(own.slice(trailing), funcLine);
    if (s) found.push(s);
  }
  let inBlock = false;
  for (let line = funcLine - 1; line >= 1; line--) {
    const text = pos.lineText(line).trim();
    if (!inBlock && text.endsWith('*/') && !text.startsWith('//')) inBlock = !text.includes('/*');
    else if (inBlock && text.includes('/*')) inBlock = false;
    else if (!inBlock && !text.startsWith('//')) break;
    const s = parseSuppression(text, line);
    if (s) found.push(s);
  }
  return found.sort((a, b) => a.line - b.line);
}
