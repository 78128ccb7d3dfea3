import type Parser from 'tree-sitter';
import type { TrivialReason } from '../facts.js';
import type { FunctionSites } from './body.js';
import type { FunctionDecl } from './functions.js';

type Node = Parser.SyntaxNode;

const STRINGERS =
  /^(toString|toJSON|inspect|valueOf|toLocaleString|\[Symbol\.toPrimitive\]|\[(util\.)?inspect\.custom\]|\[Symbol\.for\(['"]nodejs\.util\.inspect\.custom['"]\)\])$/;
const FORMATTING = new Set([
  'String',
  'Number',
  'toString',
  'toFixed',
  'toPrecision',
  'toLocaleString',
  'toLocaleDateString',
  'toLocaleTimeString',
  'toISOString',
  'toUpperCase',
  'toLowerCase',
  'trim',
  'trimStart',
  'trimEnd',
  'padStart',
  'padEnd',
  'join',
  'replace',
  'replaceAll',
  'split',
  'slice',
  'substring',
  'concat',
  'repeat',
  'format',
  'stringify',
  'encodeURIComponent',
  'decodeURIComponent',
  'sprintf',
  'map',
  'charAt',
]);
const RETURN_THIS_FIELD = /^\{\s*return\s+this\.[#\w$.]+\s*;?\s*\}$/;
const ASSIGN_THIS_FIELD = /^\{\s*this\.[#\w$.]+\s*=\s*[\w$.]+\s*;?\s*\}$/;
const ASSIGN_STATEMENT = /^this\.[#\w$.]+\s*=\s*[^;]+;?$|^super\s*\(/s;

// Top-level functions a script defines to start itself: `main().catch(...)`, `bootstrap()`, `start()`.
const ENTRY_POINT = /^(main|bootstrap|start|startServer|serve|run)$/;

export interface BodyShape {
  body: Node | null;
  /** Statements directly in the body (a concise arrow body counts as one). */
  statements: number;
  ioCalls: number;
  failureExits: number;
}

export function trivialReason(decl: FunctionDecl, fn: FunctionSites, shape: BodyShape): TrivialReason | null {
  if (STRINGERS.test(decl.name)) return 'stringer';
  if (decl.kind === 'getter') return 'getter';
  if (decl.kind === 'setter') return 'setter';
  const body = shape.body;
  if (!body) return null;
  if (body.type === 'statement_block' && shape.statements === 0) {
    // `constructor(private readonly repo: Repo) {}` only stores its parameters.
    return decl.kind === 'constructor' ? 'assign-only-constructor' : 'empty';
  }
  if (shape.ioCalls > 0 || shape.failureExits > 0 || decl.handler) return null;
  if (decl.kind === 'constructor') return assignsOnly(body) ? 'assign-only-constructor' : null;
  const text = body.text;
  if (RETURN_THIS_FIELD.test(text)) return 'getter';
  if (ASSIGN_THIS_FIELD.test(text)) return 'setter';
  if (fn.calls.length > 0 && !decl.async && fn.calls.every(isFormatting)) return 'pure-formatting';
  return null;
}

function isFormatting(call: FunctionSites['calls'][number]): boolean {
  const segments = call.callee?.segments;
  const last = segments?.[segments.length - 1]?.replace(/\(\)$/, '');
  return last !== undefined && FORMATTING.has(last);
}

function assignsOnly(body: Node): boolean {
  return body.namedChildren.every(
    (s) => s.type === 'comment' || (s.type === 'expression_statement' && ASSIGN_STATEMENT.test(s.text)),
  );
}

/** Why a function is never asked for a span, whatever it does. */
export function exclusionOf(
  decl: FunctionDecl,
  body: Node | null,
  file: { isTest: boolean; mayHaveJsx: boolean },
): { reason: string } | null {
  if (file.isTest) return { reason: 'test file' };
  if (decl.owner === null && !decl.exported && ENTRY_POINT.test(decl.name))
    return { reason: 'program entry point' };
  // Components render; the framework traces rendering (Next.js does for server components) and the data
  // functions they call are where spans belong.
  if (file.mayHaveJsx && body && !decl.handler && rendersJsx(body))
    return { reason: 'UI component (renders JSX)' };
  return null;
}

function rendersJsx(body: Node): boolean {
  if (body.type !== 'statement_block') return /^\(?\s*</.test(body.text);
  return /\breturn\s*\(?\s*<[\w>]/.test(body.text);
}
