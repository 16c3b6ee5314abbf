"""Browser pages for the counter tablet and the workshop. Thin: a form, one service or selector."""

from .customers import customer_create, customer_detail, customer_edit, customer_list
from .inspections import (
    inspection_create,
    inspection_detail,
    inspection_file,
    inspection_template_edit,
    inspection_templates,
)
from .invoices import invoice_detail, invoice_pdf
from .vehicles import vehicle_create, vehicle_detail, vehicle_edit
from .work_orders import (
    work_order_board,
    work_order_detail,
    work_order_line_remove,
    work_order_step,
)

__all__ = [
    "customer_create",
    "customer_detail",
    "customer_edit",
    "customer_list",
    "inspection_create",
    "inspection_detail",
    "inspection_file",
    "inspection_template_edit",
    "inspection_templates",
    "invoice_detail",
    "invoice_pdf",
    "vehicle_create",
    "vehicle_detail",
    "vehicle_edit",
    "work_order_board",
    "work_order_detail",
    "work_order_line_remove",
    "work_order_step",
]
