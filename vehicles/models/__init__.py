"""The shop's memory of every customer, car and visit: a module per aggregate, every model
importable from ``vehicles.models`` as before (app label, tables and migrations unchanged)."""

from .customers import Channel, Customer, CustomerType, MainConcern
from .inspections import (
    Condition,
    DecidedVia,
    Decision,
    Inspection,
    InspectionItem,
    InspectionPhoto,
    InspectionStatus,
    InspectionTemplate,
    InspectionTemplateItem,
    InspectionVideo,
)
from .invoices import Invoice
from .suppliers import Supplier
from .vehicles import MAX_KM, MileageReading, Vehicle, VehicleOwnership
from .work_orders import (
    COUNTER_METHODS,
    AuthorizationMethod,
    ComebackReview,
    LineKind,
    WorkOrder,
    WorkOrderAuthorization,
    WorkOrderEvent,
    WorkOrderLine,
    WorkOrderStatus,
)

__all__ = [
    "MAX_KM",
    "COUNTER_METHODS",
    "AuthorizationMethod",
    "Channel",
    "ComebackReview",
    "Condition",
    "Customer",
    "CustomerType",
    "Decision",
    "Inspection",
    "InspectionItem",
    "InspectionPhoto",
    "InspectionStatus",
    "InspectionTemplate",
    "InspectionTemplateItem",
    "InspectionVideo",
    "DecidedVia",
    "Invoice",
    "LineKind",
    "MainConcern",
    "MileageReading",
    "Supplier",
    "Vehicle",
    "VehicleOwnership",
    "WorkOrder",
    "WorkOrderAuthorization",
    "WorkOrderEvent",
    "WorkOrderLine",
    "WorkOrderStatus",
]
