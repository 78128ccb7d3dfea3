// Spans for handler factories: `func (s *server) handleOrders() http.HandlerFunc { ...; return func(w, r)
// {...} }`, `func ListOrders(svc *Service) gin.HandlerFunc`. The factory runs once, at registration, and
// takes no request; each request runs the function literal it returns. So the span starts at the top of
// every literal the factory returns, from that literal's request exactly as for a declared handler
// (`r.Context()` then `r = r.WithContext(ctx)`, gin's `c.Request`...), under the factory's span name, with
// the literal's own failure paths recorded (an echo literal returns an error). All or nothing: a factory
// that returns anything but its own literals, or one of whose literals cannot take a span, is skipped with
// the reason, since one span among several returned handlers would hide the others' gap from the audit.
import type { Gap } from '../../../audit/model.js';
import type { FunctionFacts } from '../../facts.js';
import { returnedHandlers } from '../metrics/handler-factory.js';
import type { FrameworkNames } from '../metrics/handler-recording.js';
import { emptyPlan, type FileContext, type FunctionPlan } from './file-context.js';
import { indexFunction } from './function-index.js';
import type { GoFunction } from './function-model.js';
import { newSpanRefusal, planNewSpan } from './new-span.js';
import { lineOf } from './syntax.js';

/** A Go request handler (not gRPC) that takes no request: it returns the handler (see handlers.ts). */
export function isHandlerFactory(fn: FunctionFacts): boolean {
  return (
    fn.handler !== null &&
    fn.handler.framework !== 'grpc' &&
    !fn.params.some((p) => p.role === 'request' || p.role === 'framework-context')
  );
}

const ECHO = /^github\.com\/labstack\/echo(\/v\d+)?$/;

function frameworkNames(ctx: FileContext): FrameworkNames {
  const { imports } = ctx;
  return {
    http: imports.namesOf((p) => p === 'net/http')[0] ?? null,
    gin: imports.namesOf((p) => p === 'github.com/gin-gonic/gin')[0] ?? null,
    echo: imports.namesOf((p) => ECHO.test(p))[0] ?? null,
  };
}

/**
 * The literal as its own function: handler-factory.ts hands it over with the factory's index (enough for
 * the metrics recording); a span needs the literal's own returns, panics and declarations.
 */
function ownFunction(literal: GoFunction, text: string): GoFunction {
  const index = indexFunction(literal.node, literal.body, text);
  return { ...literal, identifiers: index.identifiers, index };
}

export function planFactorySpans(
  ctx: FileContext,
  factory: GoFunction,
  facts: FunctionFacts,
  gap: Gap,
): FunctionPlan {
  const plan = emptyPlan();
  const skip = (reason: string) => {
    plan.skipped.push({ function: facts.qualifiedName, line: facts.line, gapType: 'missing_span', reason });
    return plan;
  };
  const found = returnedHandlers(factory, frameworkNames(ctx), ctx.text);
  if (typeof found === 'string') return skip(found);
  const literals = found.map((literal) => ownFunction(literal, ctx.text));
  // Every literal is checked before any is planned: planning one uses imports a refusal would orphan.
  for (const literal of literals) {
    const refusal = newSpanRefusal(ctx, literal, factory);
    if (!refusal) continue;
    const context = /^missing_context: the function takes/;
    return skip(
      refusal.replace(
        context,
        `missing_context: the function literal the factory returns (line ${lineOf(literal.node)}) takes`,
      ),
    );
  }
  const plans = literals.map((literal) => planNewSpan(ctx, literal, facts, gap, factory));
  for (const p of plans) {
    plan.edits.push(...p.edits);
    plan.usesPackageTracer ||= p.usesPackageTracer;
    for (const s of p.skipped)
      if (!plan.skipped.some((k) => k.gapType === s.gapType && k.reason === s.reason)) plan.skipped.push(s);
    for (const d of p.done) if (!plan.done.includes(d)) plan.done.push(d);
  }
  const where =
    plans.length === 1
      ? 'in the handler the factory returns'
      : `in each of the ${plans.length} handlers the factory returns`;
  const first = plans[0]?.notes ?? [];
  // The literals' notes differ only in how their errors are recorded: say it per literal when they differ.
  const rest = plans.map((p) => p.notes.slice(1).join('; '));
  const same = rest.every((r) => r === rest[0]);
  plan.notes.push(`${first[0] ?? 'span'} ${where}`);
  if (same) plan.notes.push(...first.slice(1));
  else
    rest.forEach((r, i) => {
      if (r) plan.notes.push(`line ${lineOf((literals[i] as GoFunction).node)}: ${r}`);
    });
  return plan;
}
