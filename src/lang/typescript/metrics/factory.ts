// Handler factories: `const getOrder = (repo) => async (req, res) => {...}` or `function makeHandler(deps)
// { return async (req, res) => {...}; }`, registered as `router.get('/orders/:id', getOrder(repo))`. The
// audit names the factory as the handler; the requests are served by the function it returns, so that
// is where the recording goes, with that function's own parameters.
import type Parser from 'tree-sitter';
import type { FunctionFacts } from '../../facts.js';
import { ownStatements, returnExpression } from '../instrument/returns.js';
import type { ModuleInfo } from '../module.js';
import { parameterListText, readParams } from '../params.js';
import { unwrapExpression } from '../syntax.js';

type Node = Parser.SyntaxNode;

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function']);
const SERVING_ROLES = new Set(['request', 'response', 'framework-context']);

export type ServedBy =
  | { ok: true; fn: FunctionFacts; node: Node; factory: boolean }
  | { ok: false; reason: string };

/**
 * The function that serves the requests: the handler itself, or, for a factory (no request, response or
 * context parameter, returning one function, curried factories included), the function it returns.
 */
export function servedBy(fn: FunctionFacts, node: Node, text: string, module: () => ModuleInfo): ServedBy {
  if (fn.params.some((p) => SERVING_ROLES.has(p.role))) return { ok: true, fn, node, factory: false };
  let inner = returnedFunction(node);
  if (!inner) return { ok: true, fn, node, factory: false };
  const factoryParams = new Set(fn.params.map((p) => p.name));
  for (let depth = 0; depth < 3; depth++) {
    const params = paramsOf(inner, text, module());
    if (params.some((p) => SERVING_ROLES.has(p.role))) {
      if (callsOneOf(inner, factoryParams))
        return {
          ok: false,
          reason:
            'it wraps the function it is given (asyncHandler-style), so it serves every route it wraps; record in the handlers it wraps instead',
        };
      return { ok: true, fn: { ...fn, params }, node: inner, factory: true };
    }
    for (const p of params) factoryParams.add(p.name);
    const next = returnedFunction(inner);
    if (!next) break;
    inner = next;
  }
  return { ok: true, fn, node, factory: false };
}

/** The one function a function returns: its concise body, or the value of its only own `return`. */
function returnedFunction(node: Node): Node | null {
  const body = node.childForFieldName('body');
  if (!body) return null;
  if (body.type !== 'statement_block') {
    const value = unwrapExpression(body);
    return value && FUNCTION_VALUES.has(value.type) ? value : null;
  }
  const returns = ownStatements(node, ['return_statement'], () => true);
  const value = returns.length === 1 ? unwrapExpression(returnExpression(returns[0] as Node)) : null;
  return value && FUNCTION_VALUES.has(value.type) ? value : null;
}

function paramsOf(fn: Node, text: string, module: ModuleInfo): FunctionFacts['params'] {
  const body = fn.childForFieldName('body');
  const header = text.slice(fn.startIndex, body ? body.startIndex : fn.endIndex);
  return readParams(parameterListText(fn, header), module);
}

/** Whether the function calls one of `names` (the handler a wrapper was handed). */
function callsOneOf(fn: Node, names: ReadonlySet<string>): boolean {
  const body = fn.childForFieldName('body');
  if (!body || names.size === 0) return false;
  const calls = body.type === 'call_expression' ? [body] : [];
  calls.push(...body.descendantsOfType('call_expression'));
  return calls.some((call) => {
    const callee = call.childForFieldName('function');
    return callee?.type === 'identifier' && names.has(callee.text);
  });
}
