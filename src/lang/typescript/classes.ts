// What a class member needs from its class: the class's name, whether it is exported, its decorators.
import type Parser from 'tree-sitter';
import type { ModuleInfo } from './module.js';
import { startOf } from './position.js';
import { precedingToken } from './tokens.js';

type Node = Parser.SyntaxNode;

export interface ClassInfo {
  name: string | null;
  exported: boolean;
  /** `@Controller('orders')` prefix, or null when the class is not a NestJS controller. */
  controllerPrefix: string | null;
  /** Class-level decorator texts (`@Resolver()`, `@Controller()`). */
  decoratorTexts: string[];
}

const MODIFIERS =
  /((?:\b(?:static|async|get|set|public|private|protected|readonly|override|abstract|accessor)\s+|\*\s*)*)$/;
// Before a class member: the previous member's end or the body's `{`, so no decorator in between.
const NO_DECORATOR_BEFORE = new Set(['{', '}', ';', '/', ',']);

/** The keywords between a member's start and its name: `static`, `async`, `get`, `private`, `*`... */
export function modifiersBefore(text: string, from: number, nameStart: number): Set<string> {
  const prefix = text.slice(from, nameStart);
  const m = MODIFIERS.exec(prefix);
  return new Set(
    (m?.[1] ?? '')
      .split(/\s+|(?=\*)/)
      .map((w) => w.trim())
      .filter((w) => w.length > 0),
  );
}

export function isPublic(name: string, modifiers: Set<string>): boolean {
  return !name.startsWith('#') && !modifiers.has('private') && !modifiers.has('protected');
}

/** TS puts a method's decorators before it in the class body; the JS grammar puts them inside it. */
export function methodDecorators(member: Node, text: string): Node[] {
  const start = startOf(member);
  if (text[start] === '@') return member.namedChildren.filter((c) => c.type === 'decorator');
  if (NO_DECORATOR_BEFORE.has(precedingToken(text, start))) return [];
  const before: Node[] = [];
  for (
    let sibling = member.previousNamedSibling;
    sibling?.type === 'decorator';
    sibling = sibling.previousNamedSibling
  )
    before.unshift(sibling);
  return before;
}

export function classInfo(body: Node, module: ModuleInfo, cache: Map<number, ClassInfo>): ClassInfo {
  const cached = cache.get(body.startIndex);
  if (cached) return cached;
  const cls = body.parent;
  const holder = cls?.parent ?? null;
  let name = cls?.childForFieldName('name')?.text ?? null;
  if (!name && holder?.type === 'variable_declarator') name = holder.childForFieldName('name')?.text ?? null;
  const decorators = [
    ...(holder?.type === 'export_statement' ? holder.namedChildren : []),
    ...(cls?.namedChildren ?? []),
  ].filter((c) => c.type === 'decorator');
  const decoratorTexts = decorators.map((d) => d.text);
  const exported =
    holder?.type === 'export_statement' ||
    (holder?.type === 'assignment_expression' && /^module\s*\.\s*exports\b/.test(holder.text)) ||
    (name !== null && module.exported.has(name));
  const info: ClassInfo = {
    name,
    exported,
    controllerPrefix: controllerPrefix(decoratorTexts),
    decoratorTexts,
  };
  cache.set(body.startIndex, info);
  return info;
}

function controllerPrefix(decorators: string[]): string | null {
  for (const text of decorators) {
    const m = /^@Controller\s*\(\s*(?:(['"`])(.*?)\1|\{[^}]*?\bpath\s*:\s*(['"`])(.*?)\3)?/.exec(text);
    if (m) return m[2] ?? m[4] ?? '';
  }
  return null;
}
