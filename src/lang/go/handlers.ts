// Is this function a request handler, and of which framework? Decided from the signature alone (the
// route comes later, from registrations anywhere in the project).
import type { HandlerFacts, HandlerFramework, ParamFacts } from '../facts.js';
import type { Imports } from './imports.js';
import type { LexCall } from './lexer.js';
import { isQualifiedType } from './params.js';
import type { Signature } from './signature.js';

export interface HandlerInput {
  signature: Signature;
  params: ParamFacts[];
  /** Receiver type name (`OrderServer`), null for functions. */
  owner: string | null;
  /** Types of this file that embed `Unimplemented...Server`: their exported methods serve gRPC. */
  grpcServers: ReadonlySet<string>;
  /** The body returns a function literal (`return func(w, r) {...}`, `return http.HandlerFunc(func...)`). */
  returnsFunctionLiteral: boolean;
}

function framework(name: HandlerFramework): HandlerFacts {
  return { framework: name, route: null, method: null };
}

function isGrpcMethod(input: HandlerInput, imports: Imports): boolean {
  const { signature, owner } = input;
  if (!owner || !input.grpcServers.has(owner) || !signature.name || !/^\p{Lu}/u.test(signature.name))
    return false;
  if (signature.name.startsWith('mustEmbedUnimplemented')) return false;
  const last = signature.results[signature.results.length - 1];
  if (last?.type !== 'error') return false;
  const first = signature.params[0];
  // Unary: (ctx, *Request) (*Response, error). Streaming: (*Request, Service_MethodServer) error or (stream) error.
  if (
    signature.params.length === 2 &&
    first &&
    isQualifiedType(first.type, imports, 'context', 'Context', false)
  ) {
    return signature.results.length === 2;
  }
  const stream = signature.params[signature.params.length - 1];
  return signature.results.length === 1 && stream !== undefined && /Server(\[.*\])?$/.test(stream.type);
}

/** Frameworks whose handler type a factory returns (`func (h *H) Create() http.HandlerFunc`). */
function factoryFramework(type: string, imports: Imports): HandlerFramework | null {
  if (
    isQualifiedType(type, imports, 'http', 'HandlerFunc', false) ||
    isQualifiedType(type, imports, 'http', 'Handler', false)
  ) {
    return 'net/http';
  }
  if (isQualifiedType(type, imports, 'gin', 'HandlerFunc', false)) return 'gin';
  if (isQualifiedType(type, imports, 'echo', 'HandlerFunc', false)) return 'echo';
  if (isQualifiedType(type, imports, 'fiber', 'Handler', false)) return 'other';
  return null;
}

export function handlerOf(input: HandlerInput, imports: Imports): HandlerFacts | null {
  const { params, signature } = input;
  const has = (role: ParamFacts['role']) => params.some((p) => p.role === role);
  // The handler signatures are exact: `fail(w, r, err)` or `decodeJSON(w, r, dst) error` take a
  // request but are helpers a handler calls, not endpoints a router calls.
  const endpointShape = params.length === (has('response') ? 2 : 1) && signature.results.length <= 1;
  if (has('response') && has('request') && params.length === 2 && signature.results.length === 0) {
    return framework('net/http');
  }
  if (!endpointShape)
    return isGrpcMethod(input, imports) ? framework('grpc') : factoryHandler(input, imports);
  for (const p of params) {
    if (p.type === null) continue;
    if (isQualifiedType(p.type, imports, 'gin', 'Context', true)) return framework('gin');
    if (
      isQualifiedType(p.type, imports, 'echo', 'Context', false) &&
      signature.results.at(-1)?.type === 'error'
    )
      return framework('echo');
    if (isQualifiedType(p.type, imports, 'fiber', 'Ctx', 'either')) return framework('other');
  }
  if (isGrpcMethod(input, imports)) return framework('grpc');
  return factoryHandler(input, imports);
}

/** `func (h *H) Create() http.HandlerFunc { return func(w, r) {...} }`: the factory stands for the handler. */
function factoryHandler(input: HandlerInput, imports: Imports): HandlerFacts | null {
  const { params, signature } = input;
  const result = signature.results.length === 1 ? signature.results[0] : undefined;
  if (result && input.returnsFunctionLiteral) {
    // A middleware takes the next handler and also returns one: it is not an endpoint.
    const middleware = params.some((p) => p.type !== null && factoryFramework(p.type, imports) !== null);
    const fw = factoryFramework(result.type, imports);
    if (fw && !middleware) return framework(fw);
  }
  return null;
}

/**
 * A net/http handler that hands the request to another handler's `ServeHTTP` (a router wrapped in a
 * server type, a middleware calling `next.ServeHTTP`) delegates: the request ends elsewhere.
 */
export function delegating(handler: HandlerFacts | null, calls: readonly LexCall[]): HandlerFacts | null {
  if (handler?.framework !== 'net/http') return handler;
  return calls.some((c) => c.method === 'ServeHTTP') ? { ...handler, delegates: true } : handler;
}
