import os
import time

from opentelemetry import metrics
from rest_framework import viewsets
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

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


ORDERS = {"7": {"id": "7", "status": "open"}}


@api_view(["GET"])
def health(request):
    otel_started = time.perf_counter()
    otel_result: object = None
    otel_error: "BaseException | None" = None
    try:
        return (otel_result := Response({"status": "ok"}))
    except BaseException as otel_exception:
        otel_error = otel_exception
        raise
    finally:
        otel_attributes = _django_request_attributes(
            request, "health", 200, otel_result, otel_error
        )
        REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
        REQUEST_COUNT.add(1, otel_attributes)


class OrderApi(APIView):
    def get(self, request, pk):
        otel_started = time.perf_counter()
        otel_result: object = None
        otel_error: "BaseException | None" = None
        try:
            if pk not in ORDERS:
                raise NotFound("no such order")
            return (otel_result := Response(ORDERS[pk]))
        except BaseException as otel_exception:
            otel_error = otel_exception
            raise
        finally:
            otel_attributes = _django_request_attributes(
                request, "OrderApi.get", 200, otel_result, otel_error
            )
            REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
            REQUEST_COUNT.add(1, otel_attributes)


class OrderViewSet(viewsets.ViewSet):
    def list(self, request):
        otel_started = time.perf_counter()
        otel_result: object = None
        otel_error: "BaseException | None" = None
        try:
            return (otel_result := Response(sorted(ORDERS)))
        except BaseException as otel_exception:
            otel_error = otel_exception
            raise
        finally:
            otel_attributes = _django_request_attributes(
                request, "OrderViewSet.list", 200, otel_result, otel_error
            )
            REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
            REQUEST_COUNT.add(1, otel_attributes)

    def retrieve(self, request, pk=None):
        otel_started = time.perf_counter()
        otel_result: object = None
        otel_error: "BaseException | None" = None
        try:
            return (otel_result := Response(ORDERS[pk]))
        except BaseException as otel_exception:
            otel_error = otel_exception
            raise
        finally:
            otel_attributes = _django_request_attributes(
                request, "OrderViewSet.retrieve", 200, otel_result, otel_error
            )
            REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
            REQUEST_COUNT.add(1, otel_attributes)

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        otel_started = time.perf_counter()
        otel_result: object = None
        otel_error: "BaseException | None" = None
        try:
            ORDERS[pk]["status"] = "closed"
            return (otel_result := Response(ORDERS[pk], status=202))
        except BaseException as otel_exception:
            otel_error = otel_exception
            raise
        finally:
            otel_attributes = _django_request_attributes(
                request, "OrderViewSet.close", 200, otel_result, otel_error
            )
            REQUEST_DURATION.record(time.perf_counter() - otel_started, otel_attributes)
            REQUEST_COUNT.add(1, otel_attributes)
