import type Parser from 'tree-sitter';
import type { ParamFacts, ParamRole } from '../facts.js';
import { isIdLike } from '../naming.js';
import type { ModuleInfo } from './module.js';

type Node = Parser.SyntaxNode;

const REQUEST_TYPE =
  /^(?:express\.|e\.|http\.|Koa\.)?(?:Request|FastifyRequest|NextRequest|NextApiRequest|IncomingMessage|APIGatewayProxyEvent(?:V2)?|ALBEvent)\b/;
const RESPONSE_TYPE = /^(?:express\.|e\.|http\.)?(?:Response|FastifyReply|ServerResponse|NextApiResponse)\b/;
const MODIFIER = /^\s*(?:public|private|protected|readonly|override)\s/;
const SINGLE_ARROW_PARAM = /^\s*(?:async\s+)?([\p{ID_Start}$_][\p{ID_Continue}$]*)\s*=>\s*$/u;
const SIMPLE_LIST = /^[\p{ID_Continue}$\s,:?.|]*$/u;
// Every id-like name has one of these endings somewhere (`orderId`, `order_id`, `{ sku }`): a cheap filter.
const MAY_BE_ID = /(id|ids|uuid|guid|sku|key)\b/i;
const KOA_CONTEXT_TYPE = /^(?:Koa\.)?(?:Parameterized)?(?:Context|RouterContext|ExtendableContext)\b/;

/**
 * The text inside a function's parameter list. Read from the text before the body (`header`) when that is
 * unambiguous, which saves asking the tree; decorators, generics or computed names before the list, and
 * anything unusual, go to the tree.
 */
export function parameterListText(fn: Node, header: string): string {
  const fromHeader = listFromHeader(header);
  if (fromHeader !== null) return fromHeader;
  const list = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!list) return '';
  return list.type === 'formal_parameters' ? list.text.slice(1, -1) : list.text;
}

function listFromHeader(header: string): string | null {
  const open = header.indexOf('(');
  if (open < 0) return SINGLE_ARROW_PARAM.exec(header)?.[1] ?? null;
  if (/[@<[]/.test(header.slice(0, open))) return null;
  const close = matchingClose(header, open);
  return close < 0 ? null : header.slice(open + 1, close);
}

/**
 * Parameters read from the parameter list's text rather than node by node. Decorators (`@Param('id')`),
 * modifiers (`private readonly`), defaults and rest dots are dropped.
 */
export function readParams(listText: string, module: ModuleInfo): ParamFacts[] {
  const out: ParamFacts[] = [];
  // Most lists are plain names with simple types: no brackets, strings or defaults to step over.
  const parts = SIMPLE_LIST.test(listText)
    ? listText.split(',').filter((p) => p.trim().length > 0)
    : splitTopLevel(listText, ',');
  for (const raw of parts) {
    const param = parseParam(raw);
    if (!param || param.name === 'this') continue;
    out.push({ ...param, role: roleOf(param.name, param.type, module) });
  }
  return out;
}

const PLAIN_PARAM = /^\s*([\p{ID_Start}$_][\p{ID_Continue}$]*)\s*(?:\??\s*:\s*([^=,()[\]{}<>'"`@]+?))?\s*$/u;

export function parseParam(raw: string): { name: string; type: string | null } | null {
  const plain = PLAIN_PARAM.exec(raw);
  if (plain && !MODIFIER.test(raw)) return { name: plain[1] as string, type: plain[2] ?? null };
  let text = stripDecorators(raw.trim())
    .replace(/^(?:(?:public|private|protected|readonly|override)\s+)+/, '')
    .replace(/^\.\.\./, '');
  const assign = topLevelIndex(text, '=');
  if (assign >= 0) text = text.slice(0, assign);
  const colon = topLevelIndex(text, ':');
  let name = (colon >= 0 ? text.slice(0, colon) : text).trim().replace(/\?$/, '');
  const type = colon >= 0 ? text.slice(colon + 1).trim() : null;
  name = name.replace(/\s+/g, ' ');
  return name.length > 0 ? { name, type: type && type.length > 0 ? type : null } : null;
}

function roleOf(name: string, type: string | null, module: ModuleInfo): ParamRole {
  if (type) {
    if (REQUEST_TYPE.test(type)) return 'request';
    if (RESPONSE_TYPE.test(type)) return 'response';
    if (/^Context\b/.test(type) && module.imports.get('Context')?.source === '@opentelemetry/api')
      return 'context';
    if (KOA_CONTEXT_TYPE.test(type) && !isLambdaContext(type, module)) return 'framework-context';
  }
  // `_reply`, `_req`: unused by the body, but still the framework's request and response.
  const bare = name.replace(/^_+/, '');
  if (bare === 'req' || bare === 'request') return 'request';
  if (bare === 'res' || bare === 'response' || bare === 'reply') return 'response';
  if (name === 'ctx' && (type === null || type === 'any')) return 'framework-context';
  if (MAY_BE_ID.test(name) && bindingNames(name).some(isIdLike)) return 'id';
  return 'other';
}

function isLambdaContext(type: string, module: ModuleInfo): boolean {
  return /^Context\b/.test(type) && module.imports.get('Context')?.source === 'aws-lambda';
}

/** `orderId`, or every name bound by a destructuring pattern (`{ orderId, user: { id } }`). */
function bindingNames(pattern: string): string[] {
  if (!/^[{[]/.test(pattern)) return [pattern];
  // In `{ key: local }` the local name is what the body sees; keys followed by `:` are not bindings.
  return pattern
    .replace(/[\p{ID_Start}$_][\p{ID_Continue}$]*\s*:(?!:)/gu, '')
    .split(/[^\p{ID_Continue}$]+/u)
    .filter((w) => w.length > 0 && !/^\d/.test(w));
}

export function stripDecorators(text: string): string {
  let rest = text;
  while (rest.startsWith('@')) {
    const m = /^@[\p{ID_Continue}$.]+/u.exec(rest);
    if (!m) break;
    rest = rest.slice(m[0].length);
    if (rest.startsWith('(')) {
      const close = matchingClose(rest, 0);
      rest = close < 0 ? '' : rest.slice(close + 1);
    }
    rest = rest.trimStart();
  }
  return rest;
}

const OPEN = '([{<';
const CLOSE = ')]}>';

/** Splits on `separator` outside brackets and strings; `=>` never closes a `<`. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      continue;
    }
    if (c === '=' && text[i + 1] === '>') {
      i++;
      continue;
    }
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === separator && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.filter((p) => p.trim().length > 0);
}

function topLevelIndex(text: string, char: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      continue;
    }
    if (c === '=' && (text[i + 1] === '>' || text[i + 1] === '=')) {
      i++;
      continue;
    }
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === char && depth === 0) return i;
  }
  return -1;
}

function skipString(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

function matchingClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`') i = skipString(text, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}
