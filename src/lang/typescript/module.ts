import type Parser from 'tree-sitter';
import { propertyKey, stringValue, unwrapExpression } from './syntax.js';

type Node = Parser.SyntaxNode;

export interface ImportBinding {
  /** Module specifier: `express`, `node:fs/promises`, `./orders.js`. */
  source: string;
  /** Imported name: `default`, `*`, or the named export. */
  imported: string;
}

/** What the top level of a module says: imports, exports and the module-level values facts refer to. */
export interface ModuleInfo {
  imports: Map<string, ImportBinding>;
  /** Every module specifier imported or required at top level, side-effect imports included, with its line. */
  importSources: { source: string; line: number }[];
  /** Local names exported (ESM `export`, `export { }`, CommonJS `module.exports`/`exports.x`). */
  exported: Set<string>;
  /** Module-level `const X = 'literal'`. */
  constStrings: Map<string, string>;
  /** Module-level `const X = { k: 'literal' }` entries (span-name and attribute-key tables), read on demand. */
  constStringTable(name: string): Map<string, string> | null;
  /** Start index of module-level object literals → how they are bound (methods inside are functions). */
  objectBindings: Map<number, { owner: string | null; exported: boolean }>;
  /** A module-level `const X = { ... }` object literal, read on demand. */
  objectNamed(name: string): Node | null;
  /** `const controller = new OrdersController()` → `OrdersController`. */
  instances: Map<string, string>;
  /** Router variables (`express.Router()`, `new Router({ prefix })`) → their own prefix when given. */
  routers: Map<string, string>;
  /** Module-level variables initialised by `getTracer(...)`. */
  tracerVariables: string[];
}

// The top level of a module is read from its text: statements that start a line (`import`, `export`,
// `const`/`let`/`var`, `module.exports`, `exports.x`, `require(...)`). Asking the tree for every top-level
// statement costs more than this whole module; the tree is asked only for object literals, on demand.
// Code indented inside a wrapper (an IIFE, a namespace) is not the module's top level anyway.
const STATEMENT_START = /(?:import|export|const|let|var|module|exports|require)\b/y;
const STATEMENT_INITIALS = new Set([...'iclvmer'].map((c) => c.charCodeAt(0)));
const IDENT = String.raw`[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*`;
const DECLARATION = new RegExp(
  String.raw`(?:export\s+(?:declare\s+)?)?(const|let|var)\s+(${IDENT})\s*(?::[^=;]*?)?=\s*(?:await\s+)?`,
  'uy',
);
const DESTRUCTURED_REQUIRE =
  /(?:export\s+)?(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\s*\(\s*(['"])(.*?)\2\s*\)/y;
const REQUIRE = /require\s*\(\s*(['"])(.*?)\1\s*\)(\s*\.\s*[\w$]+)?/y;
const STRING_VALUE = /(['"`])((?:\\.|(?!\1)[^\\$\n])*)\1\s*(?:as\s+const\s*)?(?:;|\n|$)/y;
const NEW_VALUE = new RegExp(String.raw`new\s+((?:${IDENT}\.)*${IDENT})\s*(?:\(|;|$)`, 'uy');
const TRACER_VALUE = /[\w$.\s]*getTracer\s*\(/y;
const ROUTER_VALUE = /(?:express\s*\.\s*)?Router\s*\(/y;
const FACTORY_CALL = new RegExp(String.raw`(${IDENT})(?:\s*\.\s*${IDENT})*\s*\(`, 'uy');
const IMPORT_ALIAS = new RegExp(String.raw`import\s+(${IDENT})\s*=\s*require\s*\(\s*(['"])(.*?)\2`, 'uy');
const IMPORT = /import\s*(['"])(.*?)\1|import\s+(?:type\s+)?([^'";]*?)\s*\bfrom\s*(['"])(.*?)\4/y;
const NAMESPACE_IMPORT = new RegExp(String.raw`\*\s*as\s+(${IDENT})`, 'u');
const DEFAULT_IMPORT = new RegExp(String.raw`^\s*(${IDENT})\s*(?:,|$)`, 'u');
const EXPORT_NAMED = new RegExp(
  String.raw`export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?:function\s*\*?|(?:abstract\s+)?class|enum|namespace)\s*(${IDENT})`,
  'uy',
);
const EXPORT_LIST = /export\s+(?:type\s+)?\{([^}]*)\}(?:\s*from\s*(['"])(.*?)\2)?/y;
const EXPORT_STAR = /export\s+\*(?:\s+as\s+[\w$]+)?\s+from\s*(['"])(.*?)\1/y;
const EXPORT_VALUE = /export\s+(?:default|=)\s*/y;
const MODULE_EXPORTS = /module\s*\.\s*exports\s*=(?!=)\s*/y;
const EXPORTS_MEMBER = new RegExp(String.raw`(?:module\s*\.\s*)?exports\s*\.\s*(${IDENT})\s*=(?!=)\s*`, 'uy');
const IDENTIFIER_VALUE = new RegExp(String.raw`(${IDENT})\s*(?:;|\n|$)`, 'uy');

export function readModule(root: Node, text: string): ModuleInfo {
  const objects = new Map<string, number>();
  const tables = new Map<string, Map<string, string> | null>();
  const info: ModuleInfo = {
    imports: new Map(),
    importSources: [],
    exported: new Set(),
    constStrings: new Map(),
    objectBindings: new Map(),
    instances: new Map(),
    routers: new Map(),
    tracerVariables: [],
    objectNamed: (name) => {
      const start = objects.get(name);
      return start === undefined ? null : objectAt(root, start);
    },
    constStringTable: (name) => {
      if (!tables.has(name)) {
        const object = info.objectNamed(name);
        tables.set(name, object ? stringTable(object) : null);
      }
      return tables.get(name) ?? null;
    },
  };
  const reader = new StatementReader(info, objects, root, text);
  for (let at = text.charCodeAt(0) === 0xfeff ? 1 : 0; at >= 0 && at < text.length; ) {
    // Only lines starting with one of the keywords' first letters are worth a regular expression.
    if (STATEMENT_INITIALS.has(text.charCodeAt(at))) {
      STATEMENT_START.lastIndex = at;
      const m = STATEMENT_START.exec(text);
      if (m) reader.read(at, m[0]);
    }
    const next = text.indexOf('\n', at);
    at = next < 0 ? -1 : next + 1;
  }
  return info;
}

class StatementReader {
  private line = 1;
  private lineCountedTo = 0;

  constructor(
    private readonly info: ModuleInfo,
    private readonly objects: Map<string, number>,
    private readonly root: Node,
    private readonly text: string,
  ) {}

  read(at: number, keyword: string): void {
    switch (keyword) {
      case 'import':
        this.readImport(at);
        return;
      case 'export':
        if (!this.readDeclaration(at, true)) this.readExport(at);
        return;
      case 'const':
      case 'let':
      case 'var':
        this.readDeclaration(at, false);
        return;
      default:
        this.readCommonJs(at);
    }
  }

  /** Line of `at`; statements are visited in order, so newlines are counted once overall. */
  private lineAt(at: number): number {
    for (
      let i = this.text.indexOf('\n', this.lineCountedTo);
      i >= 0 && i < at;
      i = this.text.indexOf('\n', i + 1)
    ) {
      this.line++;
      this.lineCountedTo = i + 1;
    }
    return this.line;
  }

  private exec(pattern: RegExp, at: number): RegExpExecArray | null {
    pattern.lastIndex = at;
    return pattern.exec(this.text);
  }

  private readImport(at: number): void {
    const alias = this.exec(IMPORT_ALIAS, at);
    if (alias) {
      this.addImport(alias[1] as string, alias[3] as string, '*');
      this.info.importSources.push({ source: alias[3] as string, line: this.lineAt(at) });
      return;
    }
    const m = this.exec(IMPORT, at);
    if (!m) return;
    const source = (m[2] ?? m[5]) as string;
    this.info.importSources.push({ source, line: this.lineAt(at) });
    const clause = m[3];
    if (!clause) return;
    const named = /\{([\s\S]*)\}/.exec(clause);
    const outside = clause.replace(/\{[\s\S]*\}/, '');
    const namespace = NAMESPACE_IMPORT.exec(outside);
    if (namespace) this.addImport(namespace[1] as string, source, '*');
    const defaultName = DEFAULT_IMPORT.exec(outside);
    if (defaultName && defaultName[1] !== 'type') this.addImport(defaultName[1] as string, source, 'default');
    for (const spec of named ? (named[1] as string).split(',') : []) {
      const parts = spec
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/);
      const imported = parts[0]?.trim();
      const local = (parts[1] ?? parts[0])?.trim();
      if (imported && local) this.addImport(local, source, imported);
    }
  }

  private addImport(local: string, source: string, imported: string): void {
    this.info.imports.set(local, { source, imported });
  }

  /** `const x = ...` (with `export` when `exported`); false when the statement is not a declaration. */
  private readDeclaration(at: number, exported: boolean): boolean {
    const destructured = this.exec(DESTRUCTURED_REQUIRE, at);
    if (destructured) {
      const source = destructured[3] as string;
      this.info.importSources.push({ source, line: this.lineAt(at) });
      for (const part of (destructured[1] as string).split(',')) {
        const [key, local] = part.split(':').map((p) => p.trim());
        if (key) this.addImport(local || key, source, key);
        if (exported && key) this.info.exported.add(local || key);
      }
      return true;
    }
    const m = this.exec(DECLARATION, at);
    if (!m) return false;
    if (!exported && m[0].startsWith('export')) return false;
    const kind = m[1] as string;
    const name = m[2] as string;
    if (exported) this.info.exported.add(name);
    const value = at + m[0].length;
    this.readBoundValue(name, kind === 'const', value, exported, at);
    return true;
  }

  private readBoundValue(name: string, isConst: boolean, value: number, exported: boolean, at: number): void {
    const text = this.text;
    const required = this.exec(REQUIRE, value);
    if (required) {
      this.info.importSources.push({ source: required[2] as string, line: this.lineAt(at) });
      // `require('fastify')({ logger: true })` binds what the module builds (an app), not the module.
      if (!/^\s*\(/.test(text.slice(REQUIRE.lastIndex, REQUIRE.lastIndex + 8)))
        // `require('./orders').ordersRouter` binds that export, as `import { ordersRouter }` would.
        this.addImport(name, required[2] as string, required[3] ? required[3].replace(/^\s*\.\s*/, '') : '*');
      return;
    }
    const first = text[value];
    if (first === "'" || first === '"' || first === '`') {
      const literal = this.exec(STRING_VALUE, value);
      if (isConst && literal) this.info.constStrings.set(name, literal[2] as string);
      return;
    }
    if (first === '{') {
      this.info.objectBindings.set(value, { owner: name, exported });
      if (isConst) this.objects.set(name, value);
      return;
    }
    const instance = this.exec(NEW_VALUE, value);
    if (instance) {
      const className = instance[1] as string;
      if (/(^|\.)Router$/.test(className)) this.info.routers.set(name, routerPrefix(text, value));
      else this.info.instances.set(name, className);
      return;
    }
    if (this.exec(TRACER_VALUE, value)) this.info.tracerVariables.push(name);
    else if (this.exec(ROUTER_VALUE, value)) this.info.routers.set(name, '');
    else {
      // `const transport = nodemailer.createTransport(...)`: a client built by an imported library.
      const factory = this.exec(FACTORY_CALL, value);
      const source = factory ? this.info.imports.get(factory[1] as string)?.source : undefined;
      if (factory && source && !source.startsWith('@opentelemetry/'))
        this.info.instances.set(name, (factory[0] as string).replace(/\s*\($/, ''));
    }
  }

  private readExport(at: number): void {
    const named = this.exec(EXPORT_NAMED, at);
    if (named) {
      this.info.exported.add(named[1] as string);
      return;
    }
    const list = this.exec(EXPORT_LIST, at);
    if (list) {
      for (const spec of (list[1] as string).split(',')) {
        const local = spec
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]
          ?.trim();
        if (local) this.info.exported.add(local);
      }
      if (list[3]) this.info.importSources.push({ source: list[3], line: this.lineAt(at) });
      return;
    }
    const star = this.exec(EXPORT_STAR, at);
    if (star) {
      this.info.importSources.push({ source: star[2] as string, line: this.lineAt(at) });
      return;
    }
    const value = this.exec(EXPORT_VALUE, at);
    if (value) this.readExportedValue(at + value[0].length);
  }

  /** `export default X`, `export default { ... }`, `export default new X()`, `module.exports = ...`. */
  private readExportedValue(value: number): void {
    const identifier = this.exec(IDENTIFIER_VALUE, value);
    if (identifier) {
      this.info.exported.add(identifier[1] as string);
      return;
    }
    const instance = this.exec(NEW_VALUE, value);
    if (instance) {
      this.info.exported.add((instance[1] as string).split('.').pop() as string);
      return;
    }
    if (this.text[value] !== '{') return;
    this.info.objectBindings.set(value, { owner: null, exported: true });
    // `module.exports = { createOrder, cancel: cancelOrder }` exports those bindings.
    for (const member of objectAt(this.root, value)?.namedChildren ?? []) {
      if (member.type === 'shorthand_property_identifier') this.info.exported.add(member.text);
      else if (member.type === 'pair') {
        const v = member.childForFieldName('value');
        if (v?.type === 'identifier') this.info.exported.add(v.text);
      }
    }
  }

  private readCommonJs(at: number): void {
    const required = this.exec(REQUIRE, at);
    if (required) {
      this.info.importSources.push({ source: required[2] as string, line: this.lineAt(at) });
      return;
    }
    const moduleExports = this.exec(MODULE_EXPORTS, at);
    if (moduleExports) {
      this.readExportedValue(at + moduleExports[0].length);
      return;
    }
    const member = this.exec(EXPORTS_MEMBER, at);
    if (!member) return;
    const value = at + member[0].length;
    const identifier = this.exec(IDENTIFIER_VALUE, value);
    if (identifier) this.info.exported.add(identifier[1] as string);
    else if (this.text[value] === '{')
      this.info.objectBindings.set(value, { owner: member[1] as string, exported: true });
  }
}

function objectAt(root: Node, start: number): Node | null {
  const node = root.namedDescendantForIndex(start);
  return node.type === 'object' && node.startIndex === start ? node : null;
}

function stringTable(object: Node): Map<string, string> | null {
  const table = new Map<string, string>();
  for (const pair of object.namedChildren) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const literal = stringValue(unwrapExpression(pair.childForFieldName('value')));
    if (key && literal !== null) table.set(propertyKey(key).text, literal);
  }
  return table.size > 0 ? table : null;
}

/** Koa's `new Router({ prefix: '/orders' })`. */
function routerPrefix(text: string, value: number): string {
  const m = /new\s+[\w$.]+\s*\(\s*\{[^}]*\bprefix\s*:\s*(['"`])(.*?)\1/y;
  m.lastIndex = value;
  return m.exec(text)?.[2] ?? '';
}
