// A single-pass reader of Go declarations that records what the facts need: calls (with callee and
// argument range), returns, defers, loops, function literals, blocks and statement counts.
//
// Why not ask tree-sitter? Reaching those nodes from JS needs a native walk over every node of the tree
// (measured at ~28% of the parse time on GOROOT) plus a native call per node read. This lexer runs over
// the text tree-sitter already delimited (one top-level declaration at a time) at a fraction of that, and
// Go's lexical rules (automatic semicolons, composite literal vs block braces) are precise enough to
// recover the structure we need. It never throws and uses explicit stacks, so deep nesting is fine.
import { parseSignature, type Signature } from './signature.js';

export interface Block {
  /** Index of the `{` (or of the `case`/`default` keyword for a switch clause). */
  start: number;
  /** Index of the closing `}` (or of the next clause); the text length while unclosed. */
  end: number;
  /** The block this one is nested in (a clause's parent is its switch body). */
  parent: Block | null;
}

export interface LexScope {
  kind: 'function' | 'method' | 'literal';
  start: number;
  /** Index of the body's `{`, -1 for a declaration without a body. */
  bodyStart: number;
  /** Index just past the body's `}`. */
  end: number;
  signature: Signature | null;
  parent: LexScope | null;
  /** Statements directly or indirectly in this scope's body, nested literals excluded. */
  statements: number;
  body: Block | null;
}

export interface LexCall {
  /** Index where the callee expression starts. */
  start: number;
  /** Selector chain (`s.repo.Save`, `otel.Tracer(…).Start`); '' when the callee is not a plain chain. */
  callee: string;
  /** The last name of the callee (`Save`), '' when unknown. */
  method: string;
  /** Index of `(` and of the matching `)` (-1 while unclosed). */
  open: number;
  close: number;
  owner: LexScope | null;
  block: Block | null;
}

export interface LexStatement {
  start: number;
  /** Index of the statement's terminator (newline, `;` or the closing brace). */
  end: number;
  owner: LexScope | null;
  block: Block | null;
}

export interface LexLoop {
  start: number;
  /** Index just past the loop body's `}`. */
  end: number;
  owner: LexScope | null;
}

export interface LexResult {
  scopes: LexScope[];
  calls: LexCall[];
  returns: LexStatement[];
  defers: LexStatement[];
  loops: LexLoop[];
  /** Every block and switch clause, for "is this call on the path to that exit" questions. */
  blocks: Block[];
}

type Prev =
  | 'none'
  | 'ident'
  | 'keyword'
  | 'literal'
  | 'op'
  | '('
  | ')'
  | '['
  | ']'
  | '{'
  | '}'
  | '.'
  | ','
  | ';'
  | ':';

type FrameKind = 'paren' | 'call' | 'bracket' | 'block' | 'composite' | 'type';

interface Frame {
  kind: FrameKind;
  call: LexCall | null;
  /** Set on the body frame of a function or literal. */
  scope: LexScope | null;
  block: Block | null;
  /** A switch/select body: `case`/`default` open clauses inside it. */
  switchBody: boolean;
  clause: Block | null;
  loop: LexLoop | null;
}

interface Pending {
  depth: number;
  kind: string;
  loop: LexLoop | null;
  scope: LexScope | null;
}

/** Go's reserved words (shared with the instrument planner, which must not name a variable after one). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'break',
  'case',
  'chan',
  'const',
  'continue',
  'default',
  'defer',
  'else',
  'fallthrough',
  'for',
  'func',
  'go',
  'goto',
  'if',
  'import',
  'interface',
  'map',
  'package',
  'range',
  'return',
  'select',
  'struct',
  'switch',
  'type',
  'var',
]);

const CC = {
  LF: 10,
  CR: 13,
  SPACE: 32,
  TAB: 9,
  QUOTE: 34,
  APOS: 39,
  BACKTICK: 96,
  SLASH: 47,
  STAR: 42,
  BACKSLASH: 92,
  DOT: 46,
  ZERO: 48,
  NINE: 57,
  UNDERSCORE: 95,
} as const;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === CC.UNDERSCORE || c > 127;
}

function isDigit(c: number): boolean {
  return c >= CC.ZERO && c <= CC.NINE;
}

const SCOPE_KIND: Record<string, LexScope['kind']> = {
  function_declaration: 'function',
  method_declaration: 'method',
};

/**
 * Reads `text[start, end)`: one top-level declaration (`func ...`, `var ...`, `const ...`). `declType` is
 * its tree-sitter node type; a function or method declaration becomes the first scope.
 */
export function lexDeclaration(text: string, start: number, end: number, declType: string): LexResult {
  const result: LexResult = { scopes: [], calls: [], returns: [], defers: [], loops: [], blocks: [] };
  const frames: Frame[] = [];
  const headers: Pending[] = []; // `func` seen, body not yet opened
  const controls: Pending[] = []; // `if`/`for`/`switch`/`select`/`else` seen, block not yet opened
  const open: { depth: number; stmt: LexStatement }[] = []; // return/defer awaiting their end
  const scopes: LexScope[] = [];
  const blocks: Block[] = [];

  let prev: Prev = 'none';
  let prevWord = '';
  let insertSemi = false;
  // The selector chain being read (`s.repo.Save`): where it starts (-1 for none) and its text.
  let chainStart = -1;
  let chainText = '';
  // `[]T` / `map[K]V` just read: a `{` after it opens a composite literal even in a control clause.
  let typeAfterBracket = false;
  let closedLiteral = false;
  let closedCall = false;
  // `struct{...}` just closed: a `{` right after it opens that struct's composite literal.
  let closedType = false;
  // `[]*T`: pointer stars between `]` and the element type.
  let starAfterBracket = false;

  const currentScope = (): LexScope | null => scopes[scopes.length - 1] ?? null;
  const currentBlock = (): Block | null => {
    const b = blocks[blocks.length - 1];
    return b ?? null;
  };
  const innerFrame = (): Frame | undefined => frames[frames.length - 1];
  const inStatementContext = (): boolean => {
    const f = innerFrame();
    return f === undefined || f.kind === 'block';
  };

  const endStatement = (at: number, explicit: boolean): void => {
    const depth = frames.length;
    const control = controls[controls.length - 1];
    if (explicit && control && control.depth === depth) return; // `for i := 0; i < n; i++ {`
    const header = headers[headers.length - 1];
    if (header && header.depth === depth) headers.pop(); // `var f func()`: a func type, not a literal
    while (open.length > 0 && (open[open.length - 1] as { depth: number }).depth >= depth) {
      const o = open.pop() as { depth: number; stmt: LexStatement };
      o.stmt.end = at;
    }
    if (inStatementContext() && prev !== ';' && prev !== '{' && prev !== 'none') {
      const scope = currentScope();
      if (scope) scope.statements++;
    }
    prev = ';';
    chainStart = -1;
    insertSemi = false;
  };

  const pushFrame = (kind: FrameKind): Frame => {
    const frame: Frame = {
      kind,
      call: null,
      scope: null,
      block: null,
      switchBody: false,
      clause: null,
      loop: null,
    };
    frames.push(frame);
    return frame;
  };

  const openBlock = (at: number, frame: Frame): void => {
    const block: Block = { start: at, end: text.length, parent: currentBlock() };
    frame.block = block;
    result.blocks.push(block);
    blocks.push(block);
  };

  const openBrace = (at: number): void => {
    const depth = frames.length;
    const typeBody = prev === 'keyword' && (prevWord === 'struct' || prevWord === 'interface');
    const header = headers[headers.length - 1];
    if (header && header.depth === depth && !typeBody) {
      headers.pop();
      const scope = header.scope as LexScope;
      scope.bodyStart = at;
      scope.signature = parseSignature(text, scope.start, at, scope.kind);
      const frame = pushFrame('block');
      frame.scope = scope;
      openBlock(at, frame);
      scope.body = frame.block;
      scopes.push(scope);
      result.scopes.push(scope);
      return;
    }
    if (typeBody) {
      pushFrame('type');
      return;
    }
    const control = controls[controls.length - 1];
    const compositeType = (prev === 'ident' && typeAfterBracket) || (prev === '}' && closedType);
    if (control && control.depth === depth && !compositeType) {
      controls.pop();
      const frame = pushFrame('block');
      openBlock(at, frame);
      frame.switchBody = control.kind === 'switch' || control.kind === 'select';
      frame.loop = control.loop;
      return;
    }
    if (
      inStatementContext() &&
      (prev === ';' || prev === '{' || prev === '}' || prev === ':' || prev === 'none')
    ) {
      openBlock(at, pushFrame('block'));
      return;
    }
    pushFrame('composite');
  };

  const closeBrace = (at: number): void => {
    const frame = innerFrame();
    if (frame?.kind === 'block' && prev !== ';' && prev !== '{') endStatement(at, false);
    else {
      // Statements of a composite literal's elements cannot be open here, but a `return` at this depth can.
      while (open.length > 0 && (open[open.length - 1] as { depth: number }).depth >= frames.length) {
        (open.pop() as { stmt: LexStatement }).stmt.end = at;
      }
    }
    frames.pop();
    closedLiteral = false;
    closedType = frame?.kind === 'type';
    if (!frame) return;
    if (frame.clause) frame.clause.end = at;
    if (frame.block) {
      frame.block.end = at;
      blocks.pop();
      if (frame.clause) blocks.pop();
    }
    if (frame.loop) frame.loop.end = at + 1;
    if (frame.scope) {
      frame.scope.end = at + 1;
      scopes.pop();
      closedLiteral = frame.scope.kind === 'literal';
    }
    // Controls and headers opened inside the closed frame can never complete.
    while (controls.length > 0 && (controls[controls.length - 1] as Pending).depth > frames.length)
      controls.pop();
    while (headers.length > 0 && (headers[headers.length - 1] as Pending).depth > frames.length)
      headers.pop();
  };

  const keyword = (word: string, at: number): void => {
    switch (word) {
      case 'func': {
        // A `func` in the result type of a header still open at this depth is a function type.
        // So is one right after `]` or `*` (`[]func()`, `map[K]func()`, `*func()`).
        const pendingHeader = headers[headers.length - 1];
        if (pendingHeader && pendingHeader.depth === frames.length) break;
        if (prev === ']' || (prev === 'op' && text[at - 1] === '*')) break;
        const kind =
          headers.length === 0 && scopes.length === 0 && at === start
            ? (SCOPE_KIND[declType] ?? 'literal')
            : 'literal';
        const scope: LexScope = {
          kind,
          start: at,
          bodyStart: -1,
          end: end,
          signature: null,
          parent: currentScope(),
          statements: 0,
          body: null,
        };
        headers.push({ depth: frames.length, kind: 'func', loop: null, scope });
        break;
      }
      case 'return':
      case 'defer': {
        const stmt: LexStatement = { start: at, end: end, owner: currentScope(), block: currentBlock() };
        (word === 'return' ? result.returns : result.defers).push(stmt);
        open.push({ depth: frames.length, stmt });
        break;
      }
      case 'for': {
        const loop: LexLoop = { start: at, end: end, owner: currentScope() };
        result.loops.push(loop);
        controls.push({ depth: frames.length, kind: word, loop, scope: null });
        break;
      }
      case 'if':
        // `else if`: the `if` takes over the pending `else`.
        if (prev === 'keyword' && prevWord === 'else') controls.pop();
        controls.push({ depth: frames.length, kind: word, loop: null, scope: null });
        break;
      case 'switch':
      case 'select':
      case 'else':
        controls.push({ depth: frames.length, kind: word, loop: null, scope: null });
        break;
      case 'case':
      case 'default': {
        const frame = innerFrame();
        if (frame?.switchBody) {
          if (frame.clause) {
            frame.clause.end = at;
            blocks.pop();
          }
          const clause: Block = { start: at, end: text.length, parent: frame.block };
          frame.clause = clause;
          result.blocks.push(clause);
          blocks.push(clause);
        }
        break;
      }
    }
    insertSemi = word === 'return' || word === 'break' || word === 'continue' || word === 'fallthrough';
  };

  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === CC.LF) {
      if (insertSemi) endStatement(i, false);
      i++;
      continue;
    }
    if (c === CC.SPACE || c === CC.TAB || c === CC.CR) {
      i++;
      continue;
    }
    if (c === CC.SLASH) {
      const n = text.charCodeAt(i + 1);
      if (n === CC.SLASH) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 || nl > end ? end : nl;
        continue;
      }
      if (n === CC.STAR) {
        const close = text.indexOf('*/', i + 2);
        const stop = close < 0 || close + 2 > end ? end : close + 2;
        if (insertSemi && text.slice(i, stop).includes('\n')) endStatement(i, false);
        i = stop;
        continue;
      }
    }
    if (isLetter(c)) {
      let j = i + 1;
      while (j < end) {
        const d = text.charCodeAt(j);
        if (isLetter(d) || isDigit(d)) j++;
        else break;
      }
      const word = text.slice(i, j);
      if (KEYWORDS.has(word)) {
        chainStart = -1;
        typeAfterBracket = false;
        keyword(word, i);
        prev = 'keyword';
      } else {
        typeAfterBracket =
          prev === ']' || (prev === '.' && typeAfterBracket) || (prev === 'op' && starAfterBracket);
        if (prev === '.' && chainStart >= 0) {
          if (chainText !== '') chainText = `${chainText}.${word}`;
        } else {
          chainStart = i;
          chainText = word;
        }
        prev = 'ident';
        insertSemi = true;
      }
      prevWord = word;
      closedLiteral = false;
      i = j;
      continue;
    }
    if (isDigit(c) || (c === CC.DOT && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < end) {
        const d = text.charCodeAt(j);
        const p = text.charCodeAt(j - 1) | 32;
        if (isLetter(d) || isDigit(d) || d === CC.DOT) j++;
        else if ((d === 43 || d === 45) && (p === 101 || p === 112))
          j++; // 1e+9, 0x1p-2
        else break;
      }
      prev = 'literal';
      prevWord = '';
      chainStart = -1;
      insertSemi = true;
      closedLiteral = false;
      i = j;
      continue;
    }
    if (c === CC.QUOTE || c === CC.APOS || c === CC.BACKTICK) {
      let j = i + 1;
      if (c === CC.BACKTICK) {
        const close = text.indexOf('`', j);
        j = close < 0 || close >= end ? end : close + 1;
      } else {
        while (j < end) {
          const d = text.charCodeAt(j);
          if (d === CC.BACKSLASH) j += 2;
          else if (d === c) {
            j++;
            break;
          } else if (d === CC.LF) break;
          else j++;
        }
      }
      prev = 'literal';
      prevWord = '';
      chainStart = -1;
      insertSemi = true;
      closedLiteral = false;
      i = Math.min(j, end);
      continue;
    }
    const ch = text[i] as string;
    const wasClosedLiteral = closedLiteral;
    closedLiteral = false;
    switch (ch) {
      case '(': {
        const header = headers[headers.length - 1];
        const inHeader = header !== undefined && header.depth === frames.length;
        const inType = innerFrame()?.kind === 'type';
        // `[]byte(s)`, `map[K]V(m)` and `(*T)(p)` are conversions, not calls.
        const conversion = (prev === 'ident' && typeAfterBracket) || (prev === ')' && !closedCall);
        const isCall =
          !inHeader &&
          !inType &&
          !conversion &&
          (prev === 'ident' || prev === ')' || prev === ']' || (prev === '}' && wasClosedLiteral));
        const frame = pushFrame(isCall ? 'call' : 'paren');
        if (isCall) {
          const call: LexCall = {
            start: chainStart >= 0 && prev === 'ident' ? chainStart : i,
            callee: chainStart >= 0 && prev === 'ident' ? chainText : '',
            method: chainStart >= 0 && prev === 'ident' && chainText !== '' ? prevWord : '',
            open: i,
            close: -1,
            owner: currentScope(),
            block: currentBlock(),
          };
          frame.call = call;
          result.calls.push(call);
        }
        prev = '(';
        chainStart = -1;
        insertSemi = false;
        i++;
        continue;
      }
      case ')': {
        const frame = innerFrame();
        if (frame && (frame.kind === 'call' || frame.kind === 'paren')) frames.pop();
        const header = headers[headers.length - 1];
        if (header && header.depth > frames.length) headers.pop();
        chainStart = -1;
        closedCall = Boolean(frame?.call);
        if (frame?.call) {
          frame.call.close = i;
          const callee = frame.call.callee;
          chainStart = frame.call.start;
          chainText = callee === '' ? '' : `${callee}(…)`;
        }
        prev = ')';
        insertSemi = true;
        i++;
        continue;
      }
      case '[':
        pushFrame('bracket');
        prev = '[';
        chainStart = -1;
        insertSemi = false;
        i++;
        continue;
      case ']': {
        if (innerFrame()?.kind === 'bracket') frames.pop();
        prev = ']';
        chainStart = -1;
        insertSemi = true;
        i++;
        continue;
      }
      case '{':
        openBrace(i);
        prev = '{';
        chainStart = -1;
        insertSemi = false;
        typeAfterBracket = false;
        i++;
        continue;
      case '}':
        closeBrace(i);
        prev = '}';
        chainStart = -1;
        insertSemi = true;
        i++;
        continue;
      case ';':
        endStatement(i, true);
        i++;
        continue;
      case '.':
        if (text.startsWith('...', i)) {
          prev = 'op';
          chainStart = -1;
          insertSemi = false;
          i += 3;
          continue;
        }
        if (prev !== 'ident' && prev !== ')' && prev !== ']') chainStart = -1;
        prev = '.';
        insertSemi = false;
        i++;
        continue;
      case ',': {
        const header = headers[headers.length - 1];
        if (header && header.depth === frames.length) headers.pop();
        prev = ',';
        chainStart = -1;
        insertSemi = false;
        i++;
        continue;
      }
      case ':':
        prev = text[i + 1] === '=' ? 'op' : ':';
        chainStart = -1;
        insertSemi = false;
        i += prev === 'op' ? 2 : 1;
        continue;
      default: {
        const next = text.charCodeAt(i + 1);
        if ((c === 43 || c === 45) && next === c) {
          // `++` / `--`
          prev = 'op';
          insertSemi = true;
          i += 2;
        } else {
          if (ch === '=' && text[i + 1] !== '=') {
            const header = headers[headers.length - 1];
            if (header && header.depth === frames.length) headers.pop();
          }
          starAfterBracket = ch === '*' && (prev === ']' || (prev === 'op' && starAfterBracket));
          prev = 'op';
          insertSemi = false;
          i++;
        }
        chainStart = -1;
        typeAfterBracket = false;
      }
    }
  }
  // Whatever is still open at the end (broken code) ends at the end of the declaration.
  if (insertSemi) endStatement(end, false);
  for (const o of open) o.stmt.end = end;
  return result;
}
