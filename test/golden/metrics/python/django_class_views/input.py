import json

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponse, JsonResponse
from django.views import View

CUSTOMERS = {3: {"id": 3, "tier": "gold"}}


class CustomerView(View):
    """One customer."""

    def get(self, request, customer_id):
        customer = CUSTOMERS.get(customer_id)
        if customer is None:
            raise Http404
        return JsonResponse(customer)

    def put(self, request, customer_id):
        payload = json.loads(request.body)
        if "tier" not in payload:
            raise SuspiciousOperation("a tier is required")
        customer = CUSTOMERS[customer_id]
        customer["tier"] = payload["tier"]
        return JsonResponse(customer)

    def delete(self, *args, **kwargs):
        del CUSTOMERS[kwargs["customer_id"]]
        return HttpResponse(status=204)

    def _lookup(self, customer_id):
        return CUSTOMERS[customer_id]


class CustomerList(View):
    async def get(self, request):
        return JsonResponse(sorted(CUSTOMERS), safe=False)
