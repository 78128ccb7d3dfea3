// Just enough of @nestjs/common for the type check and the runtime test (no @nestjs dependency): the
// decorators record what Nest reads from them, and the exceptions have Nest's `getStatus()`.
export enum HttpStatus {
  OK = 200,
  CREATED = 201,
  NO_CONTENT = 204,
  BAD_REQUEST = 400,
  NOT_FOUND = 404,
}

export class HttpException extends Error {
  constructor(
    message: string,
    private readonly status: number,
  ) {
    super(message);
  }

  getStatus(): number {
    return this.status;
  }
}

export class NotFoundException extends HttpException {
  constructor(message = 'Not Found') {
    super(message, HttpStatus.NOT_FOUND);
  }
}

export class BadRequestException extends HttpException {
  constructor(message = 'Bad Request') {
    super(message, HttpStatus.BAD_REQUEST);
  }
}

export interface RouteInfo {
  method: string;
  path: string;
  handler: string;
  httpCode?: number;
  params: { index: number; source: 'param' | 'body'; name?: string }[];
}

/** What the decorators recorded, per controller class (Nest keeps it as reflect-metadata). */
export const routesOf = new Map<object, { prefix: string; routes: Map<string, RouteInfo> }>();

function entry(target: object): { prefix: string; routes: Map<string, RouteInfo> } {
  const found = routesOf.get(target.constructor) ?? { prefix: '', routes: new Map() };
  routesOf.set(target.constructor, found);
  return found;
}

function route(target: object, handler: string): RouteInfo {
  const routes = entry(target).routes;
  const found = routes.get(handler) ?? { method: '', path: '', handler, params: [] };
  routes.set(handler, found);
  return found;
}

export function Controller(prefix = ''): ClassDecorator {
  return (cls) => {
    const found = routesOf.get(cls) ?? { prefix, routes: new Map() };
    found.prefix = prefix;
    routesOf.set(cls, found);
  };
}

function method(name: string) {
  return (path = ''): MethodDecorator =>
    (target, key) => {
      Object.assign(route(target, String(key)), { method: name, path });
    };
}

export const Get = method('GET');
export const Post = method('POST');
export const Delete = method('DELETE');

export function HttpCode(status: number): MethodDecorator {
  return (target, key) => {
    route(target, String(key)).httpCode = status;
  };
}

export function Param(name: string): ParameterDecorator {
  return (target, key, index) => {
    route(target, String(key)).params.push({ index, source: 'param', name });
  };
}

export function Body(): ParameterDecorator {
  return (target, key, index) => {
    route(target, String(key)).params.push({ index, source: 'body' });
  };
}
