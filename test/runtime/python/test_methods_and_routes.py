"""Methods, classmethods/staticmethods, and FastAPI/Flask routes: the traced function is the one called."""

from __future__ import annotations

import inspect
import io
import json

import pytest

from conftest import assert_child_of, assert_failed_with, assert_succeeded, call_in_parent, in_child_span, load

VARIANTS = ["input", "expected"]


class Repository:
    def __init__(self):
        self.orders = {}

    def save(self, order):
        with_child = in_child_span()
        with_child()
        self.orders[order.order_id] = order

    def get(self, order_id):
        return self.orders.get(order_id)


class Payments:
    def __init__(self):
        self.refunded = []

    def refund(self, order_id):
        self.refunded.append(order_id)


class TestMethods:
    def test_methods_keep_self_and_results(self, spans):
        outcomes = {}
        for variant in VARIANTS:
            module = load("methods", variant)
            service = module.OrderService(Repository(), Payments())
            order, caller = call_in_parent(lambda: service.place_order("o-1", ["tea"]))
            outcomes[variant] = (order, service.cancel_order("o-1"), service.cancel_order("o-1"))
            with pytest.raises(module.OrderNotFound) as info:
                service.cancel_order("o-404")
            assert info.value.args == ("o-404",)
            with pytest.raises(ValueError):
                service.place_order("o-2", [])
        assert [(o.order_id, o.status, a, b) for o, a, b in outcomes.values()] == [("o-1", "cancelled", True, False)] * 2
        place = [s for s in spans.all() if s.name == "shop.place_order"]
        assert len(place) == 2
        assert place[0].parent.span_id == caller.get_span_context().span_id
        assert place[0].attributes["business.entity_id"] == "o-1"
        assert_succeeded(place[0])
        (child,) = spans.children(place[0])
        assert_child_of(child, place[0])
        assert_failed_with(place[1], ValueError())
        cancels = [s for s in spans.all() if s.name == "shop.cancel_order"]
        assert [c.attributes.get("business.outcome") for c in cancels] == ["success", "success", None]
        assert_failed_with(cancels[2], module.OrderNotFound())

    def test_methods_look_the_same_from_outside(self):
        original = load("methods", "input").OrderService
        traced = load("methods", "expected").OrderService
        for name in ("place_order", "cancel_order"):
            traced_signature, original_signature = inspect.signature(getattr(traced, name)), inspect.signature(getattr(original, name))
            assert list(traced_signature.parameters) == list(original_signature.parameters)
            assert getattr(traced_signature.return_annotation, "__name__", traced_signature.return_annotation) == getattr(
                original_signature.return_annotation, "__name__", original_signature.return_annotation
            )
            assert getattr(traced, name).__name__ == name
            assert getattr(traced, name).__doc__ == getattr(original, name).__doc__


class TestClassAndStaticMethods:
    def test_classmethod_gets_cls_and_staticmethod_gets_no_instance(self, spans, tmp_path, monkeypatch):
        for variant in VARIANTS:
            module = load("classmethod_staticmethod", variant)
            monkeypatch.setattr(module.urllib.request, "urlopen", lambda url, timeout: io.BytesIO(json.dumps({"rates": {"EUR": 0.9}}).encode()))
            table = module.RateTable.load()
            assert type(table) is module.RateTable and table.rates == {"EUR": 0.9}
            written = module.RateTable.save_snapshot(str(tmp_path / f"{variant}.json"), table.rates)
            assert written == len('{"EUR": 0.9}')
            assert module.RateTable(table.rates).save_snapshot(str(tmp_path / "again.json"), {}) == 2
            assert isinstance(inspect.getattr_static(module.RateTable, "load"), classmethod)
            assert isinstance(inspect.getattr_static(module.RateTable, "save_snapshot"), staticmethod)
        assert_succeeded(spans.named("shop.load"))
        saves = [s for s in spans.all() if s.name == "shop.save_snapshot"]
        assert len(saves) == 2 and all(s.status.is_ok for s in saves)


class TestFastAPI:
    def test_route_is_traced_and_keeps_its_signature(self, spans):
        pytest.importorskip("fastapi")
        pytest.importorskip("httpx")
        from fastapi.testclient import TestClient

        bodies = {}
        for variant in VARIANTS:
            module = load("fastapi_route", variant)
            module.ORDERS["o-1"] = {"id": "o-1", "status": "open"}
            client = TestClient(module.app)
            ok = client.get("/orders/o-1", params={"verbose": "true"})
            missing = client.get("/orders/o-9")
            cancel = client.post("/orders/o-1/cancel")
            bodies[variant] = (ok.status_code, ok.json(), missing.status_code, missing.json(), cancel.status_code, cancel.json())
            # FastAPI reads parameters from the signature: the query parameter must still be seen.
            schema = client.get("/openapi.json").json()
            params = {p["name"] for p in schema["paths"]["/orders/{order_id}"]["get"]["parameters"]}
            assert params == {"order_id", "verbose"}
        assert bodies["input"] == bodies["expected"]
        ok, missing = [s for s in spans.all() if s.name == "shop.get_order"]
        assert ok.attributes["business.entity_id"] == "o-1"
        assert_succeeded(ok)
        assert_failed_with(missing, "HTTPException")
        cancel = spans.named("shop.cancel_order")
        assert_succeeded(cancel)


class TestFlask:
    def test_routes_keep_their_endpoints(self, spans):
        responses = {}
        for variant in VARIANTS:
            module = load("flask_route", variant)
            client = module.app.test_client()
            shown = client.get("/customers/c-1")
            missing = client.get("/customers/c-9")
            changed = client.post("/customers/c-1/tier", json={"tier": "silver"})
            responses[variant] = (shown.status_code, shown.get_json(), missing.status_code, changed.status_code, changed.get_json())
            assert set(module.app.view_functions) >= {"show_customer", "change_tier"}
        assert responses["input"] == responses["expected"]
        shown, missing = [s for s in spans.all() if s.name == "shop.show_customer"]
        assert shown.attributes["business.entity_id"] == "c-1"
        assert_succeeded(shown)
        assert_failed_with(missing, "NotFound")
        assert_succeeded(spans.named("shop.change_tier"))
