import { describe, expect, it } from 'vitest';
import type { FileFacts, RouteRegistration } from '../lang/facts.js';
import { file, fn } from './__fixtures__/facts.js';
import { functionKey, resolveHandlers } from './handlers.js';
import { createMountPrefixes, joinRoute } from './mounts.js';

const registration = (overrides: Partial<RouteRegistration>): RouteRegistration => ({
  framework: 'express',
  method: 'GET',
  route: '/:id',
  handler: 'getOrder',
  line: 5,
  autoInstrumented: false,
  ...overrides,
});

function routeOf(files: FileFacts[], path: string, name: string): string | null | undefined {
  const f = files.find((x) => x.path === path)!;
  const g = f.functions.find((x) => x.name === name)!;
  return resolveHandlers(files).get(functionKey(f, g))?.handler.route ?? g.handler?.route;
}

describe('joinRoute', () => {
  it('joins with one slash, and a router root route is the mount point', () => {
    expect(joinRoute('/api', '/orders/:id')).toBe('/api/orders/:id');
    expect(joinRoute('/api/', 'orders')).toBe('/api/orders');
    expect(joinRoute('/api/orders', '/')).toBe('/api/orders');
    expect(joinRoute('', '/orders')).toBe('/orders');
    expect(joinRoute('/', '/')).toBe('/');
  });
});

describe('router mounts', () => {
  const orders = file(
    [
      fn({
        name: 'getOrder',
        line: 6,
        handler: { framework: 'express', route: '/:id', method: 'GET', router: 'ordersRouter' },
      }),
      fn({ name: 'listOrders', line: 12, handler: null }),
    ],
    {
      path: 'src/routes/orders.ts',
      language: 'typescript',
      routes: [registration({ handler: 'listOrders', route: '/', router: 'ordersRouter', line: 20 })],
    },
  );
  const api = file([], {
    path: 'src/routes/api.ts',
    language: 'typescript',
    mounts: [
      {
        prefix: '/orders',
        router: { name: 'ordersRouter', module: 'src/routes/orders' },
        parent: 'api',
        line: 4,
      },
    ],
  });
  const app = file([], {
    path: 'src/app.ts',
    language: 'typescript',
    mounts: [
      { prefix: '/api/v1', router: { name: 'api', module: 'src/routes/api' }, parent: 'app', line: 7 },
      { prefix: '/health', router: { name: 'health', module: null }, parent: 'app', line: 8 },
    ],
  });

  it('prefix inline handlers and registrations through every mount up to the app', () => {
    const files = [app, api, orders];
    expect(routeOf(files, 'src/routes/orders.ts', 'getOrder')).toBe('/api/v1/orders/:id');
    expect(routeOf(files, 'src/routes/orders.ts', 'listOrders')).toBe('/api/v1/orders');
  });

  it('leave routes alone when nothing mounts their router', () => {
    expect(routeOf([orders], 'src/routes/orders.ts', 'getOrder')).toBe('/:id');
    expect(createMountPrefixes([orders])(orders, 'ordersRouter')).toBe('');
  });

  it('take the first mount of a router mounted twice, and survive a cycle', () => {
    const loop = file([], {
      path: 'src/loop.ts',
      language: 'typescript',
      mounts: [
        { prefix: '/a', router: { name: 'b', module: null }, parent: 'a', line: 1 },
        { prefix: '/b', router: { name: 'a', module: null }, parent: 'b', line: 2 },
        { prefix: '/z', router: { name: 'b', module: null }, parent: null, line: 3 },
      ],
    });
    const prefixes = createMountPrefixes([loop]);
    expect(prefixes(loop, 'b')).toBe('/b/a');
    expect(prefixes(loop, 'a')).toBe('/b');
  });

  it('match a module path to index files and Python packages', () => {
    const index = file([], { path: 'src/routes/index.js', language: 'javascript' });
    const mounting = file([], {
      path: 'src/app.js',
      language: 'javascript',
      mounts: [{ prefix: '/r', router: { name: 'default', module: 'src/routes' }, parent: 'app', line: 1 }],
    });
    expect(createMountPrefixes([mounting, index])(index, 'default')).toBe('/r');
    const pkg = file([], { path: 'svc/app/routers/orders.py', language: 'python' });
    const main = file([], {
      path: 'svc/app/main.py',
      language: 'python',
      mounts: [
        { prefix: '/api', router: { name: 'router', module: 'app/routers/orders' }, parent: 'app', line: 6 },
      ],
    });
    expect(createMountPrefixes([main, pkg])(pkg, 'router')).toBe('/api');
  });
});
