from django.urls import path

from . import views

urlpatterns = [
    path("orders/", views.orders, name="orders"),
    path("orders/count/", views.order_count),
    path("orders/<int:order_id>/", views.order_detail, name="order-detail"),
    path("orders/<int:order_id>/cancel/", views.cancel_order),
]
