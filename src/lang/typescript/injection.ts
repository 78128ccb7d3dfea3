// The fields a class is given rather than builds: a call on one is a call into another component.
import type { ParamFacts } from '../facts.js';
import type { FileIndex } from './collect.js';
import type { FunctionDecl } from './functions.js';
import type { InjectedFields } from './io.js';
import type { ModuleInfo } from './module.js';
import { parameterListText, parseParam, readParams, splitTopLevel, stripDecorators } from './params.js';

/** Per class, the fields its constructor receives: TS parameter properties and JS `this.x = x`. */
export function injectedFields(
  decls: FunctionDecl[],
  index: FileIndex,
  module: ModuleInfo,
): Map<string, InjectedFields> {
  const out = new Map<string, InjectedFields>();
  for (const decl of decls) {
    const scope = index.scopes[decl.scope];
    if (decl.kind !== 'constructor' || !decl.owner || !scope) continue;
    const body = scope.node.childForFieldName('body');
    if (!body) continue;
    const list = parameterListText(scope.node, index.text.slice(scope.start, body.startIndex));
    const fields = parameterProperties(list);
    for (const [field, type] of assignedFromParameters(body.text, readParams(list, module))) {
      if (!fields.has(field)) fields.set(field, type);
    }
    out.set(decl.owner, fields);
  }
  return out;
}

/**
 * TypeScript parameter properties of a constructor (`private readonly repo: Repository<Order>`): the
 * fields a class receives by injection, with their declared types.
 */
function parameterProperties(listText: string): Map<string, string | null> {
  const fields = new Map<string, string | null>();
  for (const raw of splitTopLevel(listText, ',')) {
    if (!/^(?:public|private|protected|readonly|override)\b/.test(stripDecorators(raw.trim()))) continue;
    const param = parseParam(raw);
    if (param) fields.set(param.name, param.type);
  }
  return fields;
}

/**
 * JavaScript's way of receiving dependencies: `constructor(repo, payments) { this.repo = repo; ... }`.
 * The fields assigned straight from a constructor parameter, with no type known.
 */
function assignedFromParameters(bodyText: string, params: ParamFacts[]): Map<string, string | null> {
  const fields = new Map<string, string | null>();
  const names = new Set(params.map((p) => p.name));
  for (const m of bodyText.matchAll(/this\s*\.\s*(#?[\w$]+)\s*=\s*([\w$]+)\s*[;\n}]/g)) {
    if (names.has(m[2] as string)) fields.set((m[1] as string).replace(/^#/, ''), null);
  }
  return fields;
}
