// Where a span's parent context comes from: the function's own context parameter, something derived
// from it or from the request, or a fresh root (`context.Background()`), which orphans the span.
import type { SpanFacts } from '../facts.js';
import { lastAssignment } from './assignments.js';
import type { LexScope } from './lexer.js';
import type { GoFile } from './model.js';
import { paramFacts } from './params.js';

export interface ParentContext {
  parentContext: SpanFacts['parentContext'];
  backgroundLine: number | null;
}

/** Parameters of `scope` and every scope enclosing it, with roles. */
function visibleParams(file: GoFile, scope: LexScope): { name: string; role: string }[] {
  const out: { name: string; role: string }[] = [];
  for (let s: LexScope | null = scope; s; s = s.parent) {
    if (s.signature) out.push(...paramFacts(s.signature.params, file.imports));
  }
  return out;
}

function backgroundCall(file: GoFile, expr: string): RegExpExecArray | null {
  for (const ctx of file.imports.namesOf('context')) {
    const m = new RegExp(`\\b${ctx}\\s*\\.\\s*(Background|TODO)\\s*\\(\\s*\\)`).exec(expr);
    if (m) return m;
  }
  return null;
}

/**
 * Classifies the context argument `expr` (at index `at`) of a span started in `scope` by the statement
 * starting at `statementStart`. `topScope` is the declaration the scope belongs to, whose text before that
 * statement is searched for assignments.
 */
export function parentContextOf(
  file: GoFile,
  scope: LexScope,
  topScope: LexScope,
  expr: string,
  at: number,
  statementStart: number,
): ParentContext {
  const params = visibleParams(file, scope);
  const hadContext = params.some(
    (p) => p.role === 'context' || p.role === 'request' || p.role === 'framework-context',
  );
  const background = (index: number): ParentContext => ({
    parentContext: hadContext ? 'background' : 'none-available',
    backgroundLine: hadContext ? file.pos.line(index) : null,
  });
  const contextParams = new Set(
    params.filter((p) => p.role === 'context' || p.role === 'framework-context').map((p) => p.name),
  );
  const trimmed = expr.trim();
  const bg = backgroundCall(file, trimmed);
  if (bg) return background(at + bg.index);
  if (/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(trimmed)) {
    // The latest assignment wins over the parameter it may shadow (`ctx = context.Background()`).
    const assigned = lastAssignment(file.text, trimmed, topScope.bodyStart, statementStart);
    if (assigned) {
      const inner = backgroundCall(file, assigned.value);
      if (inner) return background(assigned.at + inner.index);
      return {
        parentContext:
          contextParams.has(trimmed) && /\bStart\s*\(/.test(assigned.value) ? 'parameter' : 'derived',
        backgroundLine: null,
      };
    }
    if (contextParams.has(trimmed)) return { parentContext: 'parameter', backgroundLine: null };
    return { parentContext: 'derived', backgroundLine: null };
  }
  // `r.Context()`, `c.Request.Context()`, `context.WithTimeout(ctx, d)`, a struct field...: not a fresh root.
  return { parentContext: 'derived', backgroundLine: null };
}
