"""Who may change what in the vehicles app: one rule per kind of write, checked by the services
(so the page, the API and any job answer alike). Every member of the shop may read.

- the front desk (advisors, duty supervisors, service managers) keeps customers and vehicles and
  runs the work order: opens, edits, records the customer's authorization and decisions,
  delivers, cancels, reviews comebacks;
- the workshop (the front desk and technicians) works the lines, starts the job and marks it
  ready, records mileage and the courtesy inspection's findings and photos;
- suppliers are kept by the front desk and the heads of department (who follow up their parts);
- cashiers and reporting clients only read here.
"""

from servicedesk.accounts.models import Role
from servicedesk.permissions import Table

FRONT_DESK = (Role.ADVISOR, Role.SUPERVISOR, Role.MANAGER)
WORKSHOP = (*FRONT_DESK, Role.TECHNICIAN)
SUPPLIER_KEEPERS = (*FRONT_DESK, Role.QUALITY)

ROLES_FOR = {
    "customer": FRONT_DESK,
    "vehicle": FRONT_DESK,
    "mileage": WORKSHOP,
    "supplier": SUPPLIER_KEEPERS,
    # work-order actions, as named in vehicles.services.work_orders.ACTIONS
    "open": FRONT_DESK,
    "update": FRONT_DESK,
    "comeback": FRONT_DESK,
    "authorize": FRONT_DESK,
    "deliver": FRONT_DESK,
    "cancel": FRONT_DESK,
    "lines": WORKSHOP,
    "start": WORKSHOP,
    "ready": WORKSHOP,
    "inspect": WORKSHOP,
    "decide": FRONT_DESK,
    # the shop's inspection checklists: its service manager keeps them
    "templates": (Role.MANAGER,),
    # the customers and the work-order board in the navigation
    "browse": (*WORKSHOP, Role.CASHIER, Role.QUALITY),
}


_TABLE = Table(ROLES_FOR)
require = _TABLE.require
may = _TABLE.may
shops = _TABLE.shops
