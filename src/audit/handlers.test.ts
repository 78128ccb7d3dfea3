import { describe, expect, it } from 'vitest';
import type { FileFacts, HandlerFacts } from '../lang/facts.js';
import { factsOf, py } from '../lang/python/test-support.js';
import { file, fn } from './__fixtures__/facts.js';
import { functionKey, resolveHandlers } from './handlers.js';

/** Each function's resolved handler (route and method), by `path qualifiedName`, for the functions resolved. */
function resolvedOf(files: FileFacts[]): Record<string, Pick<HandlerFacts, 'route' | 'method'>> {
  const resolved = resolveHandlers(files);
  const out: Record<string, Pick<HandlerFacts, 'route' | 'method'>> = {};
  for (const f of files) {
    for (const x of f.functions) {
      const r = resolved.get(functionKey(f, x));
      if (r) out[`${f.path} ${x.qualifiedName}`] = { route: r.handler.route, method: r.handler.method };
    }
  }
  return out;
}

const VIEWS = py`
  from django.http import JsonResponse
  from django.views import View
  from rest_framework import viewsets
  from rest_framework.decorators import action

  def customer_list(request):
      return JsonResponse([], safe=False)

  class CustomerView(LoginRequiredMixin, View):
      def get(self, request, customer_id):
          return JsonResponse({})

      def delete(self, request, customer_id):
          return JsonResponse({})

      def get_object(self, customer_id):
          return Customer.objects.get(pk=customer_id)

  class WebhookEndpoint(CsrfExemptMixin):
      def post(self, request):
          return JsonResponse({})

  class OrderViewSet(viewsets.ModelViewSet):
      def list(self, request):
          return JsonResponse([], safe=False)

      def destroy(self, request, pk=None):
          return JsonResponse({})

      @action(detail=True, methods=["post"])
      def cancel(self, request, pk=None):
          return JsonResponse({})
`;

const SHOP_URLS = py`
  from django.urls import include, path, re_path
  from rest_framework.routers import DefaultRouter
  from . import views

  router = DefaultRouter()
  router.register(r"orders", views.OrderViewSet, basename="order")

  urlpatterns = [
      path("customers/", views.customer_list, name="customer-list"),
      path("customers/<int:customer_id>/", views.CustomerView.as_view(), name="customer"),
      re_path(r"^hooks/stripe/$", views.WebhookEndpoint.as_view()),
      path("", include(router.urls)),
  ]
`;

describe('resolveHandlers: Django class-based views and DRF routers', () => {
  it("gives a class-based view's HTTP-method methods and a ViewSet's actions the route of their registration", () => {
    const files = [factsOf(SHOP_URLS, 'shop/urls.py'), factsOf(VIEWS, 'shop/views.py')];
    expect(resolvedOf(files)).toEqual({
      'shop/views.py customer_list': { route: 'customers/', method: null },
      'shop/views.py CustomerView.get': { route: 'customers/<int:customer_id>/', method: 'GET' },
      'shop/views.py CustomerView.delete': { route: 'customers/<int:customer_id>/', method: 'DELETE' },
      // Its base is no view the adapter knows: the as_view() registration makes `post` a handler.
      'shop/views.py WebhookEndpoint.post': { route: '^hooks/stripe/$', method: 'POST' },
      'shop/views.py OrderViewSet.list': { route: '^orders/$', method: 'GET' },
      'shop/views.py OrderViewSet.destroy': { route: '^orders/(?P<pk>[^/.]+)/$', method: 'DELETE' },
    });
  });

  it('prefixes the routes of a module another audited URL configuration include()s, through chains of includes', () => {
    const root = py`
      from django.urls import include, path

      urlpatterns = [
          path("api/", include("shop.urls")),
          path("legacy/", include("legacy.urls")),
      ]
    `;
    const legacy = py`
      from django.urls import include, re_path
      from . import more

      urlpatterns = [
          re_path(r"^v0/", include("shop.urls")),
          re_path(r"^more/", include(more)),
      ]
    `;
    const more = py`
      from django.urls import path
      from shop import views

      urlpatterns = [path("cancel/", views.OrderViewSet.as_view({"post": "cancel"}))]
    `;
    const files = [
      factsOf(root, 'mysite/urls.py'),
      factsOf(legacy, 'legacy/urls.py'),
      factsOf(more, 'legacy/more.py'),
      factsOf(SHOP_URLS, 'shop/urls.py'),
      factsOf(VIEWS, 'shop/views.py'),
    ];
    const resolved = resolvedOf(files);
    // shop.urls is included twice: its most direct inclusion, from the root URLconf, gives its prefix.
    expect(resolved['shop/views.py CustomerView.get']?.route).toBe('api/customers/<int:customer_id>/');
    // Django's _join_route drops the inner pattern's leading `^`.
    expect(resolved['shop/views.py OrderViewSet.list']?.route).toBe('api/orders/$');
    expect(resolved['shop/views.py OrderViewSet.cancel']).toEqual({
      route: 'legacy/more/cancel/',
      method: 'POST',
    });
    // The same result whatever order the files come in.
    expect(resolvedOf([...files].reverse())).toEqual(resolved);
  });

  it('survives include cycles and ignores includes of modules not audited', () => {
    const a =
      'from django.urls import include, path\nurlpatterns = [path("b/", include("app.b")), path("x/", include("missing.urls"))]\n';
    const b =
      'from django.urls import include, path\nfrom app import views\nurlpatterns = [path("a/", include("app.a")), path("v/", views.thing)]\n';
    const views = 'def thing(request):\n    return None\n';
    const resolved = resolvedOf([
      factsOf(a, 'app/a.py'),
      factsOf(b, 'app/b.py'),
      factsOf(views, 'app/views.py'),
    ]);
    expect(resolved['app/views.py thing']?.route).toBe('v/');
  });

  it('joins a router action only to that class: an inherited action, or a namesake elsewhere, gets nothing', () => {
    const urls = py`
      from rest_framework.routers import SimpleRouter
      from .views import InvoiceViewSet

      router = SimpleRouter()
      router.register("invoices", InvoiceViewSet)
      urlpatterns = router.urls
    `;
    const views = py`
      from rest_framework.viewsets import ModelViewSet

      class InvoiceViewSet(ModelViewSet):
          def retrieve(self, request, pk=None):
              return None

      class ReportViewSet(ModelViewSet):
          def list(self, request):
              return None

      def list(request):
          return None
    `;
    expect(resolvedOf([factsOf(urls, 'billing/urls.py'), factsOf(views, 'billing/views.py')])).toEqual({
      'billing/views.py InvoiceViewSet.retrieve': { route: '^invoices/(?P<pk>[^/.]+)/$', method: 'GET' },
    });
  });

  it('takes a class from the registering app, not a namesake in another app', () => {
    const urls =
      'from django.urls import path\nfrom . import views\nurlpatterns = [path("", views.IndexView.as_view())]\n';
    const view =
      'from django.views import View\n\nclass IndexView(View):\n    def get(self, request):\n        return None\n';
    const resolved = resolvedOf([
      factsOf(urls, 'blog/urls.py'),
      factsOf(view, 'blog/views/index.py'),
      factsOf(view, 'shop/views.py'),
    ]);
    expect(Object.keys(resolved)).toEqual(['blog/views/index.py IndexView.get']);
  });

  it("joins a ViewSet's as_view({...}) actions", () => {
    const urls = py`
      from django.urls import path
      from .views import OrderViewSet

      urlpatterns = [path("orders/", OrderViewSet.as_view({"get": "list"}))]
    `;
    expect(resolvedOf([factsOf(urls, 'shop/urls.py'), factsOf(VIEWS, 'shop/views.py')])).toEqual({
      'shop/views.py OrderViewSet.list': { route: 'orders/', method: 'GET' },
    });
  });

  it('keeps joining other languages by bare name', () => {
    const handlers = file([fn({ name: 'create', owner: 'OrdersController', kind: 'method', params: [] })], {
      path: 'src/orders.ts',
      language: 'typescript',
    });
    const routes = file([], {
      path: 'src/app.ts',
      language: 'typescript',
      routes: [
        {
          framework: 'express',
          method: 'POST',
          route: '/orders',
          handler: 'OrdersController.create',
          line: 3,
          autoInstrumented: false,
        },
      ],
    });
    expect(resolvedOf([handlers, routes])).toEqual({
      'src/orders.ts OrdersController.create': { route: '/orders', method: 'POST' },
    });
  });
});
