"""Customers blueprint. The application factory registers it elsewhere, under a prefix of its own."""

import os
import time

import flask
from flask import Blueprint, abort, jsonify, request
from opentelemetry import metrics

meter = metrics.get_meter(__name__)
REQUEST_DURATION = meter.create_histogram(
    "shop.customers.request.duration",
    unit="s",
    description="Duration of the HTTP requests this module handles.",
)
REQUEST_COUNT = meter.create_counter(
    "shop.customers.requests",
    unit="{request}",
    description="Number of HTTP requests this module handled.",
)
# Read once at import: the same for every request.
REQUEST_METRIC_ATTRIBUTES = {
    "environment": os.environ.get("DEPLOYMENT_ENVIRONMENT", "unknown"),
    "service.version": os.environ.get("SERVICE_VERSION", "unknown"),
}


def _flask_request_attributes(
    method: str, route: str, status_code: int, result: object, error: "BaseException | None"
) -> "dict[str, str | int]":
    if flask.has_request_context():
        matched = getattr(flask.request.url_rule, "rule", None)
        if isinstance(matched, str) and matched:
            route = matched
    error_type: "str | None" = None
    if error is not None:
        raised = getattr(error, "code", None)
        if isinstance(raised, int):
            status_code = raised
        else:
            status_code = 500
            error_type = type(error).__qualname__
    else:
        returned = getattr(result, "status_code", None)
        if isinstance(result, tuple) and len(result) > 1:
            returned = result[1]
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


bp = Blueprint("customers", __name__, url_prefix="/customers")

CUSTOMERS = {"c-1": {"id": "c-1", "tier": "gold"}}


@bp.get("/<customer_id>")
def show_customer(customer_id):
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        customer = CUSTOMERS.get(customer_id)
        if customer is None:
            abort(404)
        return (otel_result := jsonify(customer))
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _flask_request_attributes(
            "GET", "/customers/<customer_id>", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


@bp.route("/<customer_id>/tier", methods=["PUT", "PATCH"])
def change_tier(customer_id):
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        customer = CUSTOMERS[customer_id]
        customer["tier"] = request.get_json()["tier"]
        return (otel_result := jsonify(customer))
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _flask_request_attributes(
            request.method, "/customers/<customer_id>/tier", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


def ping():
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        return (otel_result := "pong")
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _flask_request_attributes(
            "GET", "/customers/ping", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


bp.add_url_rule("/ping", view_func=ping)
