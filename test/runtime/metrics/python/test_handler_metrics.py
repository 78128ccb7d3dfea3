"""Runtime check of the metrics goldens' expected output: a real MeterProvider with an in-memory
reader, handlers driven through success and failure by the frameworks' own test clients."""

import importlib.util
import inspect
import os
import sys
from pathlib import Path
from types import ModuleType

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


def load(case: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"golden_{case}", GOLDEN / case / "expected.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def points(metric_name: str) -> list:
    data = READER.get_metrics_data()
    assert data is not None
    return [
        point
        for resource in data.resource_metrics
        for scope in resource.scope_metrics
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


def check(service_module: str, expected: dict) -> None:
    histogram = {key(p.attributes): p for p in points(f"shop.{service_module}.request.duration")}
    counter = {key(p.attributes): p for p in points(f"shop.{service_module}.requests")}
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
    )

