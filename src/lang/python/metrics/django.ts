// Django views (function views, class-based views' handler methods, DRF `@api_view` functions,
// `APIView` methods and ViewSet actions) as the metrics plan sees them: where the request is, and which
// decorators answer requests without running the body the recording code wraps.
import { SkipFunction } from '../instrument/function-plan.js';
import type { Node } from '../instrument/syntax.js';

/** A positional parameter's name, or null for `*args`, `**kwargs`, `/`, `*`. */
function positionalName(param: Node): string | null {
  if (param.type === 'identifier') return param.text;
  if (param.type === 'typed_parameter') {
    const first = param.firstNamedChild;
    return first?.type === 'identifier' ? first.text : null;
  }
  if (param.type === 'default_parameter' || param.type === 'typed_default_parameter')
    return param.childForFieldName('name')?.text ?? null;
  return null;
}

/**
 * The request as a Python expression: a function view's first parameter; a view method's parameter after
 * `self`, else `self.request` (which `View.setup` and DRF's `dispatch` set before any handler method
 * runs), so `def get(self, *args, **kwargs)` is covered too.
 */
export function djangoRequest(fn: Node, method: boolean): string {
  const params = fn.childForFieldName('parameters')?.namedChildren.filter((p) => p.type !== 'comment') ?? [];
  if (!method) {
    const first = params[0] ? positionalName(params[0]) : null;
    if (!first)
      throw new SkipFunction(
        'the view takes no positional `request` parameter to read the method and route from',
      );
    return first;
  }
  const self = params[0] ? positionalName(params[0]) : null;
  if (!self) throw new SkipFunction('the view method takes no `self` to read the request from');
  const request = params[1] ? positionalName(params[1]) : null;
  return request ?? `${self}.request`;
}

/** Decorators that answer some requests themselves, before the body runs: those are not recorded. */
const ANSWERING: Readonly<Record<string, string>> = {
  login_required: 'redirects to the login page',
  permission_required: 'redirects or answers 403',
  user_passes_test: 'redirects',
  staff_member_required: 'redirects',
  require_http_methods: 'answers 405',
  require_GET: 'answers 405',
  require_POST: 'answers 405',
  require_safe: 'answers 405',
  condition: 'answers 304/412',
  etag: 'answers 304/412',
  last_modified: 'answers 304/412',
};

/** Decorators that answer most requests themselves: metrics in the body would count only the rest. */
const SKIPPED: Readonly<Record<string, string>> = {
  cache_page:
    '`@cache_page` answers cached requests without running the view, so recordings in its body would count cache misses only (measure at a middleware instead)',
};

/** The decorator a decorator expression names: `@cache_page(60)` → `cache_page`; `@method_decorator(
 * login_required)` → `login_required` (the decorator it applies to the method). */
function decoratorName(expr: Node | null): string {
  const fn = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
  const text = (fn?.text ?? '').replace(/\s+/g, '');
  const name = text.slice(text.lastIndexOf('.') + 1);
  if (name === 'method_decorator' && expr?.type === 'call')
    return decoratorName(expr.childForFieldName('arguments')?.firstNamedChild ?? null);
  return name;
}

/**
 * Skips a view whose decorators serve most of its requests; otherwise the note (for the plan's summary)
 * naming those that answer some requests before the body runs, so nobody reads the counts as complete.
 */
export function djangoDecoratorNote(fn: Node): string {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  const notes: string[] = [];
  for (const decorator of decorated?.namedChildren ?? []) {
    if (decorator.type !== 'decorator') continue;
    const name = decoratorName(decorator.firstNamedChild);
    const skip = SKIPPED[name];
    if (skip) throw new SkipFunction(skip);
    const answer = ANSWERING[name];
    if (answer) notes.push(`@${name} ${answer}`);
  }
  return notes.length > 0 ? `; not recorded: the requests that ${notes.join(', ')} before the view runs` : '';
}
