// Where a new span's parent comes from, so it is the caller's child and the parent of what the function
// starts: a `context.Context` parameter, else the request (`r.Context()`, gin's `c.Request.Context()`,
// echo's `c.Request().Context()`, fiber's `c.UserContext()`), whose copy then carries the new context on.
// No context at all means no span: an orphan root span would be worse than none.
import type { TextEdit } from '../../../edit/model.js';
import type { GoFunction, GoParam } from './function-model.js';
import type { ImportPlan } from './imports.js';
import { freshName } from './names.js';

export interface ContextSource {
  /** The parent context expression: `ctx`, `r.Context()`. */
  parent: string;
  /** What the span's context is assigned to: the context variable, or `_` when nothing would read it. */
  assignTo: string;
  /** Statements after `defer span.End()` that hand the span's context to the rest of the body. */
  propagate: string[];
  /** Signature edits naming a `_` or unnamed parameter (the type stays the same). */
  edits: TextEdit[];
}

type Kind = 'context' | 'request' | 'gin' | 'echo' | 'fiber';

const PATHS: Record<Kind, (path: string) => boolean> = {
  context: (p) => p === 'context',
  request: (p) => p === 'net/http',
  gin: (p) => p === 'github.com/gin-gonic/gin',
  echo: (p) => /^github\.com\/labstack\/echo(\/v\d+)?$/.test(p),
  fiber: (p) => p === 'github.com/gofiber/fiber/v2',
};

const TYPES: Record<Kind, (pkg: string) => string[]> = {
  context: (pkg) => [`${pkg}.Context`],
  request: (pkg) => [`*${pkg}.Request`],
  gin: (pkg) => [`*${pkg}.Context`],
  echo: (pkg) => [`${pkg}.Context`],
  fiber: (pkg) => [`*${pkg}.Ctx`],
};

function kindOf(param: GoParam, imports: ImportPlan): Kind | null {
  const type = param.type.replace(/\s+/g, '');
  for (const kind of Object.keys(PATHS) as Kind[]) {
    if (imports.namesOf(PATHS[kind]).some((pkg) => TYPES[kind](pkg).includes(type))) return kind;
  }
  return null;
}

/** Edits that give `param` the name `name`: replace `_`, or name every parameter of an unnamed list. */
function nameParam(fn: GoFunction, param: GoParam, name: string): TextEdit[] {
  if (param.nameNode) return [{ start: param.nameNode.startIndex, end: param.nameNode.endIndex, text: name }];
  return fn.params.map((p) => ({
    start: p.declaration.startIndex,
    end: p.declaration.startIndex,
    text: p === param ? `${name} ` : '_ ',
  }));
}

const PRIORITY: Kind[] = ['context', 'request', 'gin', 'echo', 'fiber'];

export function contextSource(fn: GoFunction, imports: ImportPlan): ContextSource | null {
  const candidates = fn.params.map((p) => ({ p, kind: kindOf(p, imports) })).filter((c) => c.kind !== null);
  candidates.sort((a, b) => PRIORITY.indexOf(a.kind as Kind) - PRIORITY.indexOf(b.kind as Kind));
  const found = candidates[0];
  if (!found) return null;
  const { p: param } = found;
  const kind = found.kind as Kind;
  const unnamed = param.name === null || param.name === '_';
  const name = unnamed
    ? freshName(kind === 'context' ? ['ctx'] : kind === 'request' ? ['r', 'req'] : ['c'], fn.identifiers)
    : (param.name as string);
  const edits = unnamed ? nameParam(fn, param, name) : [];
  const usedAfter = !unnamed && fn.index.bodyIdentifiers.has(name);
  if (kind === 'context') return { parent: name, assignTo: usedAfter ? name : '_', propagate: [], edits };
  const ctx = freshName(['ctx', 'spanCtx'], fn.identifiers);
  const handOn: Record<Exclude<Kind, 'context'>, { parent: string; propagate: string }> = {
    request: { parent: `${name}.Context()`, propagate: `${name} = ${name}.WithContext(${ctx})` },
    gin: {
      parent: `${name}.Request.Context()`,
      propagate: `${name}.Request = ${name}.Request.WithContext(${ctx})`,
    },
    echo: {
      parent: `${name}.Request().Context()`,
      propagate: `${name}.SetRequest(${name}.Request().WithContext(${ctx}))`,
    },
    fiber: { parent: `${name}.UserContext()`, propagate: `${name}.SetUserContext(${ctx})` },
  };
  const chosen = handOn[kind];
  return usedAfter
    ? { parent: chosen.parent, assignTo: ctx, propagate: [chosen.propagate], edits }
    : { parent: chosen.parent, assignTo: '_', propagate: [], edits };
}
