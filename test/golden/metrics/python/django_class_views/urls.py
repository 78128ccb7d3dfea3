from django.urls import path

from . import views

urlpatterns = [
    path("customers/", views.CustomerList.as_view()),
    path("customers/<int:customer_id>/", views.CustomerView.as_view(), name="customer"),
]
