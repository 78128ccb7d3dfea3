from rest_framework import viewsets
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

ORDERS = {"7": {"id": "7", "status": "open"}}


@api_view(["GET"])
def health(request):
    return Response({"status": "ok"})


class OrderApi(APIView):
    def get(self, request, pk):
        if pk not in ORDERS:
            raise NotFound("no such order")
        return Response(ORDERS[pk])


class OrderViewSet(viewsets.ViewSet):
    def list(self, request):
        return Response(sorted(ORDERS))

    def retrieve(self, request, pk=None):
        return Response(ORDERS[pk])

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        ORDERS[pk]["status"] = "closed"
        return Response(ORDERS[pk], status=202)
