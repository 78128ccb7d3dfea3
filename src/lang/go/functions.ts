// FunctionFacts for one declared function or method.
import type { AutoInstrumentation, FunctionFacts, ParamFacts } from '../facts.js';
import { bodyAttributes } from './body-attributes.js';
import { rootOf } from './calls.js';
import { failureExits } from './exits.js';
import { delegating, handlerOf } from './handlers.js';
import { ioCallOf } from './io.js';
import type { LexCall } from './lexer.js';
import { isRecording, recordingOf } from './metrics.js';
import type { FunctionModel, GoFile } from './model.js';
import { paramFacts } from './params.js';
import { receiverTypeName, returnsError } from './signature.js';
import { spansOf } from './spans.js';
import { suppressionsAbove } from './suppressions.js';
import { exclusionOf, trivialReason } from './trivial.js';

export interface FileLevel {
  /** Instrument names (variables and fields) known in the file. */
  instruments: ReadonlySet<string>;
  /** Handlers wrapped by auto-instrumentation in this file, by function name. */
  wrapped: ReadonlyMap<string, AutoInstrumentation>;
}

/** Context parameters of the function and its literals (locals named `ctx`, `reqCtx`... are recognised by name). */
function contextParams(params: ParamFacts[][]): Set<string> {
  const names = new Set<string>();
  for (const list of params)
    for (const p of list) if (p.role === 'context' || p.role === 'framework-context') names.add(p.name);
  return names;
}

export function functionFacts(file: GoFile, fn: FunctionModel, level: FileLevel): FunctionFacts | null {
  const { text, pos, imports } = file;
  const { scope, lex } = fn;
  const sig = scope.signature;
  if (!sig?.name || scope.body === null) return null;
  const name = sig.name;
  const receiver = sig.receiver;
  const owner = receiver ? receiverTypeName(receiver.type) : null;
  const receiverName = receiver && receiver.name !== '_' ? receiver.name : null;
  const params = paramFacts(sig.params, imports);
  const literalParams = lex.scopes
    .filter((s) => s !== scope)
    .map((s) => paramFacts(s.signature?.params ?? [], imports));

  const { spans, starts } = spansOf(file, fn);
  const attributes = bodyAttributes(file, fn, starts);
  const recordings = lex.calls.filter((c) => isRecording(file, c, level.instruments));
  const spanVariables = new Set(spans.map((s) => s.variable).filter((v): v is string => v !== null));
  const telemetry = new Set<LexCall>([
    ...starts,
    ...recordings,
    ...lex.calls.filter((c) => spanVariables.has(rootOf(c.callee))),
  ]);
  const io = {
    file,
    receiver: receiverName,
    contextNames: contextParams([params, ...literalParams]),
    telemetry,
  };
  const ioCalls = lex.calls.map((c) => ioCallOf(c, io)).filter((c) => c !== null);
  const returnsFunctionLiteral = lex.returns.some(
    (r) =>
      r.owner === scope &&
      /^\s*(func\b|[\p{L}_][\p{L}\p{Nd}_.]*\(\s*func\b)/u.test(
        text.slice(r.start + 'return'.length, r.start + 120),
      ),
  );
  const statements = lex.scopes.reduce((n, s) => n + s.statements, 0);

  return {
    name,
    qualifiedName: owner ? `${owner}.${name}` : name,
    kind: receiver ? 'method' : 'function',
    owner,
    line: pos.line(scope.start),
    column: pos.column(scope.start),
    endLine: pos.line(scope.end - 1),
    // String indices, as the facts contract has them: planners slice the text with them.
    range: { startByte: scope.start, endByte: scope.end },
    bodyRange: { startByte: scope.bodyStart, endByte: scope.end },
    exported: /^\p{Lu}/u.test(name),
    async: false,
    generator: false,
    params,
    returnsError: returnsError(sig),
    failureExits: failureExits(text, lex, scope).length,
    handler: delegating(
      handlerOf(
        { signature: sig, params, owner, grpcServers: file.grpcServers, returnsFunctionLiteral },
        imports,
      ),
      lex.calls,
    ),
    ioCalls,
    callCount: lex.calls.length,
    statementCount: statements,
    trivial: trivialReason(file, {
      signature: sig,
      receiver: receiverName,
      body: text.slice(scope.bodyStart, scope.end),
      statements: scope.statements,
      calls: lex.calls,
      doesIo: ioCalls.length > 0,
    }),
    excluded: exclusionOf(name, receiver !== null),
    spans,
    attributes,
    metricRecordings: recordings.map((c) => recordingOf(file, c, attributes)),
    autoInstrumented: level.wrapped.get(name) ?? null,
    suppressions: suppressionsAbove(pos, pos.line(scope.start)),
  };
}
