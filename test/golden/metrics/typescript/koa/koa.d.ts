// Just enough of Koa's and @koa/router's shapes for the type check (no koa dependency): type-only
// imports, so the compiled module loads without them.
declare module 'koa' {
  export interface Context {
    method: string;
    params: Record<string, string | undefined>;
    request: { body?: unknown };
    status: number;
    body: unknown;
    readonly headerSent: boolean;
    throw(status: number, message?: string): never;
  }
  export type Next = () => Promise<unknown>;
  export type Middleware = (ctx: Context, next: Next) => unknown;
}

declare module '@koa/router' {
  import type { Middleware } from 'koa';

  export default class Router {
    get(path: string, ...middleware: Middleware[]): Router;
    post(path: string, ...middleware: Middleware[]): Router;
    delete(path: string, ...middleware: Middleware[]): Router;
  }
}
