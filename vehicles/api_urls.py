"""REST endpoints of the vehicles app, mounted under /api/v1/."""

from rest_framework.routers import SimpleRouter

from . import apis

router = SimpleRouter()
router.register("customers", apis.CustomerViewSet, basename="api-customer")
router.register("vehicles", apis.VehicleViewSet, basename="api-vehicle")
router.register("work-orders", apis.WorkOrderViewSet, basename="api-work-order")
router.register("inspections", apis.InspectionViewSet, basename="api-inspection")
router.register(
    "inspection-templates", apis.InspectionTemplateViewSet, basename="api-inspection-template"
)
router.register("invoices", apis.InvoiceViewSet, basename="api-invoice")
router.register("suppliers", apis.SupplierViewSet, basename="api-supplier")

urlpatterns = router.urls
