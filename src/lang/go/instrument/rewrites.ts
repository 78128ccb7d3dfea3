// The rewrites that give a failure's error a name so it can be recorded: hoisting a new error into a
// variable right before its return, and (unsafe) splitting a tail call into call, check and return.
import type { TextEdit } from '../../../edit/model.js';
import type { Node } from '../parser.js';
import type { Exit } from './exit-shapes.js';
import { namesInLiterals } from './function-index.js';
import type { GoFunction } from './function-model.js';
import { freshName, nameForType } from './names.js';
import {
  guarded,
  insertBefore,
  type Need,
  outcomeStatement,
  recordStatements,
  replaceStatement,
  type SpanWriter,
} from './recording.js';
import { identifiersIn } from './syntax.js';

export interface RewriteContext {
  text: string;
  fn: GoFunction;
  writer: SpanWriter;
  outcomeKey: string | null;
}

/** True when a function literal in `fn` mentions `name`: reassigning it could then be observed. */
function captured(fn: GoFunction, name: string): boolean {
  return namesInLiterals(fn.index).has(name);
}

function declares(statement: Node, name: string): boolean {
  if (statement.type === 'short_var_declaration') {
    return (statement.childForFieldName('left')?.namedChildren ?? []).some((n) => n.text === name);
  }
  if (statement.type === 'var_declaration') {
    return statement
      .descendantsOfType('var_spec')
      .some((spec) => spec.childrenForFieldName('name').some((n) => n.text === name));
  }
  return false;
}

/** True when a variable `name` is in scope at `node`: a parameter, or declared earlier in an enclosing block or statement header. */
function visibleAt(fn: GoFunction, node: Node, name: string): boolean {
  if ([...fn.params, ...fn.results].some((p) => p.name === name) || fn.receiver?.name === name) return true;
  let child = node;
  for (let n = node.parent; n && n.id !== fn.node.id; child = n, n = n.parent) {
    if (n.type === 'statement_list' || n.type === 'block') {
      if (n.namedChildren.some((s) => s.startIndex < child.startIndex && declares(s, name))) return true;
    }
    const header =
      n.childForFieldName('initializer') ??
      (n.type === 'for_statement'
        ? n.namedChildren.find((c) => c.type === 'range_clause' || c.type === 'for_clause')
        : null);
    if (header && header.id !== child.id && identifiersIn(header).has(name) && /:=/.test(header.text))
      return true;
  }
  return false;
}

/** Moves the error expression into a variable declared just before the return (`err` unless that would shadow one), records it, returns the variable. */
export function hoist(
  ctx: RewriteContext,
  exit: Exit,
  error: Node,
  nonNil: boolean,
  need: Need,
  message: string,
): TextEdit[] {
  const { text, fn, writer } = ctx;
  const name = visibleAt(fn, exit.node, 'err') ? freshName(['retErr'], fn.identifiers) : 'err';
  const record = recordStatements(writer, name, message, need);
  const lines = [
    `${name} := ${text.slice(error.startIndex, error.endIndex)}`,
    ...(nonNil ? record : guarded(name, record)),
  ];
  return [
    insertBefore(text, exit.node.startIndex, lines),
    { start: error.startIndex, end: error.endIndex, text: name },
  ];
}

/** `if err := <call>; err != nil { record; return err }` + `return nil`: the unsafe split of an error-only tail call. */
export function splitErrorOnly(
  ctx: RewriteContext,
  exit: Exit,
  error: Node,
  need: Need,
  message: string,
): TextEdit {
  const { text, fn, writer } = ctx;
  const name = identifiersIn(error).has('err') ? freshName(['callErr'], fn.identifiers) : 'err';
  const lines = [
    `if ${name} := ${text.slice(error.startIndex, error.endIndex)}; ${name} != nil {`,
    ...recordStatements(writer, name, message, need).map((s) => `\t${s}`),
    `\treturn ${name}`,
    '}',
    ...(ctx.outcomeKey ? [outcomeStatement(writer, ctx.outcomeKey)] : []),
    'return nil',
  ];
  return replaceStatement(text, exit.node.startIndex, exit.node.endIndex, lines);
}

/** `order, err := <call>` + record on failure + `return order, err`: the unsafe split of `return f()`. */
export function splitSpread(
  ctx: RewriteContext,
  exit: Exit,
  call: Node,
  need: Need,
  message: string,
): TextEdit {
  const { text, fn, writer } = ctx;
  const taken = new Set(fn.identifiers);
  const values = fn.results.slice(0, -1).map((r) => {
    const name = freshName([nameForType(r.type)], taken);
    taken.add(name);
    return name;
  });
  const err = captured(fn, 'err') ? freshName(['callErr'], taken) : 'err';
  const lines = [
    `${[...values, err].join(', ')} := ${text.slice(call.startIndex, call.endIndex)}`,
    `if ${err} != nil {`,
    ...recordStatements(writer, err, message, need).map((s) => `\t${s}`),
    `\treturn ${[...values, err].join(', ')}`,
    '}',
    ...(ctx.outcomeKey ? [outcomeStatement(writer, ctx.outcomeKey)] : []),
    `return ${[...values, 'nil'].join(', ')}`,
  ];
  return replaceStatement(text, exit.node.startIndex, exit.node.endIndex, lines);
}
