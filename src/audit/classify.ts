// Decides whether a function deserves a span and how much its absence hurts. This is the heart of
// "which gaps matter": traffic impact first (handlers), then exported work that can fail.
import type { FileFacts, FunctionFacts, IoCall } from '../lang/facts.js';
import type { Severity, Standards } from '../standards/types.js';

export interface Classification {
  severity: Severity | null;
  /** A clause a reviewer reads after "This is ...": `an HTTP handler for POST /orders`. */
  why: string;
}

/**
 * The I/O a function really does: its own calls, where a call to a method of the same class
 * (`this.post`, `self._deliver`, kind 'internal' or a two-part `self.x`/`this.x` callee) counts only when
 * that method does I/O itself, transitively within the file.
 */
const evidenceCache = new WeakMap<FunctionFacts, IoCall[]>();

function isSiblingCall(call: IoCall): boolean {
  return call.kind === 'internal' || /^(this|self|cls)\.[^.]+$/.test(call.callee);
}

export function ioEvidence(file: FileFacts, fn: FunctionFacts): IoCall[] {
  // Facts are immutable, so a function object's answer never changes: compute it once.
  let evidence = evidenceCache.get(fn);
  if (!evidence) {
    evidence = fn.ioCalls.some(isSiblingCall) ? resolveSiblings(file, fn, new Set()) : fn.ioCalls;
    evidenceCache.set(fn, evidence);
  }
  return evidence;
}

function resolveSiblings(file: FileFacts, fn: FunctionFacts, seen: Set<FunctionFacts>): IoCall[] {
  seen.add(fn);
  return fn.ioCalls.filter((call) => {
    if (!isSiblingCall(call)) return true;
    const parts = call.callee.split('.');
    const name = (parts[parts.length - 1] ?? '').replace(/\(.*$/, '');
    const target = file.functions.find((f) => f.name === name && f.owner === fn.owner && f !== fn);
    if (!target) return call.kind !== 'internal';
    return !seen.has(target) && resolveSiblings(file, target, seen).length > 0;
  });
}

function describeIo(calls: readonly IoCall[]): string {
  const callees = [...new Set(calls.map((c) => c.callee))].slice(0, 2);
  return callees.length > 0 ? `calls ${callees.join(' and ')}` : '';
}

export function canFail(file: FileFacts, fn: FunctionFacts): boolean {
  // In TS/JS and Python any I/O call can throw; in Go failure is explicit in the signature.
  return (
    fn.returnsError || fn.failureExits > 0 || (file.language !== 'go' && ioEvidence(file, fn).length > 0)
  );
}

function failureClause(file: FileFacts, fn: FunctionFacts): string {
  if (fn.returnsError) return 'returns an error';
  if (fn.failureExits > 0) return file.language === 'python' ? 'raises' : 'throws';
  return 'can fail';
}

export function classify(file: FileFacts, fn: FunctionFacts, standards: Standards): Classification {
  if (fn.excluded) return { severity: null, why: fn.excluded.reason };
  if (fn.trivial) return { severity: null, why: `trivial (${fn.trivial})` };
  if (fn.generator) return { severity: null, why: 'a generator' };
  if (fn.kind === 'constructor') return { severity: null, why: 'a constructor' };
  if (isWriterWrapperMethod(fn)) {
    return {
      severity: null,
      why: 'a method of a writer wrapper, inside the span of the handler that uses it',
    };
  }

  if (fn.handler) {
    const route = fn.handler.route
      ? ` for ${fn.handler.method ? `${fn.handler.method} ` : ''}${fn.handler.route}`
      : '';
    const kind =
      fn.handler.framework === 'grpc' ? 'a gRPC method' : `a ${fn.handler.framework} request handler`;
    return { severity: 'critical', why: `${kind}${route}` };
  }

  const calls = ioEvidence(file, fn);
  const io = calls.length > 0;
  const fails = canFail(file, fn);
  const takesContext = fn.params.some((p) => p.role === 'context' || p.role === 'request');
  if (!io && !fails && !takesContext) return { severity: null, why: 'does no I/O and cannot fail' };
  if (!io && fn.statementCount < standards.tracing.helpers.min_statements) {
    return { severity: null, why: 'a small helper with no I/O' };
  }

  const what = fn.kind === 'method' ? 'method' : 'function';
  const ioText = describeIo(calls);
  if (fn.exported) {
    if (io && fails) {
      return { severity: 'high', why: `an exported ${what} that ${ioText} and ${failureClause(file, fn)}` };
    }
    const does = io ? ioText : fails ? failureClause(file, fn) : 'takes a request context';
    return { severity: 'medium', why: `an exported ${what} that ${does}` };
  }
  if (io && standards.tracing.helpers.report_unexported) {
    return { severity: 'low', why: `an internal ${what} that ${ioText}` };
  }
  return { severity: null, why: 'an internal helper' };
}

const WRITER_METHODS = new Set([
  'Write',
  'WriteHeader',
  'WriteString',
  'Flush',
  'Unwrap',
  'Hijack',
  'Header',
  'ReadFrom',
  'Push',
  'Status',
  'Size',
  'Written',
]);

/**
 * `statusRecorder.Write`, `responseWriter.WriteHeader`: the io.Writer / http.ResponseWriter methods of a
 * wrapper type run per write inside a handler; a span each would be noise (and otelwright's own metrics
 * scaffolding generates such a wrapper).
 */
function isWriterWrapperMethod(fn: FunctionFacts): boolean {
  return (
    fn.owner !== null &&
    WRITER_METHODS.has(fn.name) &&
    /(Recorder|Writer|Wrapper|Interceptor)$/i.test(fn.owner)
  );
}
