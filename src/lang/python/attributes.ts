// Attribute writes: keys and values from `attributes={...}`, `span.set_attribute(k, v)`,
// `span.set_attributes({...})` and metric recordings, with semantic-convention constants resolved to
// the names they stand for so deprecated keys are caught however they are written.
import type { AttributeWrite } from '../facts.js';
import { type FileContext, receiverOf } from './context.js';
import { type CallSite, firstStatementFrom } from './scan.js';
import { argument, callArguments, callAt, dictPairs, type Node, stringValue } from './syntax.js';
import { shorten } from './text.js';
import type { Unit } from './units.js';

/** `opentelemetry.semconv` constant names and the attribute each stands for. */
const SEMCONV: Readonly<Record<string, string>> = {
  HTTP_METHOD: 'http.method',
  HTTP_STATUS_CODE: 'http.status_code',
  HTTP_URL: 'http.url',
  HTTP_TARGET: 'http.target',
  HTTP_SCHEME: 'http.scheme',
  HTTP_HOST: 'http.host',
  HTTP_ROUTE: 'http.route',
  HTTP_USER_AGENT: 'http.user_agent',
  HTTP_FLAVOR: 'http.flavor',
  HTTP_SERVER_NAME: 'http.server_name',
  HTTP_CLIENT_IP: 'http.client_ip',
  HTTP_REQUEST_METHOD: 'http.request.method',
  HTTP_RESPONSE_STATUS_CODE: 'http.response.status_code',
  URL_FULL: 'url.full',
  URL_PATH: 'url.path',
  URL_QUERY: 'url.query',
  URL_SCHEME: 'url.scheme',
  SERVER_ADDRESS: 'server.address',
  SERVER_PORT: 'server.port',
  CLIENT_ADDRESS: 'client.address',
  NET_PEER_NAME: 'net.peer.name',
  NET_PEER_PORT: 'net.peer.port',
  NET_PEER_IP: 'net.peer.ip',
  NET_HOST_NAME: 'net.host.name',
  NET_HOST_PORT: 'net.host.port',
  NETWORK_PEER_ADDRESS: 'network.peer.address',
  DB_SYSTEM: 'db.system',
  DB_STATEMENT: 'db.statement',
  DB_OPERATION: 'db.operation',
  DB_NAME: 'db.name',
  DB_USER: 'db.user',
  DB_SYSTEM_NAME: 'db.system.name',
  DB_QUERY_TEXT: 'db.query.text',
  DB_NAMESPACE: 'db.namespace',
  DB_OPERATION_NAME: 'db.operation.name',
  DB_COLLECTION_NAME: 'db.collection.name',
  CODE_FUNCTION: 'code.function',
  CODE_FILEPATH: 'code.filepath',
  CODE_LINENO: 'code.lineno',
  CODE_NAMESPACE: 'code.namespace',
  CODE_FUNCTION_NAME: 'code.function.name',
  CODE_FILE_PATH: 'code.file.path',
  CODE_LINE_NUMBER: 'code.line.number',
  ENDUSER_ID: 'enduser.id',
  ENDUSER_ROLE: 'enduser.role',
  USER_ID: 'user.id',
  DEPLOYMENT_ENVIRONMENT: 'deployment.environment',
  DEPLOYMENT_ENVIRONMENT_NAME: 'deployment.environment.name',
  SERVICE_NAME: 'service.name',
  SERVICE_VERSION: 'service.version',
  ERROR_TYPE: 'error.type',
  EXCEPTION_TYPE: 'exception.type',
  EXCEPTION_MESSAGE: 'exception.message',
  MESSAGING_SYSTEM: 'messaging.system',
  MESSAGING_OPERATION: 'messaging.operation',
  MESSAGING_DESTINATION_NAME: 'messaging.destination.name',
  RPC_SYSTEM: 'rpc.system',
  RPC_SERVICE: 'rpc.service',
  RPC_METHOD: 'rpc.method',
  USER_AGENT_ORIGINAL: 'user_agent.original',
};

/** A key expression's attribute name, when it is a literal or a constant we can see through. */
function keyOf(ctx: FileContext, node: Node): { key: string; dynamic: boolean } {
  const literal = stringValue(node);
  if (literal !== null) return { key: literal, dynamic: false };
  const text = node.text;
  if (node.type === 'identifier') {
    const constant = ctx.module.constants.get(text);
    if (constant !== undefined) return { key: constant, dynamic: false };
    const imported = ctx.module.imports.get(text);
    if (imported?.includes('semconv') && SEMCONV[text]) return { key: SEMCONV[text]!, dynamic: false };
  } else if (node.type === 'attribute') {
    const m = /^([\w.]+)\.([A-Z][A-Z0-9_]*)$/.exec(text);
    if (m) {
      const [, owner, name] = m as unknown as [string, string, string];
      const root = owner.split('.')[0]!;
      const semconv =
        /Attributes$|_attributes$|semconv/.test(owner) ||
        (ctx.module.imports.get(root) ?? '').includes('semconv');
      if (semconv && SEMCONV[name]) return { key: SEMCONV[name]!, dynamic: false };
    }
  }
  return { key: shorten(text), dynamic: true };
}

function attributeWrite(
  ctx: FileContext,
  key: Node,
  value: Node,
  at: number,
  target: AttributeWrite['target'],
): AttributeWrite {
  const { key: name, dynamic } = keyOf(ctx, key);
  const { line, column } = ctx.lines.position(at);
  return { key: name, dynamicKey: dynamic, line, column, valueText: shorten(value.text), target };
}

/** A dict literal bound to a local name before `before` (`attrs = {...}` then `counter.add(1, attrs)`). */
function localDict(ctx: FileContext, unit: Unit, name: string, before: number): Node | null {
  const { statements } = ctx.skeleton;
  const pattern = new RegExp(`^${name}\\s*(?::[^=]*)?=\\s*\\{`);
  let found: Node | null = null;
  for (let k = firstStatementFrom(statements, unit.def.colon); k < statements.start.length; k++) {
    const start = statements.start[k]!;
    if (start >= before) break;
    const end = statements.end[k]!;
    const text = ctx.text.slice(start, end);
    const m = pattern.exec(text);
    if (!m) continue;
    const brace = start + m[0].length - 1;
    let node: Node | null = ctx.tree.rootNode.descendantForIndex(brace, brace + 1);
    while (node && node.type !== 'dictionary' && node.startIndex === brace) node = node.parent;
    if (node?.type === 'dictionary') found = node;
  }
  return found;
}

/** Writes from a dictionary argument: a literal, or a local name bound to one. */
export function dictWrites(
  ctx: FileContext,
  unit: Unit | null,
  node: Node | null,
  before: number,
  target: AttributeWrite['target'],
): AttributeWrite[] {
  if (!node) return [];
  const dict =
    node.type === 'dictionary'
      ? node
      : node.type === 'identifier' && unit
        ? localDict(ctx, unit, node.text, before)
        : null;
  if (!dict) return [];
  return dictPairs(dict).map((p) => attributeWrite(ctx, p.key, p.value, p.key.startIndex, target));
}

const SPAN_WRITERS = new Set(['set_attribute', 'set_attributes', 'add_event', 'record_exception']);

/** `span.set_attribute("k", v)`, `span.set_attributes({...})`, `span.add_event("e", {...})` in a function. */
export function spanAttributeWrites(ctx: FileContext, unit: Unit): AttributeWrite[] {
  const out: AttributeWrite[] = [];
  for (const call of unit.calls) {
    const method = call.method;
    if (!SPAN_WRITERS.has(method) || receiverOf(call) === '') continue;
    const node = callAt(ctx.tree, call.start, call.end);
    if (!node) continue;
    const args = callArguments(node);
    if (method === 'set_attribute') {
      const key = argument(args, 0, 'key');
      const value = argument(args, 1, 'value');
      if (key && value) out.push(attributeWrite(ctx, key, value, call.start, 'span'));
    } else if (method === 'set_attributes') {
      out.push(...dictWrites(ctx, unit, argument(args, 0, 'attributes'), call.start, 'span'));
    } else {
      out.push(...dictWrites(ctx, unit, argument(args, 1, 'attributes'), call.start, 'span'));
    }
  }
  return out;
}

/** Attributes passed to a metric recording: `counter.add(1, {...})`, `hist.record(v, attributes=attrs)`. */
export function recordingWrites(ctx: FileContext, unit: Unit, call: CallSite): AttributeWrite[] {
  const node = callAt(ctx.tree, call.start, call.end);
  if (!node) return [];
  return dictWrites(ctx, unit, argument(callArguments(node), 1, 'attributes'), call.start, 'metric');
}
