"""REST endpoints: customers, vehicles (+ history), work orders (+ lines and steps),
inspections (+ items, photos, decisions), suppliers. Thin: parse, call a service or selector,
answer. Domain errors become 400/404/409 in servicedesk.errors.api_exception_handler."""

from .customers import CustomerViewSet, SupplierViewSet
from .inspections import InspectionTemplateViewSet, InspectionViewSet
from .vehicles import VehicleViewSet
from .work_orders import InvoiceViewSet, WorkOrderViewSet

__all__ = [
    "CustomerViewSet",
    "InspectionTemplateViewSet",
    "InspectionViewSet",
    "InvoiceViewSet",
    "SupplierViewSet",
    "VehicleViewSet",
    "WorkOrderViewSet",
]
