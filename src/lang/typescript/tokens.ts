// Small reads of the source text around a node, cheaper than asking the tree for neighbours.

const ASYNC = /async\b/y;
const FUNCTION_NAME = /(?:async\s+)?function\s*\*?\s*([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)/uy;

/** The punctuation character or the word just before `start`, whitespace skipped. */
export function precedingToken(text: string, start: number): string {
  let end = start - 1;
  while (end >= 0 && isSpace(text.charCodeAt(end))) end--;
  if (end < 0) return '';
  let begin = end;
  while (begin >= 0 && isWordChar(text.charCodeAt(begin))) begin--;
  return begin === end ? (text[end] as string) : text.slice(begin + 1, end + 1);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** `async function* name(` → `name`, read from the text. */
export function declaredName(text: string, start: number): string | null {
  FUNCTION_NAME.lastIndex = start;
  return FUNCTION_NAME.exec(text)?.[1] ?? null;
}

export function startsWithAsync(text: string, start: number): boolean {
  ASYNC.lastIndex = start;
  return ASYNC.test(text);
}
