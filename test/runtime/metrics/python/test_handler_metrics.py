"""Runtime check of the metrics goldens' expected output: a real MeterProvider with an in-memory
reader, handlers driven through success and failure by the frameworks' own test clients (Django's with
a minimal settings.configure() and the case's own urls.py as the URLconf; FastAPI's routers mounted by
the case's own api.py and main.py; Flask's blueprint registered under prefixes of the test's)."""

import importlib.util
import inspect
import os
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from opentelemetry import metrics
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

GOLDEN = Path(__file__).resolve().parents[4] / "test" / "golden" / "metrics" / "python"
ALLOWED_KEYS = {
    "environment",
    "service.version",
    "http.request.method",
    "http.route",
    "http.response.status_code",
    "error.type",
}

os.environ["DEPLOYMENT_ENVIRONMENT"] = "test"
os.environ.pop("SERVICE_VERSION", None)
READER = InMemoryMetricReader()
metrics.set_meter_provider(MeterProvider(metric_readers=[READER]))


def load(case: str, name: str | None = None, file: str = "expected.py") -> ModuleType:
    spec = importlib.util.spec_from_file_location(name or f"golden_{case}", GOLDEN / case / file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def points(metric_name: str, scope_name: str | None) -> list:
    data = READER.get_metrics_data()
    assert data is not None
    return [
        point
        for resource in data.resource_metrics
        for scope in resource.scope_metrics
        if scope_name is None or scope.scope.name == scope_name
        for metric in scope.metrics
        if metric.name == metric_name
        for point in metric.data.data_points
    ]


def key(attributes) -> tuple:
    return (
        attributes["http.request.method"],
        attributes["http.route"],
        attributes["http.response.status_code"],
        attributes.get("error.type"),
    )


def check(service_module: str, expected: dict, scope: str | None = None) -> None:
    histogram = {key(p.attributes): p for p in points(f"shop.{service_module}.request.duration", scope)}
    counter = {key(p.attributes): p for p in points(f"shop.{service_module}.requests", scope)}
    assert {k: p.count for k, p in histogram.items()} == expected
    assert {k: p.value for k, p in counter.items()} == expected
    for point in [*histogram.values(), *counter.values()]:
        assert set(point.attributes) <= ALLOWED_KEYS
        assert point.attributes["environment"] == "test"
        assert point.attributes["service.version"] == "unknown"
        # Cardinality guard: no id, raw path or user input among the values.
        for value in point.attributes.values():
            assert not any(raw in str(value) for raw in ("c-1", "c-2", "o-1", "o-2", "missing"))
    for point in histogram.values():
        assert point.sum >= 0


def test_fastapi_handlers_record_what_the_client_received() -> None:
    from fastapi.testclient import TestClient

    module = load("fastapi_orders")
    client = TestClient(module.app, raise_server_exceptions=False)
    assert client.get("/orders/o-1").status_code == 200
    assert client.get("/orders/o-1", params={"verbose": "true"}).json()["status"] == "open"
    assert client.get("/orders/missing").status_code == 404
    assert client.post("/orders/o-1/cancel").status_code == 202
    assert client.post("/orders/missing/cancel").status_code == 500
    assert client.delete("/orders/missing").status_code == 404
    assert client.delete("/orders/o-1").status_code == 204
    assert client.put("/orders/o-2").status_code == 201
    assert client.put("/orders/o-2").status_code == 200
    assert client.get("/health").json() == {"status_code": 0}
    assert client.get("/orders/o-1/touch").json() == {"id": "o-1", "by": "GET"}
    assert client.post("/orders/o-1/touch").json() == {"id": "o-1", "by": "POST"}
    check(
        "orders",
        {
            ("GET", "/orders/{order_id}", 200, None): 2,
            ("GET", "/orders/{order_id}", 404, None): 1,
            ("POST", "/orders/{order_id}/cancel", 202, None): 1,
            ("POST", "/orders/{order_id}/cancel", 500, "KeyError"): 1,
            ("DELETE", "/orders/{order_id}", 404, None): 1,
            ("DELETE", "/orders/{order_id}", 204, None): 1,
            ("PUT", "/orders/{order_id}", 201, None): 1,
            ("PUT", "/orders/{order_id}", 200, None): 1,
            ("GET", "/health", 200, None): 1,
            ("GET", "/orders/{order_id}/touch", 200, None): 1,
            ("POST", "/orders/{order_id}/touch", 200, None): 1,
        },
        scope=module.__name__,
    )
    # The signature FastAPI injects from is the original one: the query parameter is still documented.
    assert list(inspect.signature(module.get_order).parameters) == ["order_id", "verbose"]
    parameters = module.app.openapi()["paths"]["/orders/{order_id}"]["get"]["parameters"]
    assert [p["name"] for p in parameters] == ["order_id", "verbose"]


def test_flask_views_record_what_the_client_received() -> None:
    module = load("flask_customers")
    client = module.app.test_client()
    assert client.get("/customers/c-1").status_code == 200
    assert client.get("/customers/missing").status_code == 404
    assert client.post("/customers/c-1/tier", json={"tier": "silver"}).status_code == 201
    module.app.config["PROPAGATE_EXCEPTIONS"] = False
    assert client.post("/customers/missing/tier", json={"tier": "silver"}).status_code == 500
    assert client.get("/customers").status_code == 200
    created = client.post("/customers", json={"id": "c-2", "tier": "bronze"})
    assert (created.status_code, created.headers["Location"]) == (201, "/customers/c-2")
    check(
        "customers",
        {
            ("GET", "/customers/<customer_id>", 200, None): 1,
            ("GET", "/customers/<customer_id>", 404, None): 1,
            ("POST", "/customers/<customer_id>/tier", 201, None): 1,
            ("POST", "/customers/<customer_id>/tier", 500, "KeyError"): 1,
            ("GET", "/customers", 200, None): 1,
            ("POST", "/customers", 201, None): 1,
        },
        scope=module.__name__,
    )



def test_flask_blueprint_records_the_rule_flask_matched() -> None:
    """Registered under prefixes the module does not know (replacing its own, and nested under another
    blueprint): the recorded route is the full rule Flask matched; outside a request, the planned one."""
    from flask import Blueprint, Flask

    module = load("flask_blueprints")
    app = Flask("golden_flask_blueprints_app")
    app.register_blueprint(module.bp, url_prefix="/v1")
    api = Blueprint("api", __name__, url_prefix="/api")
    api.register_blueprint(module.bp)
    app.register_blueprint(api)
    client = app.test_client()
    assert client.get("/v1/c-1").status_code == 200
    assert client.get("/v1/missing").status_code == 404
    assert client.put("/v1/c-1/tier", json={"tier": "silver"}).status_code == 200
    assert client.patch("/api/customers/c-1/tier", json={"tier": "gold"}).status_code == 200
    assert client.get("/api/customers/c-1").status_code == 200
    assert client.get("/v1/ping").data == b"pong"
    # Called directly, with no request context: the planned route stands in.
    with app.app_context():
        assert module.show_customer("c-1").status_code == 200
    check(
        "customers",
        {
            ("GET", "/v1/<customer_id>", 200, None): 1,
            ("GET", "/v1/<customer_id>", 404, None): 1,
            ("PUT", "/v1/<customer_id>/tier", 200, None): 1,
            ("PATCH", "/api/customers/<customer_id>/tier", 200, None): 1,
            ("GET", "/api/customers/<customer_id>", 200, None): 1,
            ("GET", "/v1/ping", 200, None): 1,
            ("GET", "/customers/<customer_id>", 200, None): 1,
        },
        scope=module.__name__,
    )


def test_fastapi_router_mounted_with_prefixes_records_the_full_route() -> None:
    """The router's module as `golden_fastapi_routers.orders`, beside the case's api.py (which mounts it
    under /api) and main.py (which mounts that under /v1), imported through their relative imports."""
    from fastapi.testclient import TestClient

    package = ModuleType("golden_fastapi_routers")
    package.__path__ = []
    sys.modules[package.__name__] = package
    orders = load("fastapi_routers", f"{package.__name__}.orders")
    package.orders = orders  # type: ignore[attr-defined]
    package.api = load("fastapi_routers", f"{package.__name__}.api", "api.py")  # type: ignore[attr-defined]
    main = load("fastapi_routers", f"{package.__name__}.main", "main.py")
    client = TestClient(main.app, raise_server_exceptions=False)
    assert client.get("/v1/api/orders/o-1").status_code == 200
    assert client.get("/v1/api/orders/missing").status_code == 404
    assert client.post("/v1/api/orders/o-1/cancel").status_code == 202
    assert client.post("/v1/api/orders/missing/cancel").status_code == 500
    assert client.post("/v1/api/orders/o-1/touch").json() == {"id": "o-1", "by": "POST"}
    check(
        "orders",
        {
            ("GET", "/v1/api/orders/{order_id}", 200, None): 1,
            ("GET", "/v1/api/orders/{order_id}", 404, None): 1,
            ("POST", "/v1/api/orders/{order_id}/cancel", 202, None): 1,
            ("POST", "/v1/api/orders/{order_id}/cancel", 500, "KeyError"): 1,
            ("POST", "/v1/api/orders/{order_id}/touch", 200, None): 1,
        },
        scope=orders.__name__,
    )
    assert "/v1/api/orders/{order_id}" in main.app.openapi()["paths"]


def django_case(case: str, prefix: str = "") -> ModuleType:
    """The case's expected.py as `golden_<case>.views` beside its urls.py as `golden_<case>.urls` (whose
    `from . import views` finds it), mounted under `prefix` by `golden_<case>.root`, the URLconf."""
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False, ALLOWED_HOSTS=["testserver"], SECRET_KEY="test", MIDDLEWARE=[], INSTALLED_APPS=[]
        )
        django.setup()
    from django.urls import include, path

    package = ModuleType(f"golden_{case}")
    package.__path__ = []
    sys.modules[package.__name__] = package
    views = load(case, f"{package.__name__}.views")
    package.views = views  # type: ignore[attr-defined]
    load(case, f"{package.__name__}.urls", "urls.py")
    root = ModuleType(f"{package.__name__}.root")
    root.urlpatterns = [path(prefix, include(f"{package.__name__}.urls"))]  # type: ignore[attr-defined]
    sys.modules[root.__name__] = root
    return views


def test_django_function_views_record_what_the_client_received() -> None:
    from django.test import Client, override_settings

    module = django_case("django_orders")
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="golden_django_orders.root"):
        assert client.get("/orders/7/").status_code == 200
        assert client.get("/orders/8/").status_code == 404
        assert client.post("/orders/7/cancel/").status_code == 403
        assert client.post("/orders/9/cancel/").status_code == 500
        assert client.post("/orders/7/cancel/", headers={"X-User": "ana"}).status_code == 202
        # @require_POST answers 405 before the view runs: not recorded (the plan says so).
        assert client.get("/orders/7/cancel/").status_code == 405
        assert client.get("/orders/count/").json() == {"count": 1}
        assert client.get("/orders/").status_code == 200
        created = {"id": 12, "status": "open", "owner": "bo"}
        assert client.post("/orders/", created, content_type="application/json").status_code == 201
        # A method outside the standard ones reaches a function view: recorded as _OTHER.
        assert client.generic("BREW", "/orders/").status_code == 200
    check(
        "orders",
        {
            ("GET", "orders/<int:order_id>/", 200, None): 1,
            ("GET", "orders/<int:order_id>/", 404, None): 1,
            ("POST", "orders/<int:order_id>/cancel/", 403, None): 1,
            ("POST", "orders/<int:order_id>/cancel/", 500, "KeyError"): 1,
            ("POST", "orders/<int:order_id>/cancel/", 202, None): 1,
            ("GET", "orders/count/", 200, None): 1,
            ("GET", "orders/", 200, None): 1,
            ("POST", "orders/", 201, None): 1,
            ("_OTHER", "orders/", 200, None): 1,
        },
        scope=module.__name__,
    )


def test_django_class_based_views_record_what_the_client_received() -> None:
    from django.test import Client, RequestFactory, override_settings

    module = django_case("django_class_views", prefix="api/")
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="golden_django_class_views.root"):
        assert client.get("/api/customers/3/").json() == {"id": 3, "tier": "gold"}
        assert client.get("/api/customers/4/").status_code == 404
        # View.setup() serves HEAD with get(): recorded as the HEAD it was.
        assert client.head("/api/customers/3/").status_code == 200
        assert client.put("/api/customers/3/", {"tier": "silver"}, "application/json").status_code == 200
        assert client.put("/api/customers/3/", {}, "application/json").status_code == 400
        assert client.put("/api/customers/3/", "not json", "application/json").status_code == 500
        # A method the view has no handler for: View answers 405 itself, nothing recorded.
        assert client.post("/api/customers/3/").status_code == 405
        assert client.delete("/api/customers/3/").status_code == 204
        assert client.delete("/api/customers/3/").status_code == 500
        assert client.get("/api/customers/").json() == []
    # Called without URL resolution (no resolver_match): the planned fallback stands in; the exception
    # reaches the caller unchanged.
    from django.http import Http404

    with pytest.raises(Http404):
        module.CustomerView.as_view()(RequestFactory().get("/customers/4/"), customer_id=4)
    check(
        "customers",
        {
            ("GET", "api/customers/<int:customer_id>/", 200, None): 1,
            ("GET", "api/customers/<int:customer_id>/", 404, None): 1,
            ("HEAD", "api/customers/<int:customer_id>/", 200, None): 1,
            ("PUT", "api/customers/<int:customer_id>/", 200, None): 1,
            ("PUT", "api/customers/<int:customer_id>/", 400, None): 1,
            ("PUT", "api/customers/<int:customer_id>/", 500, "JSONDecodeError"): 1,
            ("DELETE", "api/customers/<int:customer_id>/", 204, None): 1,
            ("DELETE", "api/customers/<int:customer_id>/", 500, "KeyError"): 1,
            ("GET", "api/customers/", 200, None): 1,
            ("GET", "customers/<int:customer_id>/", 404, None): 1,
        },
        scope=module.__name__,
    )


def test_django_helper_answers_as_django_and_drf_do() -> None:
    """Exceptions classified by class name through the MRO, without importing Django or DRF."""
    module = load("django_class_views", "golden_django_helper")
    attributes = module._django_request_attributes
    request = SimpleNamespace(method="GET", resolver_match=SimpleNamespace(route="orders/<pk>/"))

    def drf(name: str, status: int) -> type:
        return type(name, (Exception,), {"__module__": "rest_framework.exceptions", "status_code": status})

    api_exception = drf("APIException", 500)
    not_found = type("NotFound", (api_exception,), {"__module__": "rest_framework.exceptions", "status_code": 404})
    throttled = type("Throttled", (api_exception,), {"__module__": "rest_framework.exceptions", "status_code": 429})
    from django.core.exceptions import DisallowedHost, PermissionDenied

    def status(error: BaseException) -> tuple:
        got = attributes(request, "planned", 200, None, error)
        return got["http.response.status_code"], got.get("error.type"), got["http.route"]

    assert status(not_found()) == (404, None, "orders/<pk>/")
    assert status(throttled()) == (429, None, "orders/<pk>/")
    assert status(api_exception()) == (500, "500", "orders/<pk>/")
    assert status(PermissionDenied()) == (403, None, "orders/<pk>/")
    assert status(DisallowedHost()) == (400, None, "orders/<pk>/")
    # A status_code on an exception neither Django nor DRF answers with does not reach the client.
    lookalike = type("ClientError", (Exception,), {"status_code": 404})
    assert status(lookalike()) == (500, "ClientError", "orders/<pk>/")
    # No resolver match (a view called directly): the planned route; an unknown method: _OTHER.
    got = attributes(SimpleNamespace(method="BREW"), "planned", 200, SimpleNamespace(status_code=201), None)
    assert (got["http.request.method"], got["http.route"], got["http.response.status_code"]) == (
        "_OTHER",
        "planned",
        201,
    )
