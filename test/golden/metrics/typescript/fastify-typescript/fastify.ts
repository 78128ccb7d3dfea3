// Just enough of Fastify's shapes for the type check (no fastify dependency).
export interface FastifyRequest {
  method: string;
  params: Record<string, string | undefined>;
  body: unknown;
}

export interface FastifyReply {
  statusCode: number;
  code(status: number): FastifyReply;
  send(payload?: unknown): FastifyReply;
}

export type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => unknown;

export interface FastifyInstance {
  get(path: string, handler: RouteHandler): void;
  post(path: string, handler: RouteHandler): void;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}
