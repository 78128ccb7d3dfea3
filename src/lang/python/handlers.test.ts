import { describe, expect, it } from 'vitest';
import { factsOf, fnOf, lineOf, py } from './test-support.js';

describe('handlers: decorators', () => {
  it('reads FastAPI verbs, api_route and router prefixes', () => {
    const text = py`
      from fastapi import APIRouter, FastAPI
      app = FastAPI()
      router = APIRouter(prefix="/orders", tags=["orders"])

      @router.post("/{order_id}/pay", status_code=201)
      async def pay(order_id: str): ...

      @app.api_route("/health", methods=["GET", "HEAD"])
      def health(): return {}

      @app.websocket("/ws")
      async def ws(websocket): ...
    `;
    const facts = factsOf(text);
    expect(fnOf(facts, 'pay').handler).toEqual({
      framework: 'fastapi',
      route: '/orders/{order_id}/pay',
      method: 'POST',
    });
    expect(fnOf(facts, 'health').handler).toEqual({ framework: 'fastapi', route: '/health', method: null });
    expect(fnOf(facts, 'ws').handler).toEqual({ framework: 'fastapi', route: '/ws', method: null });
    expect(facts.routes).toEqual([
      {
        framework: 'fastapi',
        method: 'POST',
        route: '/orders/{order_id}/pay',
        handler: 'pay',
        line: lineOf(text, '@router.post'),
        autoInstrumented: false,
      },
      {
        framework: 'fastapi',
        method: null,
        route: '/health',
        handler: 'health',
        line: lineOf(text, '@app.api_route'),
        autoInstrumented: false,
      },
      {
        framework: 'fastapi',
        method: null,
        route: '/ws',
        handler: 'ws',
        line: lineOf(text, '@app.websocket'),
        autoInstrumented: false,
      },
    ]);
  });

  it('reads Flask routes (methods, default GET), Flask 2 verbs and blueprint prefixes', () => {
    const facts = factsOf(py`
      from flask import Blueprint, Flask
      app = Flask(__name__)
      bp = Blueprint("payments", __name__, url_prefix="/payments")

      @app.route("/refunds", methods=["POST"])
      def refund(): ...

      @app.route("/status")
      def status(): ...

      @bp.get("/<int:payment_id>")
      def show(payment_id): ...
    `);
    expect(fnOf(facts, 'refund').handler).toEqual({ framework: 'flask', route: '/refunds', method: 'POST' });
    expect(fnOf(facts, 'status').handler).toEqual({ framework: 'flask', route: '/status', method: 'GET' });
    expect(fnOf(facts, 'show').handler).toEqual({
      framework: 'flask',
      route: '/payments/<int:payment_id>',
      method: 'GET',
    });
  });

  it('guesses the framework from the receiver when the file imports none', () => {
    const facts = factsOf(py`
      @router.get("/a")
      def a(): ...

      @bp.route("/b")
      def b(): ...
    `);
    expect(fnOf(facts, 'a').handler?.framework).toBe('fastapi');
    expect(fnOf(facts, 'b').handler?.framework).toBe('flask');
  });

  it('does not take mock.patch or non-path verbs for routes', () => {
    const facts = factsOf(py`
      @mock.patch("orders.client.post")
      def check(p): ...

      @patch.object(Client, "get")
      def check2(p): ...

      @cache.get("key")
      def cached(): ...
    `);
    expect(facts.functions.map((f) => f.handler)).toEqual([null, null, null]);
  });

  it('gives route handlers defined inside an app factory facts of their own', () => {
    const text = py`
      def create_app():
          app = Flask(__name__)

          @app.route("/health")
          def health():
              return "ok"

          return app
    `;
    const facts = factsOf(text);
    expect(facts.functions.map((f) => f.qualifiedName)).toEqual(['create_app', 'health']);
    expect(fnOf(facts, 'health')).toMatchObject({
      handler: { framework: 'flask', route: '/health', method: 'GET' },
      line: lineOf(text, 'def health'),
    });
  });
});

describe('handlers: Django, gRPC, Lambda', () => {
  it('treats request-first functions of views.py as Django views', () => {
    const facts = factsOf(
      py`
        from django.views.decorators.http import require_POST

        @require_POST
        def create_order(request):
            ...

        def order_detail(request, order_id):
            ...

        def _helper(data):
            ...
      `,
      'shop/orders/views.py',
    );
    expect(fnOf(facts, 'create_order').handler).toEqual({ framework: 'django', route: null, method: 'POST' });
    expect(fnOf(facts, 'order_detail').handler).toEqual({ framework: 'django', route: null, method: null });
    expect(fnOf(facts, '_helper').handler).toBeNull();
    expect(
      fnOf(factsOf('def order_detail(request):\n    pass\n', 'shop/orders/services.py'), 'order_detail')
        .handler,
    ).toBeNull();
  });

  it('reads class-based views, viewsets, @action and DRF @api_view', () => {
    const facts = factsOf(py`
      from rest_framework.decorators import action, api_view

      class OrderView(LoginRequiredMixin, View):
          def get(self, request, pk): ...
          def helper(self): ...

      class OrderViewSet(viewsets.ModelViewSet):
          def create(self, request): ...

          @action(detail=True, methods=["post"])
          def cancel(self, request, pk=None): ...

      @api_view(["POST"])
      def refund(request): ...
    `);
    expect(fnOf(facts, 'OrderView.get').handler).toEqual({ framework: 'django', route: null, method: 'GET' });
    expect(fnOf(facts, 'OrderView.helper').handler).toBeNull();
    expect(fnOf(facts, 'OrderViewSet.create').handler).toEqual({
      framework: 'django',
      route: null,
      method: 'POST',
    });
    expect(fnOf(facts, 'OrderViewSet.cancel').handler).toEqual({
      framework: 'django',
      route: null,
      method: null,
    });
    expect(fnOf(facts, 'refund').handler).toEqual({ framework: 'django', route: null, method: 'POST' });
  });

  it("reads Flask's MethodView", () => {
    const facts = factsOf(
      'from flask.views import MethodView\n\nclass Orders(MethodView):\n    def post(self):\n        ...\n',
    );
    expect(fnOf(facts, 'Orders.post').handler).toEqual({ framework: 'flask', route: null, method: 'POST' });
  });

  it('reads gRPC servicer methods and marks their context', () => {
    const facts = factsOf(py`
      class OrderServicer(orders_pb2_grpc.OrderServiceServicer):
          def CreateOrder(self, request, context):
              ...
    `);
    const fn = fnOf(facts, 'OrderServicer.CreateOrder');
    expect(fn.handler).toEqual({ framework: 'grpc', route: null, method: null });
    expect(fn.params.map((p) => p.role)).toEqual(['request', 'framework-context']);
  });

  it('reads AWS Lambda entry points', () => {
    const facts = factsOf(py`
      def handler(event, context):
          ...

      def lambda_handler(event, _context):
          ...

      def process(event, payload):
          ...
    `);
    expect(fnOf(facts, 'handler').handler).toEqual({ framework: 'aws-lambda', route: null, method: null });
    expect(fnOf(facts, 'handler').params[1]!.role).toBe('framework-context');
    expect(fnOf(facts, 'lambda_handler').handler?.framework).toBe('aws-lambda');
    expect(fnOf(facts, 'process').handler).toBeNull();
  });
});

describe('route registrations', () => {
  it('make a function registered in its own file a handler, with the blueprint prefix', () => {
    const facts = factsOf(py`
      bp = Blueprint("payments", __name__, url_prefix="/payments")

      def ping():
          return db.ping()

      bp.add_url_rule("/ping", view_func=ping)
    `);
    expect(fnOf(facts, 'ping').handler).toEqual({
      framework: 'flask',
      route: '/payments/ping',
      method: 'GET',
    });
  });

  it('reads add_url_rule, add_api_route, aiohttp routes and Django URL configurations', () => {
    const text = py`
      app.add_url_rule("/orders", view_func=list_orders, methods=["GET"])
      app.add_url_rule("/orders/<id>", "show", show_order)
      router.add_api_route("/pay", pay, methods=["POST"])
      app.router.add_get("/ping", ping)
    `;
    expect(factsOf(text).routes).toEqual([
      {
        framework: 'flask',
        method: 'GET',
        route: '/orders',
        handler: 'list_orders',
        line: 1,
        autoInstrumented: false,
      },
      {
        framework: 'flask',
        method: 'GET',
        route: '/orders/<id>',
        handler: 'show_order',
        line: 2,
        autoInstrumented: false,
      },
      {
        framework: 'fastapi',
        method: 'POST',
        route: '/pay',
        handler: 'pay',
        line: 3,
        autoInstrumented: false,
      },
      {
        framework: 'other',
        method: 'GET',
        route: '/ping',
        handler: 'ping',
        line: 4,
        autoInstrumented: false,
      },
    ]);
    const urls = py`
      from django.urls import include, path
      from . import views
      urlpatterns = [
          path("orders/<int:order_id>/", views.order_detail, name="detail"),
          path("orders/", views.OrderView.as_view()),
          path("api/", include("api.urls")),
      ]
    `;
    expect(factsOf(urls, 'shop/urls.py').routes.map((r) => `${r.framework} ${r.route} ${r.handler}`)).toEqual(
      ['django orders/<int:order_id>/ views.order_detail', 'django orders/ views.OrderView'],
    );
  });
});
