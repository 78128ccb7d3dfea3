// Parameters from the text between a def's parentheses, and the role each plays.
import type { ParamFacts, ParamRole } from '../facts.js';
import { isIdLike } from '../naming.js';
import { skipString } from './scan.js';

/** Splits at commas outside brackets, strings and comments. */
export function splitTopLevel(text: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let depth = 0;
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      let p = i;
      while (p > 0 && /[A-Za-z]/.test(text[p - 1]!)) p--;
      i = skipString(text, i, /[fFtT]/.test(text.slice(p, i)));
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push({ text: text.slice(from, i), offset: from });
      from = i + 1;
    }
    i++;
  }
  parts.push({ text: text.slice(from), offset: from });
  return parts;
}

/** Index of the first top-level `ch` (outside brackets and strings), or -1. */
function topLevelIndex(text: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i = skipString(text, i, false) - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ch && depth === 0) {
      // `:=` and `==`/`<=`... are not the separators we look for.
      if (ch === '=' && (text[i + 1] === '=' || /[<>!=:]/.test(text[i - 1] ?? ''))) continue;
      return i;
    }
  }
  return -1;
}

const REQUEST_TYPES = new Set([
  'Request',
  'HttpRequest',
  'WSGIRequest',
  'ASGIRequest',
  'BaseRequest',
  'HTTPConnection',
  'WebSocket',
]);
const RESPONSE_TYPES = new Set([
  'Response',
  'HttpResponse',
  'StreamingResponse',
  'JSONResponse',
  'HTMLResponse',
  'StreamResponse',
]);
const INSTANCE_NAMES = new Set(['self', 'cls', 'mcs', 'mcls', 'metacls']);

/** `web.Request`, `Optional[Request]`, `"Request"` → `Request`. */
function typeName(type: string): string {
  const bare = type
    .replace(/^['"]|['"]$/g, '')
    .replace(/^(Optional|Annotated)\[/, '')
    .replace(/[[\],|].*$/s, '')
    .trim();
  return bare.slice(bare.lastIndexOf('.') + 1);
}

export function roleOf(name: string, type: string | null): ParamRole {
  const t = type ? typeName(type) : '';
  if (name === 'request' || name === 'req' || REQUEST_TYPES.has(t)) return 'request';
  if (name === 'response' || RESPONSE_TYPES.has(t)) return 'response';
  if (/(ServicerContext|LambdaContext)$/.test(t)) return 'framework-context';
  if (isIdLike(name)) return 'id';
  return 'other';
}

/** Parameters written between `(` and `)` of a def, without the instance parameter. */
export function parseParams(list: string): ParamFacts[] {
  const params: ParamFacts[] = [];
  for (const part of splitTopLevel(list)) {
    let p = part.text.replace(/#[^\n]*/g, '').trim();
    if (p === '' || p === '*' || p === '/') continue;
    p = p.replace(/^\*{1,2}\s*/, '');
    const eq = topLevelIndex(p, '=');
    const declared = eq >= 0 ? p.slice(0, eq) : p;
    const colon = topLevelIndex(declared, ':');
    const name = (colon >= 0 ? declared.slice(0, colon) : declared).trim();
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) continue;
    if (params.length === 0 && INSTANCE_NAMES.has(name)) continue;
    const type =
      colon >= 0
        ? declared
            .slice(colon + 1)
            .replace(/\s+/g, ' ')
            .trim() || null
        : null;
    params.push({ name, type, role: roleOf(name, type) });
  }
  return params;
}
