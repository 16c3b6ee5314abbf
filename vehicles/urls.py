"""Browser pages of the vehicles app."""

from django.urls import path

from . import views

app_name = "vehicles"
urlpatterns = [
    path("customers/", views.customer_list, name="customer-list"),
    path("customers/new/", views.customer_create, name="customer-create"),
    path("customers/<int:pk>/", views.customer_detail, name="customer-detail"),
    path("customers/<int:pk>/edit/", views.customer_edit, name="customer-edit"),
    path("customers/<int:customer_pk>/vehicles/new/", views.vehicle_create, name="vehicle-create"),
    path("vehicles/<int:pk>/", views.vehicle_detail, name="vehicle-detail"),
    path("vehicles/<int:pk>/edit/", views.vehicle_edit, name="vehicle-edit"),
    path("work-orders/", views.work_order_board, name="work-order-board"),
    path("work-orders/<int:pk>/", views.work_order_detail, name="work-order-detail"),
    path("work-orders/<int:pk>/<str:step>/", views.work_order_step, name="work-order-step"),
    path(
        "work-orders/<int:pk>/lines/<int:line_pk>/remove/",
        views.work_order_line_remove,
        name="work-order-line-remove",
    ),
    path(
        "work-orders/<int:pk>/inspections/new/",
        views.inspection_create,
        name="inspection-create",
    ),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection-detail"),
    path(
        "inspections/files/<str:kind>/<int:pk>/",
        views.inspection_file,
        name="inspection-file",
    ),
    path("inspection-templates/", views.inspection_templates, name="inspection-templates"),
    path(
        "inspection-templates/<int:pk>/",
        views.inspection_template_edit,
        name="inspection-template-edit",
    ),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice-detail"),
    path("invoices/<int:pk>/pdf/", views.invoice_pdf, name="invoice-pdf"),
]
