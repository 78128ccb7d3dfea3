import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionKey, resolveHandlers } from '../../audit/handlers.js';
import type { FileFacts } from '../facts.js';
import { modulePath } from './mounts.js';
import { factsOf, fnOf, lineOf, py } from './test-support.js';

/** Each handler's resolved route, by function name, across the files as one project. */
function routesOf(files: FileFacts[]): Record<string, string | null> {
  const resolved = resolveHandlers(files);
  const out: Record<string, string | null> = {};
  for (const file of files)
    for (const fn of file.functions) {
      const handler = resolved.get(functionKey(file, fn))?.handler ?? fn.handler;
      if (handler) out[fn.qualifiedName] = handler.route;
    }
  return out;
}

describe('router names on handler facts', () => {
  it('name the FastAPI router or app a route is registered on', () => {
    const text = py`
      from fastapi import APIRouter, FastAPI
      app = FastAPI()
      router = APIRouter(prefix="/orders")

      @router.get("/{order_id}")
      async def get_order(order_id: str): ...

      @app.get("/health")
      def health(): return {}

      async def pay(order_id: str): ...

      router.add_api_route("/{order_id}/pay", pay, methods=["POST"])
    `;
    const facts = factsOf(text, 'app/routers/orders.py');
    expect(fnOf(facts, 'get_order').handler?.router).toBe('router');
    expect(fnOf(facts, 'health').handler?.router).toBe('app');
    expect(fnOf(facts, 'pay').handler).toEqual({
      framework: 'fastapi',
      route: '/orders/{order_id}/pay',
      method: 'POST',
      router: 'router',
    });
    expect(facts.routes.map((r) => [r.handler, r.router])).toEqual([
      ['get_order', 'router'],
      ['health', 'app'],
      ['pay', 'router'],
    ]);
  });

  it('leave Flask blueprints without one (their prefixes are folded in, and matched at run time)', () => {
    const facts = factsOf(py`
      from flask import Blueprint
      bp = Blueprint("customers", __name__, url_prefix="/customers")

      @bp.get("/<customer_id>")
      def show(customer_id): ...
    `);
    expect(fnOf(facts, 'show').handler).toEqual({
      framework: 'flask',
      route: '/customers/<customer_id>',
      method: 'GET',
    });
    expect(facts.mounts).toBeUndefined();
  });
});

describe('include_router mounts', () => {
  it('resolve the mounted router through the imports', () => {
    const text = py`
      import app.routers.payments as payments
      from fastapi import FastAPI
      from app.routers import orders
      from app.routers.shipments import router as shipments_router

      app = FastAPI()
      app.include_router(orders.router, prefix="/api")
      app.include_router(shipments_router, prefix="/api")
      app.include_router(payments.router, prefix="/billing")
    `;
    expect(factsOf(text, 'app/main.py').mounts).toEqual([
      {
        prefix: '/api',
        router: { name: 'router', module: 'app/routers/orders' },
        parent: 'app',
        line: lineOf(text, 'orders.router'),
      },
      {
        prefix: '/api',
        router: { name: 'router', module: 'app/routers/shipments' },
        parent: 'app',
        line: lineOf(text, 'shipments_router,'),
      },
      {
        prefix: '/billing',
        router: { name: 'router', module: 'app/routers/payments' },
        parent: 'app',
        line: lineOf(text, 'payments.router'),
      },
    ]);
  });

  it('resolve relative imports against the importing file’s package', () => {
    const text = py`
      from fastapi import APIRouter
      from . import health
      from .routers import orders
      from ..core.users import router as users_router

      api_router = APIRouter()
      api_router.include_router(orders.router, prefix="/orders")
      api_router.include_router(health.router)
      api_router.include_router(users_router, prefix="/users")
    `;
    expect(
      factsOf(text, 'svc/app/api/__init__.py').mounts?.map((m) => [m.prefix, m.router.module, m.parent]),
    ).toEqual([
      ['/orders', 'svc/app/api/routers/orders', 'api_router'],
      ['', 'svc/app/api/health', 'api_router'],
      ['/users', 'svc/app/core/users', 'api_router'],
    ]);
    const fromPackages = factsOf(
      py`
        from . import router
        from .. import api_router
        api_router.include_router(router, prefix="/v2")
        app.include_router(api_router)
      `,
      'svc/app/api/v2.py',
    );
    expect(fromPackages.mounts?.map((m) => m.router)).toEqual([
      { name: 'router', module: 'svc/app/api' },
      { name: 'api_router', module: 'svc/app' },
    ]);
    expect(modulePath('.routers.orders', 'app/main.py')).toBe('app/routers/orders');
    expect(modulePath('.', 'app/main.py')).toBe('app');
    expect(modulePath('.orders', 'main.py')).toBe('orders');
    expect(modulePath('..orders', 'main.py')).toBeNull();
    expect(modulePath('app.routers', 'x/y.py')).toBe('app/routers');
  });

  it('take a router of this file as module null, a constant prefix, and skip what they cannot read', () => {
    const text = py`
      from fastapi import APIRouter, FastAPI
      from app.core.config import settings

      API_PREFIX = "/api"
      app = FastAPI()
      router = APIRouter()
      app.include_router(router, prefix=API_PREFIX)
      app.include_router(router, prefix=settings.API_V1_STR)
      app.include_router(make_router(), prefix="/x")
      self.app.include_router(router, prefix="/self")
    `;
    expect(factsOf(text, 'app/main.py').mounts).toEqual([
      { prefix: '/api', router: { name: 'router', module: null }, parent: 'app', line: 7 },
      { prefix: '/self', router: { name: 'router', module: null }, parent: null, line: 10 },
    ]);
  });

  it('prefix the routes of a router mounted in another file, through nested routers', () => {
    const orders = factsOf(
      py`
        from fastapi import APIRouter
        router = APIRouter(prefix="/orders")

        @router.get("/{order_id}")
        async def get_order(order_id: str): ...

        @router.get("/")
        async def list_orders(): ...
      `,
      'svc/app/routers/orders.py',
    );
    const api = factsOf(
      py`
        from fastapi import APIRouter
        from app.routers.orders import router as orders_router
        api_router = APIRouter()
        api_router.include_router(orders_router, prefix="/api")
      `,
      'svc/app/api.py',
    );
    const main = factsOf(
      py`
        from fastapi import FastAPI
        from .api import api_router

        app = FastAPI()
        app.include_router(api_router, prefix="/v1")

        @app.get("/health")
        def health(): ...
      `,
      'svc/app/main.py',
    );
    // Another service's `router`, which nothing mounts.
    const other = factsOf(
      py`
        from fastapi import APIRouter
        router = APIRouter()

        @router.get("/{order_id}")
        async def get_order(order_id: str): ...
      `,
      'tools/routers/orders.py',
    );
    expect(routesOf([orders, api, main])).toEqual({
      get_order: '/v1/api/orders/{order_id}',
      list_orders: '/v1/api/orders/',
      health: '/health',
    });
    const resolved = resolveHandlers([other, orders, api, main]);
    const routeOf = (file: FileFacts) =>
      resolved.get(functionKey(file, fnOf(file, 'get_order')))?.handler.route;
    expect(routeOf(orders)).toBe('/v1/api/orders/{order_id}');
    expect(routeOf(other)).toBe('/{order_id}');
  });
});

describe('Flask blueprints registered in their own file', () => {
  it('take the registration’s url_prefix instead of their own, behind a parent blueprint’s', () => {
    const facts = factsOf(py`
      from flask import Blueprint, Flask

      bp = Blueprint("customers", __name__, url_prefix="/customers")
      api = Blueprint("api", __name__, url_prefix="/api")
      kept = Blueprint("kept", __name__, url_prefix="/kept")
      child = Blueprint("child", __name__)

      @bp.route("/<int:customer_id>", methods=["GET"])
      def get_customer(customer_id): ...

      @kept.get("/x")
      def kept_view(): ...

      @child.get("/y")
      def child_view(): ...

      def create_app():
          app = Flask(__name__)
          app.register_blueprint(bp, url_prefix="/v1")
          app.register_blueprint(bp, url_prefix="/v2", name="customers_v2")
          app.register_blueprint(kept, url_prefix=None)
          api.register_blueprint(child, url_prefix="/c")
          app.register_blueprint(api, url_prefix="/v3")
          return app
    `);
    expect(fnOf(facts, 'get_customer').handler?.route).toBe('/v1/<int:customer_id>');
    expect(fnOf(facts, 'kept_view').handler?.route).toBe('/kept/x');
    expect(fnOf(facts, 'child_view').handler?.route).toBe('/v3/c/y');
  });
});

describe('fixture service test/fixtures/python/fulfilment', () => {
  const root = join(import.meta.dirname, '../../../test/fixtures/python/fulfilment');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((e) => {
      const path = join(dir, e);
      return statSync(path).isDirectory() ? files(path) : e.endsWith('.py') ? [path] : [];
    });

  it('serves each router at the prefixes main.py and api.py mount it under', () => {
    const facts = files(root)
      .sort()
      .map((path) => factsOf(readFileSync(path, 'utf8'), relative(root, path).split('\\').join('/')));
    expect(routesOf(facts)).toEqual({
      get_order: '/v1/api/orders/{order_id}',
      ship_order: '/v1/api/orders/{order_id}/ship',
      track_shipment: '/v1/api/shipments/{shipment_id}/track',
      healthz: '/healthz',
    });
  });
});
