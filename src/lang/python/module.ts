// What a module says at its top level: imports, tracers, string constants, `__all__`, the main guard.
// Read from the text of module- and class-level statements, which the scanner has already delimited.
import { type Skeleton, StatementKind } from './scan.js';
import { type Scopes, scopeAt } from './scopes.js';

export interface ModuleInfo {
  /** Local name → what it refers to: `rq` → `requests`, `urlopen` → `urllib.request.urlopen`. */
  imports: Map<string, string>;
  /** Every import statement at module level: the module, what it binds, and where it is. */
  importedModules: { module: string; targets: string[]; at: number }[];
  /** Top-level packages imported anywhere in the file (`fastapi`, `flask`, `django`). */
  packages: Set<string>;
  /** Module-level names bound to `trace.get_tracer(...)`. */
  tracerVariables: string[];
  /** String constants: `NAME` at module level, `Class.NAME` in class bodies. */
  constants: Map<string, string>;
  /** Names listed in `__all__`, or null when the module does not define it. */
  exportList: Set<string> | null;
  /** Functions the `if __name__ == "__main__":` block calls. */
  mainCalls: Set<string>;
}

const IMPORT = /^import\s+([\s\S]+)$/;
const FROM_IMPORT = /^from\s+([.\w]+)\s+import\s+([\s\S]+)$/;
const ASSIGNMENT = /^([A-Za-z_][\w]*)\s*(?::[^=]*)?=(?!=)\s*([\s\S]+)$/;
const PLAIN_STRING = /^[uUrR]?(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')$/;
const STRING_ITEMS = /(['"])((?:(?!\1)[^\\\n]|\\.)*)\1/g;
const EXPORT_LIST = /^__all__\s*(?::[^=]*)?(\+?=)\s*([\s\S]+)$/;
const EXPORT_CALL = /^__all__\s*\.\s*(?:extend|append)\s*\(([\s\S]*)\)$/;
const MAIN_GUARD = /__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__/;

function splitNames(list: string): string[] {
  return list
    .replace(/#[^\n]*/g, '')
    .replace(/[()\\]/g, ' ')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `import a.b as c, d` / `from m import (x as y, z)` → [local, target] pairs. */
function parseImport(statement: string): { module: string; bindings: [string, string][] } | null {
  const plain = IMPORT.exec(statement);
  if (plain) {
    const bindings: [string, string][] = [];
    let first = '';
    for (const item of splitNames(plain[1]!)) {
      const [target, alias] = item.split(/\s+as\s+/).map((s) => s.trim());
      if (!target) continue;
      if (!first) first = target;
      // `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
      bindings.push(alias ? [alias, target] : [target.split('.')[0]!, target.split('.')[0]!]);
    }
    return { module: first, bindings };
  }
  const from = FROM_IMPORT.exec(statement);
  if (!from) return null;
  const module = from[1]!;
  const bindings: [string, string][] = [];
  for (const item of splitNames(from[2]!)) {
    const [name, alias] = item.split(/\s+as\s+/).map((s) => s.trim());
    if (!name || name === '*') continue;
    bindings.push([alias ?? name, module.endsWith('.') ? `${module}${name}` : `${module}.${name}`]);
  }
  return { module, bindings };
}

export function readModule(text: string, skeleton: Skeleton, scopes: Scopes): ModuleInfo {
  const info: ModuleInfo = {
    imports: new Map(),
    importedModules: [],
    packages: new Set(),
    tracerVariables: [],
    constants: new Map(),
    exportList: null,
    mainCalls: new Set(),
  };
  const { statements, blocks } = skeleton;
  for (let k = 0; k < statements.start.length; k++) {
    if (statements.kind[k] === StatementKind.Compound) continue;
    const scope = scopeAt(scopes, statements.block[k]!);
    const inClass = scope >= 0 && blocks[scope]!.keyword === 'class';
    if (scope >= 0 && !inClass) continue;
    const start = statements.start[k]!;
    const c = text.charCodeAt(start);
    // Only statements that can be imports or assignments of interest: skip calls, returns, docstrings.
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) continue;
    const statement = text.slice(start, statements.end[k]!);
    if (!inClass && (c === 105 || c === 102)) {
      const imported = parseImport(statement);
      if (imported) {
        info.importedModules.push({
          module: imported.module,
          targets: imported.bindings.map(([, t]) => t),
          at: start,
        });
        const root = imported.module.replace(/^\.+/, '').split('.')[0];
        if (root) info.packages.add(root);
        for (const [local, target] of imported.bindings) info.imports.set(local, target);
        continue;
      }
    }
    if (!inClass && c === 95) {
      const list = EXPORT_LIST.exec(statement) ?? EXPORT_CALL.exec(statement);
      if (list) {
        const items = list.length === 3 ? list[2]! : list[1]!;
        const names = info.exportList && list[1] !== '=' ? info.exportList : new Set<string>();
        for (const m of items.matchAll(STRING_ITEMS)) names.add(m[2]!);
        info.exportList = names;
        continue;
      }
    }
    const assignment = ASSIGNMENT.exec(statement);
    if (!assignment) continue;
    const [, name, value] = assignment as unknown as [string, string, string];
    const literal = PLAIN_STRING.exec(value.trim());
    if (literal) {
      info.constants.set(inClass ? `${blocks[scope]!.name}.${name}` : name, literal[1] ?? literal[2] ?? '');
    } else if (!inClass && /\bget_tracer\s*\(/.test(value)) {
      info.tracerVariables.push(name);
    }
  }
  for (const b of blocks) {
    if (b.parent !== -1 || b.keyword !== 'if' || !MAIN_GUARD.test(text.slice(b.start, b.colon))) continue;
    for (const call of skeleton.calls) {
      if (call.start >= b.colon && call.start < b.end && /^[A-Za-z_]\w*$/.test(call.callee))
        info.mainCalls.add(call.callee);
    }
  }
  return info;
}
