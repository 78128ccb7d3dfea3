"""Orders API."""

import os
import time

from fastapi import FastAPI, HTTPException, Request, Response, status
from opentelemetry import metrics
from pydantic import BaseModel

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


app = FastAPI()

ORDERS: dict[str, dict[str, str]] = {"o-1": {"id": "o-1", "status": "open"}}


@app.get("/orders/{order_id}")
async def get_order(order_id: str, verbose: bool = False) -> dict[str, str]:
    """Returns one order."""
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        order = ORDERS.get(order_id)
        if order is None:
            raise HTTPException(status_code=404, detail="order not found")
        return (otel_result := order if verbose else {"id": order["id"]})
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _fastapi_request_attributes(
            "GET", "/orders/{order_id}", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


@app.post("/orders/{order_id}/cancel", status_code=status.HTTP_202_ACCEPTED)
def cancel_order(order_id: str) -> dict[str, str]:
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        order = ORDERS[order_id]
        order["status"] = "cancelled"
        return (otel_result := {"id": order_id, "status": "cancelled"})
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _fastapi_request_attributes(
            "POST", "/orders/{order_id}/cancel", status.HTTP_202_ACCEPTED, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


@app.delete("/orders/{order_id}")
def delete_order(order_id: str) -> Response:
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        note = """deleted:
  order
"""
        if ORDERS.pop(order_id, None) is None:
            return (otel_result := Response(status_code=404, content=note))
        return (otel_result := Response(status_code=204))
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _fastapi_request_attributes(
            "DELETE", "/orders/{order_id}", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


@app.put("/orders/{order_id}")
def put_order(order_id: str, response: Response) -> dict[str, str]:
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        if order_id not in ORDERS:
            response.status_code = status.HTTP_201_CREATED
        ORDERS[order_id] = {"id": order_id, "status": "open"}
        return (otel_result := ORDERS[order_id])
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _fastapi_request_attributes(
            "PUT", "/orders/{order_id}", response.status_code or 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


class Health(BaseModel):
    status_code: int = 0


@app.get("/health")
def health() -> Health:
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        return (otel_result := Health())
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _fastapi_request_attributes(
            "GET", "/health", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


@app.api_route("/orders/{order_id}/touch", methods=["GET", "POST"])
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
            request.method, "/orders/{order_id}/touch", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)
