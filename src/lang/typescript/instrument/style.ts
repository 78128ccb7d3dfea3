// The file's own style, read from its text, so generated code looks like the code around it when no
// formatter will run: indentation unit, quotes, semicolons, trailing commas and a line width.
import type Parser from 'tree-sitter';

type Node = Parser.SyntaxNode;

export interface CodeStyle {
  /** One level of indentation: a tab, or N spaces. */
  indent: string;
  quote: "'" | '"';
  semicolons: boolean;
  /** Prettier's `trailingComma`: `all` also puts one after the last argument of a broken call. */
  trailingCommas: 'all' | 'es5' | 'none';
  /** Lines longer than this are broken (the file's own longest lines decide: 80, 100 or 120). */
  lineWidth: number;
  /** TypeScript syntax (casts, annotations) is allowed. */
  typescript: boolean;
}

export function detectStyle(text: string, root: Node, typescript: boolean): CodeStyle {
  return {
    indent: indentUnit(text),
    quote: quoteStyle(root),
    semicolons: usesSemicolons(root),
    trailingCommas: trailingCommas(root),
    lineWidth: lineWidth(text),
    typescript,
  };
}

function indentUnit(text: string): string {
  let tabs = 0;
  let spaced = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of text.split('\n')) {
    if (line.trim().length === 0) continue;
    const ws = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (ws.startsWith('\t')) {
      tabs++;
      continue;
    }
    // JSDoc continuation lines (` * foo`) sit one space in; they say nothing about the unit.
    if (line.trimStart().startsWith('*')) continue;
    const width = ws.length;
    if (width > 0) spaced++;
    const step = width - previous;
    if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = width;
  }
  if (tabs > spaced) return '\t';
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return ' '.repeat(best);
}

function quoteStyle(root: Node): "'" | '"' {
  let single = 0;
  let double = 0;
  for (const s of root.descendantsOfType('string')) {
    // JSX attribute values are double-quoted by convention whatever the code's own quotes are.
    if (s.parent?.type === 'jsx_attribute') continue;
    const c = s.text[0];
    if (c === "'") single++;
    else if (c === '"') double++;
  }
  return double > single ? '"' : "'";
}

const STATEMENTS = [
  'expression_statement',
  'lexical_declaration',
  'variable_declaration',
  'return_statement',
  'import_statement',
  'throw_statement',
];

function usesSemicolons(root: Node): boolean {
  let with_ = 0;
  let without = 0;
  for (const s of root.descendantsOfType(STATEMENTS)) {
    if (s.text.endsWith(';')) with_++;
    else without++;
  }
  return with_ >= without;
}

/**
 * Read from multi-line lists: a comma after the last argument of a broken call means `all`; objects and
 * arrays with one while broken calls have none means `es5`; lists without one mean `none`. With no broken
 * call to go by, `all` (Prettier 3's default).
 */
function trailingCommas(root: Node): CodeStyle['trailingCommas'] {
  let lists = 0;
  let listsWithComma = 0;
  let callsWithComma = 0;
  let callsWithout = 0;
  for (const list of root.descendantsOfType([
    'object',
    'array',
    'named_imports',
    'object_pattern',
    'arguments',
  ])) {
    if (list.startPosition.row === list.endPosition.row) continue;
    const close = list.lastChild;
    const beforeClose = close?.previousSibling;
    if (!close || !beforeClose || beforeClose.endPosition.row === close.startPosition.row) continue;
    const comma = beforeClose.type === ',';
    if (list.type === 'arguments') {
      if (comma) callsWithComma++;
      else callsWithout++;
      continue;
    }
    lists++;
    if (comma) listsWithComma++;
  }
  if (callsWithComma > 0) return 'all';
  if (lists > 0 && listsWithComma * 2 < lists) return 'none';
  return callsWithout > 0 ? 'es5' : 'all';
}

function lineWidth(text: string): number {
  let longest = 0;
  for (const line of text.split('\n')) if (line.length > longest) longest = line.length;
  if (longest <= 80) return 80;
  if (longest <= 100) return 100;
  return 120;
}

/** `'text'` in the file's quotes. */
export function quoted(value: string, style: CodeStyle): string {
  const q = style.quote;
  return q + value.replace(/\\/g, '\\\\').replaceAll(q, `\\${q}`).replace(/\n/g, '\\n') + q;
}

/** `;` when the file ends statements with one. */
export function semi(style: CodeStyle): string {
  return style.semicolons ? ';' : '';
}
