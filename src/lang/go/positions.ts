// Turns string indices (what tree-sitter's Node binding reports: UTF-16 code units into the JS string)
// into the 1-based lines/columns and the UTF-8 byte offsets that FileFacts promise.

export class Positions {
  private readonly lineStarts: number[] = [0];
  private readonly ascii: boolean;
  private lineBytes: number[] | null = null;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
    this.ascii = !/[^\u0000-\u007f]/.test(text);
  }

  /** 0-based line index of string index `i`. */
  private row(i: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 1-based line of string index `i`. */
  line(i: number): number {
    return this.row(i) + 1;
  }

  /** 1-based column (in characters, as editors count) of string index `i`. */
  column(i: number): number {
    return i - (this.lineStarts[this.row(i)] as number) + 1;
  }

  /** String index where 1-based line `line` starts (the text length past the last line). */
  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length;
  }

  /** Text of 1-based line `line`, without its line terminator. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based UTF-8 byte offset of string index `i`. */
  byteOffset(i: number): number {
    if (this.ascii) return i;
    if (this.lineBytes === null) {
      const bytes: number[] = [0];
      for (let l = 1; l < this.lineStarts.length; l++) {
        const from = this.lineStarts[l - 1] as number;
        const to = this.lineStarts[l] as number;
        bytes.push((bytes[l - 1] as number) + Buffer.byteLength(this.text.slice(from, to), 'utf8'));
      }
      this.lineBytes = bytes;
    }
    const r = this.row(i);
    return (
      (this.lineBytes[r] as number) +
      Buffer.byteLength(this.text.slice(this.lineStarts[r] as number, i), 'utf8')
    );
  }
}
