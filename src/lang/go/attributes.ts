// Reads one attribute expression (`attribute.String("order.id", id)`, `attribute.Key("k").Int(n)`,
// `orderKey.String(id)`, `semconv.HTTPRoute("/orders")`) into the key it writes and the value it writes.
import type { AttributeWrite } from '../facts.js';
import { constantString } from './declarations.js';
import { argumentsOfExpression, calleeOfExpression } from './expressions.js';
import type { GoFile } from './model.js';
import { shorten, stringValue } from './scan.js';

const VALUE_KINDS = new Set([
  'String',
  'Int',
  'Int64',
  'Float64',
  'Bool',
  'StringSlice',
  'IntSlice',
  'Int64Slice',
  'Float64Slice',
  'BoolSlice',
  'Stringer',
]);

/** Go semconv helper names (without a `Key` suffix) → the attribute key they write. */
const SEMCONV_KEYS: Record<string, string> = {
  HTTPRoute: 'http.route',
  HTTPRequestMethod: 'http.request.method',
  HTTPResponseStatusCode: 'http.response.status_code',
  HTTPRequestBodySize: 'http.request.body.size',
  HTTPResponseBodySize: 'http.response.body.size',
  HTTPMethod: 'http.method',
  HTTPStatusCode: 'http.status_code',
  HTTPURL: 'http.url',
  HTTPTarget: 'http.target',
  HTTPScheme: 'http.scheme',
  HTTPUserAgent: 'http.user_agent',
  HTTPClientIP: 'http.client_ip',
  URLFull: 'url.full',
  URLPath: 'url.path',
  URLQuery: 'url.query',
  URLScheme: 'url.scheme',
  ServerAddress: 'server.address',
  ServerPort: 'server.port',
  ClientAddress: 'client.address',
  NetworkPeerAddress: 'network.peer.address',
  NetPeerName: 'net.peer.name',
  UserAgentOriginal: 'user_agent.original',
  ServiceName: 'service.name',
  ServiceVersion: 'service.version',
  ServiceNamespace: 'service.namespace',
  DeploymentEnvironment: 'deployment.environment',
  DeploymentEnvironmentName: 'deployment.environment.name',
  DBSystem: 'db.system',
  DBSystemName: 'db.system.name',
  DBStatement: 'db.statement',
  DBQueryText: 'db.query.text',
  DBOperation: 'db.operation',
  DBOperationName: 'db.operation.name',
  DBName: 'db.name',
  DBNamespace: 'db.namespace',
  DBCollectionName: 'db.collection.name',
  DBSQLTable: 'db.sql.table',
  MessagingSystem: 'messaging.system',
  MessagingDestinationName: 'messaging.destination.name',
  RPCSystem: 'rpc.system',
  RPCService: 'rpc.service',
  RPCMethod: 'rpc.method',
  RPCGRPCStatusCode: 'rpc.grpc.status_code',
  ErrorType: 'error.type',
  ExceptionMessage: 'exception.message',
  ExceptionType: 'exception.type',
  EnduserID: 'enduser.id',
  CodeFunction: 'code.function',
  CodeFunctionName: 'code.function.name',
  CodeFilepath: 'code.filepath',
  CodeFilePath: 'code.file.path',
  PeerService: 'peer.service',
  HostName: 'host.name',
};

interface KeyRead {
  key: string;
  dynamic: boolean;
}

function keyFrom(expr: string, file: GoFile): KeyRead {
  const value = constantString(expr, file.constants);
  return value !== null ? { key: value, dynamic: false } : { key: shorten(expr, 120), dynamic: true };
}

/** `attribute`'s helpers, a declared `attribute.Key` constant, or semconv: the key, or null when `callee` is none of them. */
function keyOfCallee(callee: string, firstArg: string | null, file: GoFile): KeyRead | null {
  const parts = callee.split('.');
  const [pkg, name, kind] = parts;
  if (pkg === undefined || name === undefined) return null;
  if (file.imports.is(pkg, 'attribute')) {
    if (parts.length === 2 && VALUE_KINDS.has(name) && firstArg !== null) return keyFrom(firstArg, file);
    // attribute.Key("k")(…).String(v) reads as `attribute.Key(…).String` in the callee.
    return null;
  }
  if (parts.length === 2 && VALUE_KINDS.has(name) && file.attributeKeys.has(pkg)) {
    return { key: file.attributeKeys.get(pkg) as string, dynamic: false };
  }
  if (file.imports.is(pkg, 'semconv')) {
    if (parts.length === 2 || (parts.length === 3 && kind !== undefined && VALUE_KINDS.has(kind))) {
      const base = name.replace(/Key$/, '');
      const known = SEMCONV_KEYS[base];
      return known ? { key: known, dynamic: false } : { key: `${pkg}.${name}`, dynamic: true };
    }
  }
  return null;
}

/**
 * The attribute written by the expression `expr` found at string index `at`, or null when it is not one
 * we can read (a variable holding attributes, a helper returning a slice...).
 */
export function readAttribute(
  expr: string,
  at: number,
  file: GoFile,
  target: AttributeWrite['target'],
): AttributeWrite | null {
  const call = argumentsOfExpression(expr);
  const callee = calleeOfExpression(expr);
  if (!call || callee === null) return null;
  const argText = call.args.map((a) => call.text.slice(a.start, a.end));
  let key: KeyRead | null = null;
  let valueText: string | undefined;
  // attribute.Key("order.id").String(id)
  const keyed = /^([\p{L}_][\p{L}\p{Nd}_]*)\.Key\(\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`)\s*\)\.(\w+)\(/u.exec(
    call.text,
  );
  if (keyed && file.imports.is(keyed[1] as string, 'attribute') && VALUE_KINDS.has(keyed[3] as string)) {
    key = { key: stringValue(keyed[2] as string) ?? '', dynamic: false };
    valueText = argText[0];
  } else {
    key = keyOfCallee(callee, argText[0] ?? null, file);
    if (key === null) return null;
    const attributeHelper =
      callee.split('.').length === 2 && file.imports.is(callee.split('.')[0] as string, 'attribute');
    valueText = attributeHelper ? argText[1] : argText[0];
  }
  return {
    key: key.key,
    dynamicKey: key.dynamic,
    line: file.pos.line(at),
    column: file.pos.column(at),
    valueText: shorten(valueText ?? '', 120),
    target,
  };
}

/**
 * When `expr` (at index `at`) is `<pkg>.WithAttributes(a, b...)` of the given OpenTelemetry package, the
 * attributes it writes; else none.
 */
export function withAttributes(
  file: GoFile,
  expr: string,
  at: number,
  pkg: 'trace' | 'metric',
  target: AttributeWrite['target'],
): AttributeWrite[] {
  const callee = calleeOfExpression(expr);
  const dot = callee?.indexOf('.') ?? -1;
  if (
    !callee ||
    dot < 0 ||
    callee.slice(dot + 1) !== 'WithAttributes' ||
    !file.imports.is(callee.slice(0, dot), pkg)
  )
    return [];
  const call = argumentsOfExpression(expr);
  if (!call) return [];
  const offset = at + expr.indexOf(call.text);
  const out: AttributeWrite[] = [];
  for (const a of call.args) {
    const attr = readAttribute(call.text.slice(a.start, a.end), offset + a.start, file, target);
    if (attr) out.push(attr);
  }
  return out;
}
