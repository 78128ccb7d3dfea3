// One pass over Python source text that yields the skeleton the facts are built from: compound statements
// (with their indentation-delimited bodies), simple statements, call sites with their callee text, and the
// raise/return/yield keywords. Python's own tokenizer decides blocks by indentation, so doing the same
// here is exact for valid code and degrades gracefully for broken code (tree-sitter's error recovery on
// Python often swallows whole files into one ERROR node).
//
// Why not walk the tree? Crossing into the native binding costs about a microsecond per node returned
// and a single native traversal of the whole tree costs a fifth of the parse; this scan costs a few
// percent. The tree is still used (see syntax.ts) for the rare constructs that need real expressions:
// span start arguments, attribute dictionaries, decorator arguments.

export type BlockKeyword =
  | 'def'
  | 'class'
  | 'if'
  | 'elif'
  | 'else'
  | 'for'
  | 'while'
  | 'try'
  | 'except'
  | 'finally'
  | 'with'
  | 'match'
  | 'case';

/** A compound statement: its header and its indented (or inline) body. */
export interface Block {
  keyword: BlockKeyword;
  /** First character of the header (`async` when present, else the keyword). */
  start: number;
  async: boolean;
  /** Indentation width of the header line (tabs to multiples of 8, as CPython does). */
  indent: number;
  /** The colon that ends the header. */
  colon: number;
  /** First statement of the body, or -1 when the body is missing. */
  bodyStart: number;
  /** Just past the last token of the body (or of the header when the body is missing). */
  end: number;
  /** Enclosing block, or -1 at module level. */
  parent: number;
  /** def/class: the name and where it is; '' for other blocks. */
  name: string;
  nameAt: number;
  /** def: the parameter list's parentheses; class: the bases' parentheses; -1 when absent. */
  open: number;
  close: number;
  /** Decorators written above a def/class, indices into `Skeleton.decorators`. */
  decorators: number[];
}

export interface CallSite {
  /** Start of the callee expression (`self` in `self.repo.save(x)`). */
  start: number;
  /** The opening parenthesis of the argument list. */
  open: number;
  /** Just past the closing parenthesis (-1 when the file ends first). */
  end: number;
  /** Callee as written, white space removed: `self.repo.save`, `requests.Session().get`. */
  callee: string;
  /** The name the callee ends with (`save`), '' when it ends with a call or subscript (`f()()`). */
  method: string;
  /** The call's expression chain is the operand of `await`. */
  awaited: boolean;
  /** Innermost block whose body holds the call (-1 at module level). */
  block: number;
  /** Written in a decorator line (`@app.get("/x")`): it runs where the function is defined. */
  inDecorator: boolean;
}

/** A `raise`, `return` or `yield` keyword and the block it sits in. */
export interface Keyword {
  at: number;
  block: number;
}

export interface Decorator {
  /** The `@`. */
  start: number;
  end: number;
  block: number;
}

export interface Comment {
  start: number;
  end: number;
}

export const StatementKind = {
  Other: 0,
  /** A statement made only of string literals (a docstring when first in a body). */
  String: 1,
  Pass: 2,
  Ellipsis: 3,
  Return: 4,
  Raise: 5,
  Compound: 6,
} as const;
export type StatementKind = (typeof StatementKind)[keyof typeof StatementKind];

export interface Statements {
  start: number[];
  end: number[];
  block: number[];
  kind: StatementKind[];
}

export interface Skeleton {
  blocks: Block[];
  statements: Statements;
  calls: CallSite[];
  raises: Keyword[];
  returns: Keyword[];
  yields: Keyword[];
  decorators: Decorator[];
  /** Only filled when asked for (suppression comments are rare; most files never need them). */
  comments: Comment[];
  /** Index of the first character of every line. */
  lineStarts: number[];
}

const COMPOUND = new Set<string>([
  'def',
  'class',
  'if',
  'elif',
  'else',
  'for',
  'while',
  'try',
  'except',
  'finally',
  'with',
  'match',
  'case',
]);
/** Clauses continue the statement before them; they are not statements of their own. */
const CLAUSES = new Set<string>(['elif', 'else', 'except', 'finally', 'case']);
/** Hard keywords that can precede `(` without making a call (`if (x)`, `return (a, b)`). */
const NOT_CALLABLE = new Set<string>([
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'None',
  'True',
  'False',
]);

// What came before the current token, which decides whether `(` opens a call and `.` continues a chain.
const Prev = {
  None: 0,
  Name: 1,
  Close: 2,
  Dot: 3,
  Await: 4,
  Keyword: 5,
  Literal: 6,
  String: 7,
  Operator: 8,
} as const;
type Prev = (typeof Prev)[keyof typeof Prev];

interface Bracket {
  char: number;
  at: number;
  call: number;
  params: boolean;
  chainStart: number;
  chainAwaited: boolean;
}

interface PendingHeader {
  keyword: BlockKeyword;
  start: number;
  async: boolean;
  indent: number;
  name: string;
  nameAt: number;
  open: number;
  close: number;
  decorators: number[];
}

const C_TAB = 9;
const C_LF = 10;
const C_FF = 12;
const C_CR = 13;
const C_SPACE = 32;
const C_HASH = 35;
const C_DQUOTE = 34;
const C_SQUOTE = 39;
const C_LPAREN = 40;
const C_RPAREN = 41;
const C_DOT = 46;
const C_COLON = 58;
const C_SEMI = 59;
const C_EQ = 61;
const C_AT = 64;
const C_LBRACKET = 91;
const C_BACKSLASH = 92;
const C_RBRACKET = 93;
const C_LBRACE = 123;
const C_RBRACE = 125;
const C_BOM = 0xfeff;

// ASCII character classes: 1 = may start a name, 2 = may continue one.
const NAME_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  NAME_CHARS[c] = (letter ? 1 : 0) | (letter || (c >= 48 && c <= 57) ? 2 : 0);
}

const NEEDS_STRIPPING = /[\s\\#]/;

function isIdentStart(c: number): boolean {
  return c < 128 ? (NAME_CHARS[c]! & 1) !== 0 : c !== C_BOM;
}

function isIdentPart(c: number): boolean {
  return c < 128 ? (NAME_CHARS[c]! & 2) !== 0 : c !== C_BOM;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `r`, `b`, `f`, `u`, `t` and their two-letter combinations, any case: a string prefix when a quote follows. */
function isStringPrefix(text: string, start: number, end: number): boolean {
  const n = end - start;
  if (n < 1 || n > 2) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c !== 114 && c !== 98 && c !== 102 && c !== 117 && c !== 116) return false;
  }
  return true;
}

function hasPrefixLetter(text: string, start: number, end: number, letter: number): boolean {
  for (let i = start; i < end; i++) if ((text.charCodeAt(i) | 0x20) === letter) return true;
  return false;
}

/**
 * Index just past the string literal whose opening quote is at `q`. Handles triple quotes, escapes,
 * and the replacement fields of f-strings (which may hold nested strings, even with the same quote as
 * in Python 3.12). An unterminated single-quoted string stops at the end of its line.
 */
export function skipString(text: string, q: number, formatted: boolean, fields?: number[]): number {
  const n = text.length;
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
  if (triple && !formatted) {
    // Docstrings are long: let the engine search for the closing quotes.
    const closing = quote === C_DQUOTE ? '"""' : "'''";
    for (let from = q + 3; ; ) {
      const k = text.indexOf(closing, from);
      if (k < 0) return n;
      if (!isEscaped(text, k)) return k + 3;
      from = k + 1;
    }
  }
  let i = q + (triple ? 3 : 1);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C_BACKSLASH) {
      i += 2;
    } else if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
      i++;
    } else if ((c === C_LF || c === C_CR) && !triple) {
      return i;
    } else if (formatted && c === C_LBRACE) {
      if (text.charCodeAt(i + 1) === C_LBRACE) {
        i += 2;
      } else {
        const end = skipReplacementField(text, i + 1);
        fields?.push(i + 1, end - 1);
        i = end;
      }
    } else {
      i++;
    }
  }
  return n;
}

/** True when the character at `k` follows an odd number of backslashes. */
function isEscaped(text: string, k: number): boolean {
  let n = 0;
  while (k - n - 1 >= 0 && text.charCodeAt(k - n - 1) === C_BACKSLASH) n++;
  return n % 2 === 1;
}

/** From just inside an f-string's `{`, the index just past its matching `}`. */
function skipReplacementField(text: string, from: number): number {
  const n = text.length;
  let depth = 0;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C_DQUOTE || c === C_SQUOTE) {
      let p = i;
      while (p > from && isIdentPart(text.charCodeAt(p - 1))) p--;
      i = skipString(text, i, hasPrefixLetter(text, p, i, 102) || hasPrefixLetter(text, p, i, 116));
    } else if (c === C_LBRACE || c === C_LPAREN || c === C_LBRACKET) {
      depth++;
      i++;
    } else if (c === C_RPAREN || c === C_RBRACKET) {
      depth--;
      i++;
    } else if (c === C_RBRACE) {
      if (depth <= 0) return i + 1;
      depth--;
      i++;
    } else {
      i++;
    }
  }
  return n;
}

/** The callee without the white space, line continuations and comments of a chain split over lines. */
function stripSpace(callee: string): string {
  if (!NEEDS_STRIPPING.test(callee)) return callee;
  let out = '';
  let quote = 0;
  for (let i = 0; i < callee.length; i++) {
    const c = callee.charCodeAt(i);
    if (quote !== 0) {
      out += callee[i];
      if (c === C_BACKSLASH && i + 1 < callee.length) out += callee[++i];
      else if (c === quote) quote = 0;
    } else if (c === C_DQUOTE || c === C_SQUOTE) {
      quote = c;
      out += callee[i];
    } else if (c === C_HASH) {
      while (i + 1 < callee.length && callee.charCodeAt(i + 1) !== C_LF) i++;
    } else if (!(c === C_SPACE || c === C_TAB || c === C_LF || c === C_CR || c === C_BACKSLASH)) {
      out += callee[i];
    }
  }
  return out;
}

/** Splits at the start of a line that cannot be inside a bracket: a recovery point after an unclosed `(`. */
function startsTopLevelDefinition(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === C_AT) return isIdentStart(text.charCodeAt(i + 1));
  return text.startsWith('def ', i) || text.startsWith('class ', i) || text.startsWith('async def ', i);
}

export function scan(text: string, options: { comments: boolean }): Skeleton {
  const n = text.length;
  const blocks: Block[] = [];
  const statements: Statements = { start: [], end: [], block: [], kind: [] };
  const calls: CallSite[] = [];
  const raises: Keyword[] = [];
  const returns: Keyword[] = [];
  const yields: Keyword[] = [];
  const decorators: Decorator[] = [];
  const comments: Comment[] = [];
  const lineStarts: number[] = [0];
  // A triple-quoted string (a docstring) spans lines: their starts count like any other's.
  const noteLinesWithin = (from: number, to: number) => {
    for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1))
      lineStarts.push(k + 1);
  };

  const open: number[] = []; // indices of blocks whose bodies are being read
  const brackets: Bracket[] = [];
  let top = -1; // innermost open block

  let lineStart = 0;
  let atLineStart = true; // the next token starts a logical line
  let atStatementStart = false; // the next token starts a statement on the same line (after `;` or a header colon)
  let statement = -1; // current statement, for its end and kind
  let watchKind = false; // the current statement's kind may still change (String or Ellipsis so far)
  let decorator = -1; // current decorator line
  let pendingDecorators: number[] = [];
  let header = null as PendingHeader | null; // assigned in closures: keep the full type
  let lineKeyword: string | null = null;
  let expectName = false;
  let lastEnd = 0; // just past the last significant token
  let prev: Prev = Prev.None;
  let chainStart = -1;
  let chainAwaited = false;
  let nameStart = 0; // the last name token, which is the method of a call that follows it
  let nameEnd = 0;

  // Comments after the last token, on lines of their own: one indented deeper than a block's header
  // still belongs to that block (tree-sitter gives the block the same extent).
  const trailing: { end: number; indent: number }[] = [];
  const closeBlocksTo = (indent: number) => {
    while (top >= 0) {
      const b = blocks[top]!;
      if (b.indent < indent) break;
      let end = Math.max(lastEnd, b.colon + 1);
      for (const t of trailing) if (t.indent > b.indent && t.end > end) end = t.end;
      b.end = end;
      open.pop();
      top = open.length > 0 ? open[open.length - 1]! : -1;
    }
  };

  const endStatement = () => {
    if (statement >= 0 && statements.end[statement] === -1) statements.end[statement] = lastEnd;
    if (decorator >= 0) {
      decorators[decorator]!.end = lastEnd;
      decorator = -1;
    }
  };

  const endLogicalLine = () => {
    endStatement();
    atLineStart = true;
    atStatementStart = false;
    header = null;
    lineKeyword = null;
    expectName = false;
  };

  /** Called on the first token of every statement. */
  const beginStatement = (at: number, word: string | null, c: number) => {
    prev = Prev.None;
    chainStart = -1;
    if (atLineStart) {
      const indent = indentOf(text, lineStart, at);
      closeBlocksTo(indent);
      trailing.length = 0;
      if (top >= 0 && blocks[top]!.bodyStart === -1) blocks[top]!.bodyStart = at;
      atLineStart = false;
      if (c === C_AT) {
        decorator = decorators.length;
        decorators.push({ start: at, end: -1, block: top });
        pendingDecorators.push(decorator);
        statement = -1;
        watchKind = false;
        return;
      }
      // `case` is a keyword only inside `match`; `match` only when its header ends the line (checked at the colon).
      const soft = word === 'case' && (top < 0 || blocks[top]!.keyword !== 'match');
      const keyword = word !== null && !soft && COMPOUND.has(word) ? word : null;
      lineKeyword = keyword;
      if (keyword !== null || word === 'async') {
        const named = keyword === 'def' || keyword === 'class';
        header = {
          keyword: (keyword ?? 'def') as BlockKeyword,
          start: at,
          async: word === 'async',
          indent,
          name: '',
          nameAt: -1,
          open: -1,
          close: -1,
          decorators: named ? pendingDecorators : [],
        };
        expectName = named;
      }
      // Decorators wait for the def/class they decorate; `async` keeps them for the `def` that follows.
      if (word !== 'async') pendingDecorators = [];
      if (keyword !== null && CLAUSES.has(keyword)) {
        statement = -1;
        watchKind = false;
        return;
      }
    } else {
      atStatementStart = false;
      if (top >= 0 && blocks[top]!.bodyStart === -1) blocks[top]!.bodyStart = at;
    }
    statement = statements.start.length;
    statements.start.push(at);
    statements.end.push(-1);
    statements.block.push(top);
    let kind: StatementKind = StatementKind.Other;
    if (word === 'pass') kind = StatementKind.Pass;
    else if (word === 'return') kind = StatementKind.Return;
    else if (word === 'raise') kind = StatementKind.Raise;
    else if (word === 'async' || (lineKeyword !== null && lineKeyword !== 'match'))
      kind = StatementKind.Compound;
    else if (c === C_DQUOTE || c === C_SQUOTE || word === STRING_TOKEN) kind = StatementKind.String;
    else if (c === C_DOT) kind = StatementKind.Ellipsis;
    statements.kind.push(kind);
    watchKind = kind === StatementKind.String || kind === StatementKind.Ellipsis;
  };

  /** A later token of a statement that so far is only a string (or `...`) makes it an ordinary one. */
  const noteToken = (isString: boolean) => {
    const kind = statements.kind[statement];
    if ((kind === StatementKind.String && !isString) || kind === StatementKind.Ellipsis) {
      statements.kind[statement] = StatementKind.Other;
      watchKind = false;
    }
  };

  // Calls inside f-string replacement fields (`f"{len(items)} items"`) are calls too: scan each field
  // that has one as an expression of its own and keep its calls.
  const fieldBounds: number[] = [];
  const addFieldCalls = (from: number, to: number) => {
    const field = text.slice(from, to);
    if (!field.includes('(')) return;
    for (const call of scan(field, { comments: false }).calls) {
      calls.push({
        ...call,
        start: call.start + from,
        open: call.open + from,
        end: call.end < 0 ? -1 : call.end + from,
        block: top,
        inDecorator: decorator >= 0,
      });
    }
  };

  const openHeaderBlock = (colon: number) => {
    const h = header!;
    const index = blocks.length;
    if (statement >= 0) statements.kind[statement] = StatementKind.Compound;
    blocks.push({
      keyword: h.keyword,
      start: h.start,
      async: h.async,
      indent: h.indent,
      colon,
      bodyStart: -1,
      end: -1,
      parent: top,
      name: h.name,
      nameAt: h.nameAt,
      open: h.open,
      close: h.close,
      decorators: h.decorators,
    });
    open.push(index);
    top = index;
    header = null;
    lineKeyword = null;
    endStatement();
    atStatementStart = true;
  };

  const hasCarriageReturns = text.includes('\r');
  let i = 0;
  if (text.charCodeAt(0) === C_BOM) i = 1;
  while (i < n) {
    const c = text.charCodeAt(i);

    if (c === C_SPACE || c === C_TAB || c === C_FF) {
      i++;
      while (i < n && text.charCodeAt(i) === C_SPACE) i++;
      continue;
    }
    if (c === C_LF || c === C_CR) {
      if (c === C_CR && text.charCodeAt(i + 1) === C_LF) i++;
      i++;
      // Rows advance on LF only, as in tree-sitter; a lone CR still ends a logical line for Python.
      if (text.charCodeAt(i - 1) === C_LF) lineStarts.push(i);
      lineStart = i;
      if (brackets.length > 0 && startsTopLevelDefinition(text, i)) brackets.length = 0;
      if (brackets.length === 0) endLogicalLine();
      continue;
    }
    if (c === C_HASH) {
      let e = text.indexOf('\n', i + 1);
      if (e < 0) e = n;
      if (hasCarriageReturns) {
        const cr = text.indexOf('\r', i + 1);
        if (cr >= 0 && cr < e) e = cr;
      }
      if (options.comments) comments.push({ start: i, end: e });
      if (brackets.length === 0) {
        // A comment at the end of a code line belongs to every block that line closes.
        trailing.push({
          end: e,
          indent: atLineStart ? indentOf(text, lineStart, i) : Number.MAX_SAFE_INTEGER,
        });
      }
      i = e;
      continue;
    }
    if (c === C_BACKSLASH) {
      const d = text.charCodeAt(i + 1);
      if (d === C_LF || d === C_CR) {
        i += d === C_CR && text.charCodeAt(i + 2) === C_LF ? 3 : 2;
        if (text.charCodeAt(i - 1) === C_LF) lineStarts.push(i);
        lineStart = i;
        continue;
      }
    }

    // A significant token starts here.
    const startsStatement = brackets.length === 0 && (atLineStart || atStatementStart);
    if (trailing.length > 0 && !startsStatement) trailing.length = 0;

    // The hottest paths: character classes are read inline (no call per character) so the cold,
    // not yet optimised first files of a run stay cheap too.
    if (c < 128 ? (NAME_CHARS[c]! & 1) !== 0 : c !== C_BOM) {
      let e = i + 1;
      while (e < n) {
        const d = text.charCodeAt(e);
        if (d < 128 ? (NAME_CHARS[d]! & 2) === 0 : d === C_BOM) break;
        e++;
      }
      const q = text.charCodeAt(e);
      if ((q === C_DQUOTE || q === C_SQUOTE) && isStringPrefix(text, i, e)) {
        if (startsStatement) beginStatement(i, STRING_TOKEN, q);
        else if (watchKind) noteToken(true);
        const formatted = hasPrefixLetter(text, i, e, 102) || hasPrefixLetter(text, i, e, 116);
        if (prev !== Prev.Dot && prev !== Prev.String) {
          chainStart = i;
          chainAwaited = prev === Prev.Await;
        }
        if (formatted) {
          fieldBounds.length = 0;
          i = skipString(text, e, true, fieldBounds);
          for (let k = 0; k + 1 < fieldBounds.length; k += 2)
            addFieldCalls(fieldBounds[k]!, fieldBounds[k + 1]!);
        } else {
          i = skipString(text, e, false);
        }
        noteLinesWithin(e, i);
        lastEnd = i;
        prev = Prev.String;
        continue;
      }
      const word = keywordAt(text, i, e);
      if (startsStatement) beginStatement(i, word, c);
      else if (watchKind) noteToken(false);
      if (word !== null && NOT_CALLABLE.has(word) && prev !== Prev.Dot) {
        if (word === 'raise') raises.push({ at: i, block: top });
        else if (word === 'return') returns.push({ at: i, block: top });
        else if (word === 'yield') yields.push({ at: i, block: top });
        else if (
          header?.async &&
          lineKeyword === null &&
          (word === 'def' || word === 'for' || word === 'with')
        ) {
          header.keyword = word;
          lineKeyword = word;
          if (word === 'def') {
            expectName = true;
            header.decorators = pendingDecorators;
            pendingDecorators = [];
          }
        }
        if (word === 'None' || word === 'True' || word === 'False') {
          chainStart = i;
          chainAwaited = prev === Prev.Await;
          prev = Prev.Literal;
        } else {
          prev = word === 'await' ? Prev.Await : Prev.Keyword;
        }
        lastEnd = e;
        i = e;
        continue;
      }
      nameStart = i;
      nameEnd = e;
      if (expectName && header !== null && header.nameAt === -1) {
        header.name = text.slice(i, e);
        header.nameAt = i;
        expectName = false;
      } else if (prev !== Prev.Dot) {
        chainStart = i;
        chainAwaited = prev === Prev.Await;
      }
      prev = Prev.Name;
      lastEnd = e;
      i = e;
      continue;
    }

    if (c === C_DQUOTE || c === C_SQUOTE) {
      if (startsStatement) beginStatement(i, null, c);
      else if (watchKind) noteToken(true);
      // `"a" "b".format(x)`: implicit concatenation makes one literal, and one chain.
      if (prev !== Prev.Dot && prev !== Prev.String) {
        chainStart = i;
        chainAwaited = prev === Prev.Await;
      }
      const opening = i;
      i = skipString(text, i, false);
      noteLinesWithin(opening, i);
      lastEnd = i;
      prev = Prev.String;
      continue;
    }

    if (isDigit(c) || (c === C_DOT && isDigit(text.charCodeAt(i + 1)))) {
      if (startsStatement) beginStatement(i, null, 48);
      else if (watchKind) noteToken(false);
      let e = i + 1;
      while (e < n) {
        const d = text.charCodeAt(e);
        if (isIdentPart(d) || d === C_DOT) e++;
        else if (
          (d === 43 || d === 45) &&
          (text.charCodeAt(e - 1) | 0x20) === 101 &&
          !text.startsWith('0x', i)
        )
          e++;
        else break;
      }
      chainStart = i;
      chainAwaited = prev === Prev.Await;
      prev = Prev.Literal;
      lastEnd = e;
      i = e;
      continue;
    }

    // Punctuation and operators.
    if (startsStatement) beginStatement(i, null, c);
    else if (watchKind) noteToken(false);
    if (c === C_SEMI && brackets.length === 0) {
      endStatement();
      lastEnd = i + 1;
      atStatementStart = true;
      prev = Prev.Operator;
      i++;
      continue;
    }
    lastEnd = i + 1;

    if (c === C_LPAREN || c === C_LBRACKET || c === C_LBRACE) {
      let call = -1;
      let params = false;
      if (
        c === C_LPAREN &&
        header !== null &&
        header.nameAt !== -1 &&
        header.open === -1 &&
        brackets.length === 0 &&
        (header.keyword === 'def' || header.keyword === 'class')
      ) {
        header.open = i;
        params = true;
      } else if (c === C_LPAREN && (prev === Prev.Name || prev === Prev.Close) && chainStart >= 0) {
        call = calls.length;
        const callee = stripSpace(text.slice(chainStart, i));
        calls.push({
          start: chainStart,
          open: i,
          end: -1,
          callee,
          method: prev === Prev.Name ? text.slice(nameStart, nameEnd) : '',
          awaited: chainAwaited,
          block: top,
          inDecorator: decorator >= 0,
        });
      }
      const subscript =
        c === C_LBRACKET &&
        (prev === Prev.Name || prev === Prev.Close || prev === Prev.Literal || prev === Prev.String);
      brackets.push({
        char: c,
        at: i,
        call,
        params,
        chainStart: call >= 0 || subscript ? chainStart : i,
        chainAwaited: call >= 0 || subscript ? chainAwaited : prev === Prev.Await,
      });
      prev = Prev.Operator;
      i++;
      continue;
    }
    if (c === C_RPAREN || c === C_RBRACKET || c === C_RBRACE) {
      const want = c === C_RPAREN ? C_LPAREN : c === C_RBRACKET ? C_LBRACKET : C_LBRACE;
      let k = brackets.length - 1;
      while (k >= 0 && brackets[k]!.char !== want) k--;
      if (k >= 0) {
        const b = brackets[k]!;
        while (brackets.length > k) brackets.pop();
        if (b.call >= 0) calls[b.call]!.end = i + 1;
        if (b.params && header !== null) header.close = i;
        chainStart = b.chainStart;
        chainAwaited = b.chainAwaited;
        prev = Prev.Close;
      } else {
        prev = Prev.Operator;
      }
      i++;
      continue;
    }
    if (brackets.length === 0) {
      if (c === C_COLON && header !== null && lineKeyword !== null && text.charCodeAt(i + 1) !== C_EQ) {
        if (lineKeyword !== 'match' || isLineEndAfter(text, i + 1)) {
          prev = Prev.Operator;
          i++;
          openHeaderBlock(i - 1);
          continue;
        }
      }
    }
    if (c === C_DOT) {
      if (text.charCodeAt(i + 1) === C_DOT && text.charCodeAt(i + 2) === C_DOT) {
        prev = Prev.Literal;
        chainStart = i;
        chainAwaited = false;
        lastEnd = i + 3;
        i += 3;
        continue;
      }
      prev = Prev.Dot;
      i++;
      continue;
    }
    prev = Prev.Operator;
    i++;
  }

  endStatement();
  closeBlocksTo(-1);
  return { blocks, statements, calls, raises, returns, yields, decorators, comments, lineStarts };
}

/** Indentation width of the text between a line start and its first token, tabs to multiples of 8. */
function indentOf(text: string, lineStart: number, at: number): number {
  let indent = 0;
  for (let k = lineStart; k < at; k++) {
    const w = text.charCodeAt(k);
    if (w === C_TAB) indent = (Math.floor(indent / 8) + 1) * 8;
    else if (w === C_FF) indent = 0;
    else indent++;
  }
  return indent;
}

// Keywords by first character, so most names are rejected by one table read.
const KEYWORDS_BY_FIRST: (string[] | undefined)[] = [];
for (const word of new Set([...NOT_CALLABLE, ...COMPOUND])) {
  const first = word.charCodeAt(0);
  KEYWORDS_BY_FIRST[first] = [...(KEYWORDS_BY_FIRST[first] ?? []), word];
}

/** The keyword spelled by text[start, end), or null, without allocating a string for plain names. */
function keywordAt(text: string, start: number, end: number): string | null {
  const candidates = KEYWORDS_BY_FIRST[text.charCodeAt(start)];
  if (!candidates) return null;
  const length = end - start;
  for (const word of candidates) if (word.length === length && text.startsWith(word, start)) return word;
  return null;
}

/** A marker word for "a string token" passed where a keyword is expected. */
const STRING_TOKEN = '\u0000string';

/** True when only white space or a comment follows `from` on its line. */
function isLineEndAfter(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === C_SPACE || c === C_TAB || c === C_FF) continue;
    return c === C_LF || c === C_CR || c === C_HASH;
  }
  return true;
}

/** Index of the first statement starting at or after `pos`. */
export function firstStatementFrom(statements: Statements, pos: number): number {
  const starts = statements.start;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the statement that contains `pos`, or -1. */
export function statementAt(statements: Statements, pos: number): number {
  const k = firstStatementFrom(statements, pos + 1) - 1;
  return k >= 0 && statements.end[k]! >= pos ? k : -1;
}
