// `@opentelemetry/semantic-conventions` exports attribute keys as constants. Code that writes
// `SemanticAttributes.HTTP_METHOD` or `SEMATTRS_HTTP_STATUS_CODE` writes the (deprecated) keys below, so the
// deprecated-attribute check has to see through them. Names are the part after `SEMATTRS_`, `ATTR_`,
// `SEMRESATTRS_`, `SemanticAttributes.` or `SemanticResourceAttributes.`.
const KEYS: Record<string, string> = {
  // Old (deprecated) HTTP/network names, still exported by the package.
  HTTP_METHOD: 'http.method',
  HTTP_STATUS_CODE: 'http.status_code',
  HTTP_URL: 'http.url',
  HTTP_TARGET: 'http.target',
  HTTP_HOST: 'http.host',
  HTTP_SCHEME: 'http.scheme',
  HTTP_USER_AGENT: 'http.user_agent',
  HTTP_CLIENT_IP: 'http.client_ip',
  HTTP_FLAVOR: 'http.flavor',
  NET_PEER_NAME: 'net.peer.name',
  NET_PEER_PORT: 'net.peer.port',
  NET_PEER_IP: 'net.peer.ip',
  NET_HOST_NAME: 'net.host.name',
  NET_HOST_PORT: 'net.host.port',
  DB_STATEMENT: 'db.statement',
  DB_OPERATION: 'db.operation',
  DB_NAME: 'db.name',
  DB_SYSTEM: 'db.system',
  DB_USER: 'db.user',
  MESSAGING_DESTINATION: 'messaging.destination',
  DEPLOYMENT_ENVIRONMENT: 'deployment.environment',
  CODE_FUNCTION: 'code.function',
  CODE_FILEPATH: 'code.filepath',
  CODE_LINENO: 'code.lineno',
  ENDUSER_ID: 'enduser.id',
  // Current names.
  HTTP_ROUTE: 'http.route',
  HTTP_REQUEST_METHOD: 'http.request.method',
  HTTP_RESPONSE_STATUS_CODE: 'http.response.status_code',
  URL_FULL: 'url.full',
  URL_PATH: 'url.path',
  URL_QUERY: 'url.query',
  URL_SCHEME: 'url.scheme',
  SERVER_ADDRESS: 'server.address',
  SERVER_PORT: 'server.port',
  CLIENT_ADDRESS: 'client.address',
  USER_AGENT_ORIGINAL: 'user_agent.original',
  ERROR_TYPE: 'error.type',
  EXCEPTION_TYPE: 'exception.type',
  EXCEPTION_MESSAGE: 'exception.message',
  DB_SYSTEM_NAME: 'db.system.name',
  DB_QUERY_TEXT: 'db.query.text',
  DB_OPERATION_NAME: 'db.operation.name',
  DB_COLLECTION_NAME: 'db.collection.name',
  DB_NAMESPACE: 'db.namespace',
  MESSAGING_SYSTEM: 'messaging.system',
  MESSAGING_OPERATION_NAME: 'messaging.operation.name',
  MESSAGING_DESTINATION_NAME: 'messaging.destination.name',
  SERVICE_NAME: 'service.name',
  SERVICE_VERSION: 'service.version',
  DEPLOYMENT_ENVIRONMENT_NAME: 'deployment.environment.name',
  CODE_FUNCTION_NAME: 'code.function.name',
  CODE_FILE_PATH: 'code.file.path',
  CODE_LINE_NUMBER: 'code.line.number',
};

const CONSTANT =
  /^(?:(?:SemanticAttributes|SemanticResourceAttributes|semconv)\.|SEMATTRS_|SEMRESATTRS_|ATTR_)([A-Z0-9_]+)$/;

/** The attribute key a semantic-conventions constant stands for, or null when it is not one we know. */
export function semconvKey(expression: string): string | null {
  const m = CONSTANT.exec(expression.replace(/\s+/g, ''));
  return m && Object.hasOwn(KEYS, m[1] as string) ? (KEYS[m[1] as string] as string) : null;
}
