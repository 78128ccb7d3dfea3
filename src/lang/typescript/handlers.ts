// Handlers a function is by where and how it is declared (not by a registration call; see routes.ts).
import type Parser from 'tree-sitter';
import type { HandlerFacts } from '../facts.js';
import type { ClassInfo } from './classes.js';
import { isNextRouteMethodName, nextAppRoute, nextPagesApiRoute } from './paths.js';
import { joinRoute } from './routes.js';
import { stringValue } from './syntax.js';

type Node = Parser.SyntaxNode;

const NEST_ROUTE = /^@(Get|Post|Put|Patch|Delete|All|Head|Options)\s*\(\s*(?:(['"`])(.*?)\2)?/;
// Handlers of what reaches a NestJS app other than HTTP: microservice messages, gRPC, GraphQL, queue jobs.
const NEST_MESSAGE =
  /^@(MessagePattern|EventPattern|GrpcMethod|Query|Mutation|Subscription|ResolveField|Process)\b/;

export function nestHandler(cls: ClassInfo, decorators: Node[]): HandlerFacts | null {
  const isController = cls.controllerPrefix !== null;
  const isResolverOrConsumer = cls.decoratorTexts.some((d) => /^@(Resolver|Processor|Controller)\b/.test(d));
  for (const decorator of decorators) {
    const text = decorator.text;
    const route = NEST_ROUTE.exec(text);
    if (route && isController) {
      const path = joinRoute(`/${(cls.controllerPrefix ?? '').replace(/^\/+/, '')}`, route[3] ?? '');
      // The controller is the router a module mounts (and `setGlobalPrefix` prefixes): see mounts.ts.
      return {
        framework: 'nestjs',
        route: path.length > 1 ? path.replace(/\/+$/, '') : path,
        method: (route[1] as string).toUpperCase(),
        ...(cls.name ? { router: cls.name } : {}),
      };
    }
    if (NEST_MESSAGE.test(text) && isResolverOrConsumer) {
      const pattern = stringValue(decorator.firstNamedChild?.childForFieldName('arguments')?.firstNamedChild);
      return { framework: 'nestjs', route: pattern, method: null };
    }
  }
  return null;
}

/** Next.js route handlers and API routes, and AWS Lambda's exported `handler`. */
export function topLevelHandler(
  name: string,
  exported: boolean,
  isDefault: boolean,
  path: string,
): HandlerFacts | null {
  if (!exported) return null;
  const appRoute = nextAppRoute(path);
  if (appRoute !== null)
    return isNextRouteMethodName(name) ? { framework: 'nextjs', route: appRoute, method: name } : null;
  const apiRoute = nextPagesApiRoute(path);
  if (apiRoute !== null) return isDefault ? { framework: 'nextjs', route: apiRoute, method: null } : null;
  if (name === 'handler') return { framework: 'aws-lambda', route: null, method: null };
  return null;
}

/** `export default { async fetch(request, env) {} }`: a Cloudflare Workers / Bun / Deno fetch handler. */
export function workerFetchHandler(
  name: string,
  binding: { owner: string | null; exported: boolean },
): HandlerFacts | null {
  return name === 'fetch' && binding.owner === null && binding.exported
    ? { framework: 'other', route: null, method: null }
    : null;
}
