// Functions not worth a span whatever else they do (trivial), and those the audit never asks to trace
// (excluded): read from the decorators and the few statements of small bodies.
import type { FunctionFacts, TrivialReason } from '../facts.js';
import { type Decorator, hasDecorator } from './decorators.js';
import type { Skeleton } from './scan.js';
import { firstStatementFrom, StatementKind } from './scan.js';
import type { Unit } from './units.js';

const STRINGERS = new Set(['__repr__', '__str__', '__format__', '__bytes__', '__unicode__']);
/** Protocol methods that may well do real work (I/O in a context manager, a callable object). */
const WORKING_DUNDERS = new Set([
  '__init__',
  '__new__',
  '__post_init__',
  '__call__',
  '__enter__',
  '__exit__',
  '__aenter__',
  '__aexit__',
  '__aiter__',
  '__anext__',
  '__await__',
  '__iter__',
  '__next__',
  '__del__',
  '__getattr__',
  '__get__',
  '__set__',
]);
const FORMATTERS = new Set([
  'str',
  'repr',
  'format',
  'join',
  'upper',
  'lower',
  'title',
  'capitalize',
  'casefold',
  'strip',
  'lstrip',
  'rstrip',
  'replace',
  'ljust',
  'rjust',
  'center',
  'zfill',
  'isoformat',
  'strftime',
  'encode',
  'decode',
  'dumps',
  'quote',
  'escape',
  'len',
  'round',
  'int',
  'float',
  'abs',
  'getattr',
]);
const GETTER_DECORATORS = ['property', 'cached_property', 'computed_field'];
const ABSTRACT_DECORATORS = [
  'abstractmethod',
  'abstractproperty',
  'abstractclassmethod',
  'abstractstaticmethod',
];

/** The statements of a function body (texts), skipping the docstring; stops after `limit` of them. */
export function bodyStatements(
  text: string,
  skeleton: Skeleton,
  unit: Unit,
  limit: number,
): { texts: string[]; kinds: StatementKind[]; docstring: boolean; count: number } {
  const { statements } = skeleton;
  const def = unit.def;
  const texts: string[] = [];
  const kinds: StatementKind[] = [];
  let docstring = false;
  let count = 0;
  if (def.bodyStart < 0) return { texts, kinds, docstring, count };
  for (let k = firstStatementFrom(statements, def.bodyStart); k < statements.start.length; k++) {
    const start = statements.start[k]!;
    if (start >= def.end) break;
    if (
      count === 0 &&
      !docstring &&
      statements.kind[k] === StatementKind.String &&
      statements.block[k] === unit.block
    ) {
      docstring = true;
      continue;
    }
    count++;
    if (texts.length < limit) {
      texts.push(text.slice(start, statements.end[k]!));
      kinds.push(statements.kind[k]!);
    }
  }
  return { texts, kinds, docstring, count };
}

const SELF_ASSIGNMENT = /^self\.[\w.]+\s*(?::[^=]+)?=(?!=)/;
const SIMPLE_VALUE = /^return\s+(?:self\.)?[\w.]+(?:\[[^\]()]*\])?\s*$/;
const SUPER_INIT = /^super\(\s*\)\.__init__\(/;
const STRING_RESULT =
  /^return\s+(?:[rRbBuUfF]{0,2}["']|str\(|repr\(|["'].*["']\s*\.\s*(?:format|join)\()|^return\s+[\s\S]*(?:\s%\s|["']\s*\+|\+\s*["'])/;

export function trivialReason(
  unit: Unit,
  decorators: readonly Decorator[],
  body: ReturnType<typeof bodyStatements>,
  calls: readonly string[],
  hasIo: boolean,
): TrivialReason | null {
  const name = unit.def.name;
  if (STRINGERS.has(name)) return 'stringer';
  if (/^__\w+__$/.test(name) && !WORKING_DUNDERS.has(name)) return 'dunder';
  const { texts, kinds, count } = body;
  if (
    count === 0 ||
    (count === kinds.length && kinds.every((k) => k === StatementKind.Pass || k === StatementKind.Ellipsis))
  ) {
    return 'empty';
  }
  if (hasIo || unit.raises.length > 0) return null;
  if (count === 1 && hasDecorator(decorators, ...GETTER_DECORATORS) && SIMPLE_VALUE.test(texts[0]!))
    return 'getter';
  const setterDecorated = decorators.some((d) => /\.(setter|deleter)$/.test(d.callee));
  if (count === 1 && (setterDecorated || SELF_ASSIGNMENT.test(texts[0]!))) return 'setter';
  if (
    name === '__init__' &&
    count <= texts.length &&
    texts.every((t) => SELF_ASSIGNMENT.test(t) || SUPER_INIT.test(t))
  ) {
    return 'assign-only-constructor';
  }
  if (
    count <= 3 &&
    count === texts.length &&
    kinds[count - 1] === StatementKind.Return &&
    STRING_RESULT.test(texts[count - 1]!) &&
    calls.every((c) => FORMATTERS.has(c.slice(c.lastIndexOf('.') + 1)))
  ) {
    return 'pure-formatting';
  }
  return null;
}

export function exclusion(
  unit: Unit,
  decorators: readonly Decorator[],
  body: ReturnType<typeof bodyStatements>,
  mainCalls: ReadonlySet<string>,
  path: string,
  protocolClass: boolean,
): FunctionFacts['excluded'] {
  const name = unit.def.name;
  if (hasDecorator(decorators, ...ABSTRACT_DECORATORS)) return { reason: 'abstract method' };
  if (hasDecorator(decorators, 'overload')) return { reason: '@overload stub' };
  if (protocolClass) return { reason: 'Protocol method stub' };
  if (body.count === 1 && /^raise\s+NotImplementedError\b/.test(body.texts[0] ?? ''))
    return { reason: 'abstract method (raises NotImplementedError)' };
  if (unit.classes.length === 0 && !unit.nested) {
    if (mainCalls.has(name)) return { reason: 'main (called from the __main__ guard)' };
    if (name === 'main' && /(^|\/)__main__\.py$/.test(path)) return { reason: 'main' };
  }
  return null;
}
