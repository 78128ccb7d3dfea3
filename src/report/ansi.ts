// A few ANSI styles; the caller decides whether colour is wanted (TTY, NO_COLOR, FORCE_COLOR).
const CODES = {
  bold: 1,
  dim: 2,
  underline: 4,
  red: 31,
  green: 32,
  yellow: 33,
  cyan: 36,
} as const;

export type Style = keyof typeof CODES;

export type Painter = (text: string, ...styles: Style[]) => string;

export function painter(color: boolean): Painter {
  if (!color) return (text) => text;
  return (text, ...styles) => {
    if (styles.length === 0 || text === '') return text;
    const codes = [...new Set(styles)].map((s) => CODES[s]);
    return `\u001b[${codes.join(';')}m${text}\u001b[0m`;
  };
}
