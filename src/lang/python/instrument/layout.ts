// Where lines start and end, how they are indented and which line break the file uses: the planner
// writes new lines in the file's own style, so these are read from the text, never assumed.

export class Layout {
  readonly eol: string;
  /** One level of indentation as the file writes it (`    `, `  `, `\t`). */
  readonly unit: string;
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    const firstBreak = text.indexOf('\n');
    this.eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
    this.unit = detectIndentUnit(text);
  }

  /** 0-based index of the line holding `index`. */
  lineOf(index: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Index where a 1-based line starts. */
  startOfLine(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
  }

  lineStart(index: number): number {
    return this.starts[this.lineOf(index)]!;
  }

  /** Index of the line break (or the end of the text) ending the line that holds `index`. */
  lineEnd(index: number): number {
    const next = this.starts[this.lineOf(index) + 1];
    if (next === undefined) return this.text.length;
    return this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  /** The white space a line begins with. */
  indentOf(index: number): string {
    const start = this.lineStart(index);
    let i = start;
    while (i < this.text.length && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    return this.text.slice(start, i);
  }

  /** True when only white space precedes `index` on its line. */
  startsLine(index: number): boolean {
    return /^[ \t]*$/.test(this.text.slice(this.lineStart(index), index));
  }
}

/** The most common step between the indentation of a block header and its body. */
function detectIndentUnit(text: string): string {
  const counts = new Map<string, number>();
  const re = /:[ \t]*(?:#[^\n]*)?\r?\n((?:[ \t]*\r?\n)*)([ \t]*)\S/g;
  let headerIndent = '';
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    headerIndent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const body = m[2]!;
    if (body.length > headerIndent.length && body.startsWith(headerIndent)) {
      const step = body.slice(headerIndent.length);
      counts.set(step, (counts.get(step) ?? 0) + 1);
    }
  }
  let best = '    ';
  let most = 0;
  for (const [step, n] of counts) {
    if (n > most) {
      best = step;
      most = n;
    }
  }
  return best;
}
