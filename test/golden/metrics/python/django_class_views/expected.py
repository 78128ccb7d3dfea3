import json
import os
import time

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponse, JsonResponse
from django.views import View
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


def _django_request_attributes(
    http_request: object, route: str, status_code: int, result: object, error: "BaseException | None"
) -> "dict[str, str | int]":
    method = getattr(http_request, "method", None)
    if method not in (
        "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"
    ):
        method = "_OTHER"
    matched = getattr(getattr(http_request, "resolver_match", None), "route", None)
    if isinstance(matched, str) and matched:
        route = matched
    error_type: "str | None" = None
    if error is not None:
        statuses: "dict[str, object]" = {
            "django.http.response.Http404": 404,
            "django.core.exceptions.PermissionDenied": 403,
            "django.core.exceptions.BadRequest": 400,
            "django.core.exceptions.SuspiciousOperation": 400,
            "django.http.multipartparser.MultiPartParserError": 400,
            "rest_framework.exceptions.APIException": getattr(error, "status_code", None),
        }
        raised: object = None
        for cls in type(error).__mro__:
            raised = statuses.get(cls.__module__ + "." + cls.__qualname__)
            if raised is not None:
                break
        if isinstance(raised, int):
            status_code = raised
        else:
            status_code = 500
            error_type = type(error).__qualname__
    else:
        returned = getattr(result, "status_code", None)
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


CUSTOMERS = {3: {"id": 3, "tier": "gold"}}


class CustomerView(View):
    """One customer."""

    def get(self, request, customer_id):
        otel_started = time.perf_counter()
        otel_result: object = None
        otel_error: "BaseException | None" = None
        try:
            customer = CUSTOMERS.get(customer_id)
            if customer is None:
                raise Http404
            return (otel_result := JsonResponse(customer))
        except BaseException as otel_exception:
            otel_error = otel_exception
            raise
        finally:
            otel_attributes = _django_request_attributes(
                request, "customers/<int:customer_id>/", 200, otel_result, otel_error
            )
            REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
            REQUEST_COUNT.add(1, otel_attributes)

    def put(self, request, customer_id):
        otel_started = time.perf_counter()
        otel_result: object = None
        otel_error: "BaseException | None" = None
        try:
            payload = json.loads(request.body)
            if "tier" not in payload:
                raise SuspiciousOperation("a tier is required")
            customer = CUSTOMERS[customer_id]
            customer["tier"] = payload["tier"]
            return (otel_result := JsonResponse(customer))
        except BaseException as otel_exception:
            otel_error = otel_exception
            raise
        finally:
            otel_attributes = _django_request_attributes(
                request, "customers/<int:customer_id>/", 200, otel_result, otel_error
            )
            REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
            REQUEST_COUNT.add(1, otel_attributes)

    def delete(self, *args, **kwargs):
        otel_started = time.perf_counter()
        otel_result: object = None
        otel_error: "BaseException | None" = None
        try:
            del CUSTOMERS[kwargs["customer_id"]]
            return (otel_result := HttpResponse(status=204))
        except BaseException as otel_exception:
            otel_error = otel_exception
            raise
        finally:
            otel_attributes = _django_request_attributes(
                self.request, "customers/<int:customer_id>/", 200, otel_result, otel_error
            )
            REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
            REQUEST_COUNT.add(1, otel_attributes)

    def _lookup(self, customer_id):
        return CUSTOMERS[customer_id]


class CustomerList(View):
    async def get(self, request):
        otel_started = time.perf_counter()
        otel_result: object = None
        otel_error: "BaseException | None" = None
        try:
            return (otel_result := JsonResponse(sorted(CUSTOMERS), safe=False))
        except BaseException as otel_exception:
            otel_error = otel_exception
            raise
        finally:
            otel_attributes = _django_request_attributes(
                request, "customers/", 200, otel_result, otel_error
            )
            REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
            REQUEST_COUNT.add(1, otel_attributes)
