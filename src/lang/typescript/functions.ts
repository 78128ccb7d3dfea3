import type Parser from 'tree-sitter';
import type { FunctionKind, HandlerFacts } from '../facts.js';
import { type ClassInfo, classInfo, isPublic, methodDecorators, modifiersBefore } from './classes.js';
import { callTaking, type FileIndex, type FunctionScope } from './collect.js';
import { nestHandler, topLevelHandler, workerFetchHandler } from './handlers.js';
import type { ModuleInfo } from './module.js';
import { startOf } from './position.js';
import type { RouteCall } from './routes.js';
import { propertyKey } from './syntax.js';
import { declaredName, precedingToken, startsWithAsync } from './tokens.js';

type Node = Parser.SyntaxNode;

/** A function the audit reports on its own (as opposed to a callback that belongs to its parent). */
export interface FunctionDecl {
  scope: number;
  name: string;
  owner: string | null;
  kind: FunctionKind;
  exported: boolean;
  handler: HandlerFacts | null;
  /** Decorators written on the method (`@Get(':id')`, `@Span()`), outermost first. */
  decorators: Node[];
  /** Callee of a higher-order wrapper the function is passed to (`withSpan`, `middy`), if any. */
  wrapper: string | null;
  async: boolean;
  generator: boolean;
  /** Where the function itself starts when that is not its node's start (JS puts decorators inside methods). */
  start: { index: number; row: number; column: number } | null;
  /** First node of the declaration as written (decorators, `export`, `const`): comments above it apply. */
  anchor: () => Node;
}

// After these, a function expression is an operand (array element, condition, returned value), never bound.
const INLINE_AFTER = new Set([
  '[',
  '?',
  '|',
  '&',
  '!',
  '{',
  '}',
  ';',
  '>',
  '+',
  'return',
  'yield',
  'await',
  'typeof',
  'void',
  'in',
  'of',
]);

/** `OrderService.create`, `createOrder`, `POST /orders`: the name reports show. */
export function qualifiedNameOf(decl: FunctionDecl): string {
  return decl.owner ? `${decl.owner}.${decl.name}` : decl.name;
}

export interface DiscoveryInput {
  index: FileIndex;
  module: ModuleInfo;
  path: string;
  routeCalls: RouteCall[];
}

/** Decides which function scopes are functions of their own and names them. */
export function discoverFunctions(input: DiscoveryInput): { decls: FunctionDecl[]; ownerOf: Int32Array } {
  const { index } = input;
  const classes = new Map<number, ClassInfo>();
  const routeByHandler = new Map<number, RouteCall>();
  for (const route of input.routeCalls)
    if (route.handler) routeByHandler.set(route.handler.startIndex, route);
  const decls: FunctionDecl[] = [];
  // ownerOf[scope] = index in decls of the function the scope belongs to, or -1 (module level).
  const ownerOf = new Int32Array(index.scopes.length).fill(-1);
  for (let s = 0; s < index.scopes.length; s++) {
    const scope = index.scopes[s] as FunctionScope;
    const inherited = scope.parent >= 0 ? (ownerOf[scope.parent] as number) : -1;
    const decl = declare(s, scope, inherited >= 0, input, classes, routeByHandler);
    if (decl && scope.type !== 'method_definition') {
      decl.async = startsWithAsync(index.text, scope.start);
      decl.generator = scope.type.startsWith('generator');
    }
    if (decl) {
      decls.push(decl);
      ownerOf[s] = decls.length - 1;
    } else ownerOf[s] = inherited;
  }
  return { decls, ownerOf };
}

function declare(
  s: number,
  scope: FunctionScope,
  nested: boolean,
  input: DiscoveryInput,
  classes: Map<number, ClassInfo>,
  routeByHandler: Map<number, RouteCall>,
): FunctionDecl | null {
  const node = scope.node;
  const route = routeByHandler.get(scope.start);
  if (route) return routeHandler(s, scope, route, input.index.text);
  switch (scope.type) {
    case 'function_declaration':
    case 'generator_function_declaration':
      return nested ? null : declaredFunction(s, node, input);
    case 'method_definition':
      return method(s, node, input, classes);
    default:
      return boundExpression(s, scope, nested, input, classes);
  }
}

function base(s: number, name: string, kind: FunctionKind, anchor: () => Node): FunctionDecl {
  return {
    scope: s,
    name,
    owner: null,
    kind,
    exported: false,
    handler: null,
    decorators: [],
    wrapper: null,
    async: false,
    generator: false,
    start: null,
    anchor,
  };
}

function routeHandler(s: number, scope: FunctionScope, route: RouteCall, text: string): FunctionDecl {
  const decl = base(s, `${route.verb} ${route.route}`, kindOfExpression(scope.type), () => route.call.node);
  decl.handler = handlerOfRoute(route);
  decl.async = startsWithAsync(text, scope.start);
  return decl;
}

/** The handler facts a registration gives the function it names. */
export function handlerOfRoute(route: RouteCall): HandlerFacts {
  return {
    framework: route.framework,
    route: route.route,
    method: route.method,
    ...(route.router ? { router: route.router } : {}),
  };
}

function declaredFunction(s: number, node: Node, input: DiscoveryInput): FunctionDecl | null {
  const before = precedingToken(input.index.text, startOf(node));
  const parent = before === 'export' || before === 'default' ? node.parent : null;
  const exportedHere = parent?.type === 'export_statement';
  const isDefault = exportedHere && before === 'default';
  const name = declaredName(input.index.text, startOf(node)) ?? (isDefault ? 'default' : null);
  if (!name) return null;
  const decl = base(s, name, 'function', () => (exportedHere && parent ? parent : node));
  decl.exported = exportedHere || input.module.exported.has(name);
  decl.handler = topLevelHandler(name, decl.exported, isDefault, input.path);
  return decl;
}

function method(
  s: number,
  node: Node,
  input: DiscoveryInput,
  classes: Map<number, ClassInfo>,
): FunctionDecl | null {
  const container = node.parent;
  if (!container) return null;
  const nameNode = node.childForFieldName('name');
  if (!nameNode) return null;
  const name = nameNode.type === 'computed_property_name' ? nameNode.text : propertyKey(nameNode).text;
  const modifiers = modifiersBefore(input.index.text, node.startIndex, nameNode.startIndex);
  const kind: FunctionKind =
    name === 'constructor'
      ? 'constructor'
      : modifiers.has('get')
        ? 'getter'
        : modifiers.has('set')
          ? 'setter'
          : 'method';
  const withModifiers = (decl: FunctionDecl) => {
    decl.async = modifiers.has('async');
    decl.generator = modifiers.has('*');
    return decl;
  };
  if (container.type === 'class_body') {
    const cls = classInfo(container, input.module, classes);
    const decorators = methodDecorators(node, input.index.text);
    const decl = withModifiers(base(s, name, kind, () => decorators[0] ?? node));
    const lastInside = decorators[decorators.length - 1];
    const after =
      lastInside && lastInside.parent?.startIndex === node.startIndex ? lastInside.nextSibling : null;
    if (after)
      decl.start = {
        index: after.startIndex,
        row: after.startPosition.row,
        column: after.startPosition.column,
      };
    decl.owner = cls.name;
    decl.decorators = decorators;
    decl.exported = cls.exported && isPublic(name, modifiers);
    decl.handler = nestHandler(cls, decorators);
    if (decl.handler) decl.exported = true;
    return decl;
  }
  if (container.type === 'object') {
    const binding = input.module.objectBindings.get(container.startIndex);
    if (!binding) return null;
    const decl = withModifiers(base(s, name, kind, () => node));
    decl.owner = binding.owner;
    decl.exported = binding.exported;
    decl.handler = workerFetchHandler(name, binding);
    return decl;
  }
  return null;
}

/** Arrow functions and function expressions named after what they are bound to. */
function boundExpression(
  s: number,
  scope: FunctionScope,
  nested: boolean,
  input: DiscoveryInput,
  classes: Map<number, ClassInfo>,
): FunctionDecl | null {
  const node = scope.node;
  const before = precedingToken(input.index.text, scope.start);
  // Most function expressions are callbacks; the text before them says so without asking the tree.
  if (before === '(' || before === ',') return nested ? null : wrapped(s, scope, input);
  if (INLINE_AFTER.has(before)) return null;
  const parent = node.parent;
  if (!parent) return null;
  const kind = kindOfExpression(scope.type);
  const module = input.module;
  switch (parent.type) {
    case 'variable_declarator': {
      const nameNode = parent.childForFieldName('name');
      if (nested || nameNode?.type !== 'identifier') return null;
      return boundVariable(s, nameNode.text, kind, scope, input, () => declarationStatement(parent), null);
    }
    case 'assignment_expression':
      return nested ? null : assigned(s, node, parent, kind, input);
    case 'pair': {
      const object = parent.parent;
      const binding = object ? module.objectBindings.get(object.startIndex) : undefined;
      const key = parent.childForFieldName('key');
      if (!binding || !key) return null;
      const decl = base(s, propertyKey(key).text, kind, () => parent);
      decl.owner = binding.owner;
      decl.exported = binding.exported;
      return decl;
    }
    case 'public_field_definition':
    case 'field_definition': {
      const body = parent.parent;
      const nameNode = parent.childForFieldName('name') ?? parent.childForFieldName('property');
      if (body?.type !== 'class_body' || !nameNode) return null;
      const cls = classInfo(body, module, classes);
      const name = nameNode.text;
      const modifiers = modifiersBefore(input.index.text, parent.startIndex, nameNode.startIndex);
      const decorators = methodDecorators(parent, input.index.text);
      const decl = base(s, name, kind, () => decorators[0] ?? parent);
      decl.owner = cls.name;
      decl.decorators = decorators;
      decl.exported = cls.exported && isPublic(name, modifiers);
      return decl;
    }
    case 'arguments':
      return nested ? null : wrapped(s, scope, input);
    case 'export_statement': {
      const name = node.childForFieldName('name')?.text ?? 'default';
      const decl = base(s, name, kind, () => parent);
      decl.exported = true;
      decl.handler = topLevelHandler(name, true, true, input.path);
      return decl;
    }
    default:
      return null;
  }
}

function boundVariable(
  s: number,
  name: string,
  kind: FunctionKind,
  scope: FunctionScope,
  input: DiscoveryInput,
  anchor: () => Node,
  wrapper: string | null,
): FunctionDecl {
  const decl = base(s, name, kind, anchor);
  decl.exported = scope.parent === -1 && input.module.exported.has(name);
  decl.wrapper = wrapper;
  decl.handler = topLevelHandler(name, decl.exported, false, input.path);
  return decl;
}

/** `exports.create = async (...) => {}`, `module.exports = function () {}`, `Foo.prototype.bar = function () {}`. */
function assigned(
  s: number,
  node: Node,
  assignment: Node,
  kind: FunctionKind,
  input: DiscoveryInput,
): FunctionDecl | null {
  const left = assignment.childForFieldName('left');
  if (!left || left.startIndex >= node.startIndex) return null;
  const target = left.text.replace(/\s+/g, '');
  const anchor = () => assignment.parent ?? assignment;
  const module = input.module;
  if (target === 'module.exports') {
    const decl = base(s, node.childForFieldName('name')?.text ?? 'default', kind, anchor);
    decl.exported = true;
    decl.handler = topLevelHandler(decl.name, true, true, input.path);
    return decl;
  }
  const exportsMember = /^(?:module\.)?exports\.([\w$]+)$/.exec(target);
  if (exportsMember) {
    const decl = base(s, exportsMember[1] as string, kind, anchor);
    decl.exported = true;
    decl.handler = topLevelHandler(decl.name, true, false, input.path);
    return decl;
  }
  const prototypeMember = /^([\w$]+)\.prototype\.([\w$]+)$/.exec(target);
  if (prototypeMember) {
    const decl = base(s, prototypeMember[2] as string, 'method', anchor);
    decl.owner = prototypeMember[1] as string;
    decl.exported = module.exported.has(decl.owner);
    return decl;
  }
  const member = /^([\w$]+)\.([\w$]+)$/.exec(target);
  if (member && member[1] !== 'this') {
    const decl = base(s, member[2] as string, kind, anchor);
    decl.owner = member[1] as string;
    decl.exported = module.exported.has(decl.owner);
    return decl;
  }
  if (/^[\w$]+$/.test(target)) {
    const decl = base(s, target, kind, anchor);
    decl.exported = module.exported.has(target);
    return decl;
  }
  return null;
}

/**
 * `export const handler = middy(async (event) => {...})`, `const create = asyncHandler(async (req, res) => {})`:
 * a function passed straight to a wrapper whose result is bound to a name is that name's function.
 */
function wrapped(s: number, scope: FunctionScope, input: DiscoveryInput): FunctionDecl | null {
  const call = callTaking(input.index, s);
  if (!call?.callee || call.callee.argsOpen < 0 || scope.start < call.callee.argsOpen) return null;
  if (!/=\s*(?:await\s+)?$/.test(input.index.text.slice(Math.max(0, call.start - 40), call.start)))
    return null;
  const declarator = call.node.parent;
  if (declarator?.type !== 'variable_declarator') return null;
  const nameNode = declarator.childForFieldName('name');
  if (nameNode?.type !== 'identifier') return null;
  const kind = kindOfExpression(scope.type);
  return boundVariable(
    s,
    nameNode.text,
    kind,
    scope,
    input,
    () => declarationStatement(declarator),
    call.callee.text,
  );
}

function declarationStatement(declarator: Node): Node {
  const statement = declarator.parent ?? declarator;
  return statement.parent?.type === 'export_statement' ? statement.parent : statement;
}

function kindOfExpression(type: string): FunctionKind {
  if (type === 'arrow_function') return 'arrow';
  if (type === 'function_declaration' || type === 'generator_function_declaration') return 'function';
  if (type === 'method_definition') return 'method';
  return 'function-expression';
}
