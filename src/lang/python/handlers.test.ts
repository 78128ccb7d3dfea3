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
      router: 'router',
    });
    expect(fnOf(facts, 'health').handler).toEqual({
      framework: 'fastapi',
      route: '/health',
      method: null,
      router: 'app',
    });
    expect(fnOf(facts, 'ws').handler).toEqual({
      framework: 'fastapi',
      route: '/ws',
      method: null,
      router: 'app',
    });
    expect(facts.routes).toEqual([
      {
        framework: 'fastapi',
        method: 'POST',
        route: '/orders/{order_id}/pay',
        handler: 'pay',
        line: lineOf(text, '@router.post'),
        autoInstrumented: false,
        router: 'router',
      },
      {
        framework: 'fastapi',
        method: null,
        route: '/health',
        handler: 'health',
        line: lineOf(text, '@app.api_route'),
        autoInstrumented: false,
        router: 'app',
      },
      {
        framework: 'fastapi',
        method: null,
        route: '/ws',
        handler: 'ws',
        line: lineOf(text, '@app.websocket'),
        autoInstrumented: false,
        router: 'app',
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
      method: 'POST',
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
        router: 'router',
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
      [
        'django orders/<int:order_id>/ views.order_detail',
        'django orders/ views.OrderView',
        'django api/ include("api.urls")',
      ],
    );
  });
});

describe('route registrations: Django URL configurations and DRF routers', () => {
  const routesOf = (text: string, path = 'shop/urls.py') =>
    factsOf(text, path).routes.map((r) => `${r.method ?? '*'} ${r.route} ${r.handler}`);

  it('reads @action methods: one method, GET by default, null for several', () => {
    const facts = factsOf(py`
      class OrderViewSet(viewsets.GenericViewSet):
          @action(detail=True, methods=("post",), url_path="cancel")
          def cancel(self, request, pk=None): ...

          @action(detail=False)
          def recent(self, request): ...

          @action(detail=True, methods=["get", "post"])
          def notes(self, request, pk=None): ...
    `);
    expect(facts.functions.map((f) => f.handler?.method)).toEqual(['POST', 'GET', null]);
  });

  it('keeps re_path patterns and names as written, and prefixes the paths of include([...])', () => {
    const urls = py`
      from django.urls import include, path, re_path
      from . import views

      urlpatterns = [
          re_path(r"^archive/(?P<year>[0-9]{4})/$", views.archive, name="archive"),
          path(
              "customers/<int:customer_id>/",
              include(
                  [
                      path("", views.CustomerView.as_view(), name="customer"),
                      path("orders/", views.customer_orders),
                  ]
              ),
          ),
          path(route="health/", view=views.health),
      ]
    `;
    expect(routesOf(urls)).toEqual([
      '* ^archive/(?P<year>[0-9]{4})/$ views.archive',
      '* customers/<int:customer_id>/ views.CustomerView',
      '* customers/<int:customer_id>/orders/ views.customer_orders',
      '* health/ views.health',
    ]);
  });

  it('records include() of other modules (literal, tuple, imported module, imported router)', () => {
    const urls = py`
      from django.urls import include, path
      from billing import urls as billing_urls
      from .api import router as api_router

      urlpatterns = [
          path("shop/", include("shop.urls")),
          path("accounts/", include(("accounts.urls", "accounts"), namespace="accounts")),
          path("billing/", include(billing_urls)),
          path("api/", include(api_router.urls)),
          path("admin/", admin.site.urls),
      ]
    `;
    expect(routesOf(urls, 'mysite/urls.py')).toEqual([
      '* shop/ include("shop.urls")',
      '* accounts/ include("accounts.urls")',
      '* billing/ include("billing.urls")',
      '* api/ include(".api")',
      '* admin/ admin.site.urls',
    ]);
  });

  it("gives a ViewSet's as_view({...}) actions their methods", () => {
    const urls = py`
      from django.urls import path
      from .views import OrderViewSet

      urlpatterns = [
          path("orders/", OrderViewSet.as_view({"get": "list", "post": "create"})),
          path("orders/<int:pk>/", OrderViewSet.as_view(actions={"delete": "destroy"})),
      ]
    `;
    expect(routesOf(urls)).toEqual([
      'GET orders/ OrderViewSet.list',
      'POST orders/ OrderViewSet.create',
      'DELETE orders/<int:pk>/ OrderViewSet.destroy',
    ]);
  });

  it("writes a DRF router's routes as SimpleRouter builds them, with the include(router.urls) prefix", () => {
    const urls = py`
      from django.urls import include, path
      from rest_framework import routers
      from . import views

      router = routers.DefaultRouter()
      router.register(r"orders", views.OrderViewSet, basename="order")

      urlpatterns = [
          path("api/v1/", include(router.urls)),
      ]
    `;
    expect(routesOf(urls)).toEqual([
      'GET api/v1/orders/$ views.OrderViewSet.list',
      'POST api/v1/orders/$ views.OrderViewSet.create',
      'GET api/v1/orders/(?P<pk>[^/.]+)/$ views.OrderViewSet.retrieve',
      'PUT api/v1/orders/(?P<pk>[^/.]+)/$ views.OrderViewSet.update',
      'PATCH api/v1/orders/(?P<pk>[^/.]+)/$ views.OrderViewSet.partial_update',
      'DELETE api/v1/orders/(?P<pk>[^/.]+)/$ views.OrderViewSet.destroy',
    ]);
  });

  it('reads trailing_slash=False, use_regex_path=False, an empty prefix and urlpatterns = router.urls', () => {
    const urls = py`
      from rest_framework.routers import SimpleRouter
      from .views import InvoiceViewSet, NoteViewSet, RootViewSet

      router = SimpleRouter(trailing_slash=False)
      router.register("invoices", InvoiceViewSet)
      paths = SimpleRouter(use_regex_path=False)
      paths.register("notes", NoteViewSet)
      paths.register("", RootViewSet)
      urlpatterns = router.urls + paths.urls
    `;
    const routes = routesOf(urls).filter((r) => /\.(list|retrieve)$/.test(r));
    expect(routes).toEqual([
      'GET ^invoices$ InvoiceViewSet.list',
      'GET ^invoices/(?P<pk>[^/.]+)$ InvoiceViewSet.retrieve',
      'GET notes/ NoteViewSet.list',
      'GET notes/<str:pk>/ NoteViewSet.retrieve',
      'GET  RootViewSet.list',
      'GET <str:pk>/ RootViewSet.retrieve',
    ]);
  });

  it('reads no Django registrations outside URL configurations and Django modules', () => {
    expect(routesOf('urlpatterns = [path("orders/", views.orders)]\n', 'shop/routing.py')).toEqual([]);
    expect(routesOf('router.register("orders", OrderViewSet)\n', 'shop/urls.py')).toEqual([]);
  });
});
