// Small lexical helpers over Go source text. Reading callee names and argument lists straight from the
// text (with the positions tree-sitter gives us) is much cheaper than walking child nodes through the
// native binding, and Go's lexical grammar is simple enough to do it exactly: strings, runes, comments
// and bracket nesting are all we must respect.

export interface Span {
  start: number;
  end: number;
}

const CC_SPACE = 32;
const CC_TAB = 9;
const CC_LF = 10;
const CC_CR = 13;
const CC_SLASH = 47;
const CC_STAR = 42;
const CC_QUOTE = 34;
const CC_BACKTICK = 96;
const CC_APOS = 39;
const CC_BACKSLASH = 92;

function isSpace(c: number): boolean {
  return c === CC_SPACE || c === CC_TAB || c === CC_LF || c === CC_CR;
}

/** Index of the first character at or after `i` that is neither white space nor part of a comment. */
export function skipTrivia(text: string, i: number, end = text.length): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === CC_SLASH && text.charCodeAt(i + 1) === CC_SLASH) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl > end ? end : nl + 1;
    } else if (c === CC_SLASH && text.charCodeAt(i + 1) === CC_STAR) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 || close + 2 > end ? end : close + 2;
    } else {
      break;
    }
  }
  return i;
}

/** Given `i` at a quote (`"`, `'` or a backtick), the index just past the literal. */
export function skipQuoted(text: string, i: number, end = text.length): number {
  const quote = text.charCodeAt(i);
  if (quote === CC_BACKTICK) {
    const close = text.indexOf('`', i + 1);
    return close < 0 || close >= end ? end : close + 1;
  }
  let j = i + 1;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === CC_BACKSLASH) j += 2;
    else if (c === quote) return j + 1;
    else if (c === CC_LF)
      return j; // unterminated: stop at the line end like the Go scanner
    else j++;
  }
  return end;
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/**
 * The index of the bracket closing the one at `open`, or -1. Nesting is counted over all bracket kinds,
 * which is right for well-formed Go and degrades gracefully on broken input.
 */
export function matchingClose(text: string, open: number, end = text.length): number {
  let depth = 0;
  let i = open;
  while (i < end) {
    const ch = text[i] as string;
    const c = text.charCodeAt(i);
    if (c === CC_QUOTE || c === CC_APOS || c === CC_BACKTICK) {
      i = skipQuoted(text, i, end);
      continue;
    }
    if (c === CC_SLASH && (text.charCodeAt(i + 1) === CC_SLASH || text.charCodeAt(i + 1) === CC_STAR)) {
      i = skipTrivia(text, i, end);
      continue;
    }
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return -1;
}

/**
 * Splits `text[start, end)` at top-level occurrences of `separator` (`,` for argument lists, `\n`/`;` for
 * declaration groups), returning the trimmed pieces without surrounding comments. Empty pieces (a
 * trailing comma) are dropped.
 */
export function splitTopLevel(text: string, start: number, end: number, separators = ','): Span[] {
  const pieces: Span[] = [];
  let depth = 0;
  let pieceStart = start;
  let i = start;
  const push = (to: number) => {
    const piece = trimSpan(text, pieceStart, to);
    if (piece.end > piece.start) pieces.push(piece);
  };
  while (i < end) {
    const ch = text[i] as string;
    const c = text.charCodeAt(i);
    if (c === CC_QUOTE || c === CC_APOS || c === CC_BACKTICK) {
      i = skipQuoted(text, i, end);
      continue;
    }
    if (c === CC_SLASH && (text.charCodeAt(i + 1) === CC_SLASH || text.charCodeAt(i + 1) === CC_STAR)) {
      // A line comment ends at the newline, which may itself be a separator: leave it to be seen.
      if (text.charCodeAt(i + 1) === CC_SLASH) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 || nl > end ? end : nl;
      } else {
        i = skipTrivia(text, i, end);
      }
      continue;
    }
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth--;
    else if (depth === 0 && separators.includes(ch)) {
      push(i);
      pieceStart = i + 1;
    }
    i++;
  }
  push(end);
  return pieces;
}

/** `text[start, end)` without leading/trailing white space and comments. */
export function trimSpan(text: string, start: number, end: number): Span {
  let s = skipTrivia(text, start, end);
  let e = end;
  for (;;) {
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e - s >= 4 && text.startsWith('*/', e - 2)) {
      const open = text.lastIndexOf('/*', e - 3);
      if (open >= s) {
        e = open;
        continue;
      }
    }
    // A trailing line comment: find where it starts on the last line, outside strings.
    const lineStart = text.lastIndexOf('\n', e - 1) + 1;
    const from = Math.max(lineStart, s);
    const comment = lineCommentStart(text, from, e);
    if (comment < 0) break;
    e = comment;
  }
  if (e < s) s = e;
  return { start: s, end: e };
}

/** Where a `//` comment starts in `text[from, to)` (outside string literals), or -1. */
export function lineCommentStart(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === CC_QUOTE || c === CC_APOS || c === CC_BACKTICK) {
      i = skipQuoted(text, i, to);
      continue;
    }
    if (c === CC_SLASH && text.charCodeAt(i + 1) === CC_SLASH) return i;
    if (c === CC_SLASH && text.charCodeAt(i + 1) === CC_STAR) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > to) return i;
      i = close + 2;
      continue;
    }
    i++;
  }
  return -1;
}

const IDENT = /[\p{L}_][\p{L}\p{Nd}_]*/uy;

/** The identifier starting exactly at `i`, or null. */
export function identAt(text: string, i: number): string | null {
  IDENT.lastIndex = i;
  const m = IDENT.exec(text);
  return m ? m[0] : null;
}

/**
 * Reads a selector chain `a.b.c` starting at `i` (white space and comments allowed around the dots, as
 * gofmt leaves them in split method chains). Returns the chain with the spacing removed and the index
 * just past it, or null when no identifier starts at `i`.
 */
export function selectorChainAt(text: string, i: number): { chain: string; end: number } | null {
  const first = identAt(text, i);
  if (first === null) return null;
  let chain = first;
  let end = i + first.length;
  for (;;) {
    const dot = skipTrivia(text, end);
    if (text.charCodeAt(dot) !== 46 /* . */) break;
    const next = skipTrivia(text, dot + 1);
    const id = identAt(text, next);
    if (id === null) break;
    chain += `.${id}`;
    end = next + id.length;
  }
  return { chain, end };
}

/** The value of a Go string literal (`"a\tb"` or a raw backtick string), or null for anything else. */
export function stringValue(literal: string): string | null {
  const t = literal.trim();
  if (t.length >= 2 && t.startsWith('`') && t.endsWith('`')) return t.slice(1, -1).replace(/\r/g, '');
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    if (!t.includes('\\')) return t.slice(1, -1);
    try {
      return JSON.parse(t) as string;
    } catch {
      return t.slice(1, -1);
    }
  }
  return null;
}

/** `text` with runs of white space collapsed and cut to `max` characters (with an ellipsis). */
export function shorten(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
