"""Orders router: app/api.py mounts it under /api, and app/main.py mounts that under /v1."""

import os
import time

from fastapi import APIRouter, HTTPException, Request
from opentelemetry import metrics

meter = metrics.get_meter(__name__)
REQUEST_DURATION = meter.create_histogram(
    "shop.orders.request.duration",
    unit="s",
    description="Duration of the HTTP requests this module handles.",
)
REQUEST_COUNT = meter.create_counter(
    "shop.orders.requests",
    unit="{request}",
    description="Number of HTTP requests this module handled.",
)
# Read once at import: the same for every request.
REQUEST_METRIC_ATTRIBUTES = {
    "environment": os.environ.get("DEPLOYMENT_ENVIRONMENT", "unknown"),
    "service.version": os.environ.get("SERVICE_VERSION", "unknown"),
}


def _fastapi_request_attributes(
    method: str, route: str, status_code: int, result: object, error: "BaseException | None"
) -> "dict[str, str | int]":
    error_type: "str | None" = None
    if error is not None:
        raised = getattr(error, "status_code", None)
        if isinstance(raised, int):
            status_code = raised
        else:
            status_code = 500
            error_type = type(error).__qualname__
    else:
        sent = any(c.__module__ == "starlette.responses" for c in type(result).__mro__)
        returned = getattr(result, "status_code", None) if sent else None
        if isinstance(returned, int):
            status_code = returned
    if error_type is None and status_code >= 500:
        error_type = str(status_code)
    attributes: "dict[str, str | int]" = {
        **REQUEST_METRIC_ATTRIBUTES,
        "http.request.method": method,
        "http.route": route,
        "http.response.status_code": status_code,
    }
    if error_type is not None:
        attributes["error.type"] = error_type
    return attributes


router = APIRouter(prefix="/orders", tags=["orders"])

ORDERS: dict[str, dict[str, str]] = {"o-1": {"id": "o-1", "status": "open"}}


@router.get("/{order_id}")
async def get_order(order_id: str) -> dict[str, str]:
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        order = ORDERS.get(order_id)
        if order is None:
            raise HTTPException(status_code=404, detail="order not found")
        return (otel_result := order)
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _fastapi_request_attributes(
            "GET", "/v1/api/orders/{order_id}", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


@router.post("/{order_id}/cancel", status_code=202)
def cancel_order(order_id: str) -> dict[str, str]:
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        order = ORDERS[order_id]
        order["status"] = "cancelled"
        return (otel_result := order)
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _fastapi_request_attributes(
            "POST", "/v1/api/orders/{order_id}/cancel", 202, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


@router.api_route("/{order_id}/touch", methods=["GET", "POST"])
async def touch_order(order_id: str, request: Request) -> dict[str, str]:
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        return (otel_result := {"id": order_id, "by": request.method})
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _fastapi_request_attributes(
            request.method, "/v1/api/orders/{order_id}/touch", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)
