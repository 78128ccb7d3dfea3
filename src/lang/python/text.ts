// Positions and short texts, computed from the line starts the scanner records (no native calls).
import type { Position } from '../facts.js';

export class LineIndex {
  constructor(private readonly starts: readonly number[]) {}

  /** 1-based line of a string index. */
  line(index: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based line and column (UTF-16 code units, as tree-sitter counts them for a string input). */
  position(index: number): Position {
    const line = this.line(index);
    return { line, column: index - this.starts[line - 1]! + 1 };
  }

  /** String index where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
  }
}

/** An expression as reports show it: one line, at most `max` characters. */
export function shorten(text: string, max = 120): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
