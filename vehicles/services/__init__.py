"""Writes of the vehicles app. Each service is one transaction; state changes lock the row."""

from .customers import customer_create, customer_update, normalize_phone
from .inspection_templates import inspection_template_create, inspection_template_update
from .inspections import (
    inspection_create,
    inspection_decide_on_link,
    inspection_item_actions,
    inspection_item_add,
    inspection_item_decide,
    inspection_item_update,
    inspection_photo_add,
    inspection_video_add,
)
from .lines import work_order_line_add, work_order_line_remove, work_order_line_update
from .suppliers import supplier_create
from .vehicles import vehicle_change_owner, vehicle_create, vehicle_record_mileage, vehicle_update
from .warranty import vehicle_warranty_covers
from .work_orders import (
    work_order_actions,
    work_order_authorize,
    work_order_cancel,
    work_order_deliver,
    work_order_open,
    work_order_ready,
    work_order_review_comeback,
    work_order_start,
    work_order_update,
)

__all__ = [
    "customer_create",
    "customer_update",
    "inspection_create",
    "inspection_item_actions",
    "inspection_item_add",
    "inspection_item_decide",
    "inspection_item_update",
    "inspection_photo_add",
    "inspection_decide_on_link",
    "inspection_template_create",
    "inspection_template_update",
    "inspection_video_add",
    "normalize_phone",
    "supplier_create",
    "vehicle_change_owner",
    "vehicle_create",
    "vehicle_record_mileage",
    "vehicle_update",
    "vehicle_warranty_covers",
    "work_order_actions",
    "work_order_authorize",
    "work_order_cancel",
    "work_order_deliver",
    "work_order_line_add",
    "work_order_line_remove",
    "work_order_line_update",
    "work_order_open",
    "work_order_ready",
    "work_order_review_comeback",
    "work_order_start",
    "work_order_update",
]
