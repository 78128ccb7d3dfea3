import type { ParamFacts, ParamRole } from '../facts.js';
import { isIdLike } from '../naming.js';
import type { Imports, KnownPackage } from './imports.js';
import type { GoParam } from './signature.js';

/** `pkg.Name` / `*pkg.Name` where `pkg` is the local name of the known package. */
export function isQualifiedType(
  type: string,
  imports: Imports,
  pkg: KnownPackage,
  name: string,
  pointer: boolean | 'either',
): boolean {
  const star = type.startsWith('*');
  if (pointer !== 'either' && star !== pointer) return false;
  const bare = star ? type.slice(1).trim() : type;
  const dot = bare.indexOf('.');
  return dot > 0 && bare.slice(dot + 1) === name && imports.is(bare.slice(0, dot), pkg);
}

function roleOf(param: GoParam, imports: Imports): ParamRole {
  const t = param.type;
  if (isQualifiedType(t, imports, 'context', 'Context', false)) return 'context';
  if (isQualifiedType(t, imports, 'http', 'Request', true)) return 'request';
  if (isQualifiedType(t, imports, 'http', 'ResponseWriter', false)) return 'response';
  if (
    isQualifiedType(t, imports, 'gin', 'Context', true) ||
    isQualifiedType(t, imports, 'echo', 'Context', false) ||
    isQualifiedType(t, imports, 'fiber', 'Ctx', 'either')
  ) {
    return 'framework-context';
  }
  if (param.name !== '_' && isIdLike(param.name)) return 'id';
  return 'other';
}

export function paramFacts(params: readonly GoParam[], imports: Imports): ParamFacts[] {
  return params.map((p) => ({ name: p.name, type: p.type === '' ? null : p.type, role: roleOf(p, imports) }));
}
