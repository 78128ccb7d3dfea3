"""Order views: plain Django function views, registered in urls.py."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_POST

ORDERS = {7: {"id": 7, "status": "open", "owner": "ana"}}


def orders(request):
    if request.method == "POST":
        order = json.loads(request.body)
        ORDERS[order["id"]] = order
        return JsonResponse(order, status=201)
    return JsonResponse(sorted(ORDERS), safe=False)


def order_detail(request, order_id):
    order = ORDERS.get(order_id)
    if order is None:
        raise Http404("no such order")
    return JsonResponse(order)


@require_POST
def cancel_order(request, order_id):
    order = ORDERS[order_id]
    if order["owner"] != request.headers.get("X-User"):
        raise PermissionDenied
    order["status"] = "cancelled"
    return JsonResponse(order, status=202)


async def order_count(request):
    """How many orders there are."""
    return JsonResponse({"count": len(ORDERS)})
