"""Every role × every API operation and every page × a record of one's own shop and of another
shop → the expected answer, from ONE table.

The operations come from the OpenAPI schema and the pages from the URL resolver: an endpoint or
page missing from the table fails ``test_the_table_covers_every_operation_and_page``.

A row: (method, route as the schema or resolver names it, concrete path, body, expected codes).
The path says ``@name`` for the id of a record of ``tests/reliability/scenario.py``; the same
row is tried on the other shop's record of that name. Expected codes are given in the order of
``ROLES`` (advisor technician supervisor manager quality cashier reporting); anonymous callers
get 401 from the API and a redirect to the log-in page from a page (unless the row's ``anon``
says otherwise). For another shop's record every role gets 404, like a missing record; a list
never shows it; a new record pointing at it is refused with 404 (or 400 where the row says).
Each request runs in a savepoint that is rolled back, so every row starts from the same state.

The table is the specification, written from DESIGN.md's roles ("Who uses it", the workflow, the
REST contract), not recorded from what the code answers: where the two disagree, the code is
the one to question.
"""

import copy
import re
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from . import scenario

ROLES = scenario.ROLES


@dataclass(frozen=True)
class Row:
    method: str
    route: str
    path: str
    codes: str
    body: dict | None = None
    anon: int | None = None
    other: str = "404"  # "404", "hidden:<name>" (a list), "400", "-" (no shop's record involved)
    multipart: bool = False
    extra: dict = field(default_factory=dict)


def api(method, route, path, codes, body=None, **kw):
    return Row(method, route, path, codes, body, **kw)


def page(method, route, path, codes, body=None, **kw):
    return Row(method, route, path, codes, body, **kw)


PNG = scenario.SIGNATURE

# fmt: off
TABLE = [
    # ---- the API ------------------------------------------------------------------------------
    api("POST", "/api/v1/auth/token/", "/api/v1/auth/token/", "400 400 400 400 400 400 400", {"username": "nobody", "password": "x"}, anon=400, other="-"),
    api("GET", "/api/v1/me/", "/api/v1/me/", "200 200 200 200 200 200 200", other="-"),
    # Every member reads the shop's business hours; only its manager edits them (a page).
    api("GET", "/api/v1/shops/{id}/", "/api/v1/shops/@shop/", "200 200 200 200 200 200 200"),
    api("PATCH", "/api/v1/me/", "/api/v1/me/", "200 200 200 200 200 200 200", {"language": "en"}, other="-"),
    api("GET", "/api/v1/auth/tokens/", "/api/v1/auth/tokens/", "200 200 200 200 200 200 200", other="-"),
    api("DELETE", "/api/v1/auth/tokens/{id}/", "/api/v1/auth/tokens/@api_token/", "204 204 204 204 204 204 204"),
    api("GET", "/api/v1/notifications/", "/api/v1/notifications/", "200 200 200 200 200 200 200", other="-"),
    api("POST", "/api/v1/notifications/{id}/read/", "/api/v1/notifications/@notification/read/", "200 200 200 200 200 200 200", {}),
    api("GET", "/api/v1/customers/", "/api/v1/customers/", "200 200 200 200 200 200 200", other="hidden:customer"),
    api("POST", "/api/v1/customers/", "/api/v1/customers/?shop=@shop", "201 403 201 201 403 403 403", {"name": "Ms Lin", "phone": "13911112222"}),
    api("GET", "/api/v1/customers/{id}/", "/api/v1/customers/@customer/", "200 200 200 200 200 200 200"),
    api("PATCH", "/api/v1/customers/{id}/", "/api/v1/customers/@customer/", "200 403 200 200 403 403 403", {"notes": "VIP"}),
    api("GET", "/api/v1/suppliers/", "/api/v1/suppliers/", "200 200 200 200 200 200 200", other="hidden:supplier"),
    api("POST", "/api/v1/suppliers/", "/api/v1/suppliers/?shop=@shop", "201 403 201 201 201 403 403", {"name": "Brake World"}),
    api("GET", "/api/v1/suppliers/{id}/", "/api/v1/suppliers/@supplier/", "200 200 200 200 200 200 200"),
    api("GET", "/api/v1/vehicles/", "/api/v1/vehicles/", "200 200 200 200 200 200 200", other="hidden:vehicle"),
    api("POST", "/api/v1/vehicles/", "/api/v1/vehicles/", "201 403 201 201 403 403 403", {"owner": "@customer", "vin": "LSVAB2BT700424242", "make": "BYD", "model": "Han"}),
    api("GET", "/api/v1/vehicles/{id}/", "/api/v1/vehicles/@vehicle/", "200 200 200 200 200 200 200"),
    api("PATCH", "/api/v1/vehicles/{id}/", "/api/v1/vehicles/@vehicle/", "200 403 200 200 403 403 403", {"color": "red"}),
    api("GET", "/api/v1/vehicles/{id}/history/", "/api/v1/vehicles/@vehicle/history/", "200 200 200 200 200 200 200"),
    api("POST", "/api/v1/vehicles/{id}/mileage/", "/api/v1/vehicles/@vehicle/mileage/", "200 200 200 200 403 403 403", {"km": 30000}),
    api("POST", "/api/v1/vehicles/{id}/owner/", "/api/v1/vehicles/@vehicle/owner/", "409 403 409 409 403 403 403", {"owner": "@customer"}),
    api("GET", "/api/v1/work-orders/", "/api/v1/work-orders/", "200 200 200 200 200 200 200", other="hidden:wo_open"),
    api("POST", "/api/v1/work-orders/", "/api/v1/work-orders/", "201 403 201 201 403 403 403", {"vehicle": "@vehicle", "concern": "Noise", "mileage_in": 30000}),
    api("GET", "/api/v1/work-orders/{id}/", "/api/v1/work-orders/@wo_open/", "200 200 200 200 200 200 200"),
    api("PATCH", "/api/v1/work-orders/{id}/", "/api/v1/work-orders/@wo_open/", "200 403 200 200 403 403 403", {"cause": "Worn pads", "version": "@wo_open_version"}),
    api("POST", "/api/v1/work-orders/{id}/lines/", "/api/v1/work-orders/@wo_open/lines/", "201 201 201 201 403 403 403", {"kind": "part", "description": "Pads", "unit_price": "300.00"}),
    api("PATCH", "/api/v1/work-orders/{id}/lines/{line_id}/", "/api/v1/work-orders/@wo_open/lines/@line/", "200 200 200 200 403 403 403", {"description": "Front pads"}),
    api("DELETE", "/api/v1/work-orders/{id}/lines/{line_id}/", "/api/v1/work-orders/@wo_open/lines/@line/", "200 200 200 200 403 403 403"),
    api("POST", "/api/v1/work-orders/{id}/authorize/", "/api/v1/work-orders/@wo_open/authorize/", "200 403 200 200 403 403 403", {"method": "phone", "authorized_by_name": "Mr Zhou"}),
    api("POST", "/api/v1/work-orders/{id}/start/", "/api/v1/work-orders/@wo_auth/start/", "200 200 200 200 403 403 403", {}),
    api("POST", "/api/v1/work-orders/{id}/ready/", "/api/v1/work-orders/@wo_prog/ready/", "200 200 200 200 403 403 403", {}),
    api("POST", "/api/v1/work-orders/{id}/deliver/", "/api/v1/work-orders/@wo_ready/deliver/", "200 403 200 200 403 403 403", {"mileage_out": 30000}),
    api("POST", "/api/v1/work-orders/{id}/cancel/", "/api/v1/work-orders/@wo_open/cancel/", "200 403 200 200 403 403 403", {"reason": "Customer left"}),
    api("POST", "/api/v1/work-orders/{id}/comeback-review/", "/api/v1/work-orders/@wo_open/comeback-review/", "409 403 409 409 403 403 403", {"related": True, "note": "Same noise"}),
    api("GET", "/api/v1/invoices/", "/api/v1/invoices/", "200 200 200 200 200 200 200", other="hidden:invoice"),
    api("GET", "/api/v1/invoices/{id}/", "/api/v1/invoices/@invoice/", "200 200 200 200 200 200 200"),
    api("GET", "/api/v1/inspections/", "/api/v1/inspections/", "200 200 200 200 200 200 200", other="hidden:inspection"),
    api("POST", "/api/v1/work-orders/{id}/customer-link/", "/api/v1/work-orders/@wo_prog/customer-link/", "201 403 201 201 403 403 403", {}),
    api("DELETE", "/api/v1/work-orders/{id}/customer-link/", "/api/v1/work-orders/@wo_prog/customer-link/", "204 403 204 204 403 403 403"),
    api("POST", "/api/v1/inspections/", "/api/v1/inspections/", "201 201 201 201 403 403 403", {"work_order": "@wo_auth"}),
    api("GET", "/api/v1/inspections/{id}/", "/api/v1/inspections/@inspection/", "200 200 200 200 200 200 200"),
    api("POST", "/api/v1/inspections/{id}/items/", "/api/v1/inspections/@inspection/items/", "201 201 201 201 403 403 403", {"name": "Wipers", "condition": "yellow", "recommended_job": "Replace", "price": "80.00"}),
    api("POST", "/api/v1/inspections/{id}/items/{item_id}/decision/", "/api/v1/inspections/@inspection/items/@item/decision/", "200 403 200 200 403 403 403", {"decision": "approved"}),
    api("POST", "/api/v1/inspections/{id}/items/{item_id}/photos/", "/api/v1/inspections/@inspection/items/@item/photos/", "201 201 201 201 403 403 403", {"image": "PNG"}, multipart=True),
    api("POST", "/api/v1/inspections/{id}/items/{item_id}/videos/", "/api/v1/inspections/@inspection/items/@item/videos/", "201 201 201 201 403 403 403", {"video": "MP4"}, multipart=True),
    # the shop's inspection checklists: every member reads them, the service manager keeps them
    api("GET", "/api/v1/inspection-templates/", "/api/v1/inspection-templates/", "200 200 200 200 200 200 200", other="hidden:inspection_template"),
    api("POST", "/api/v1/inspection-templates/", "/api/v1/inspection-templates/", "403 403 403 201 403 403 403", {"shop": "@shop", "name": "Winter check", "items": ["Antifreeze", "Tyres"]}),
    api("GET", "/api/v1/inspection-templates/{id}/", "/api/v1/inspection-templates/@inspection_template/", "200 200 200 200 200 200 200"),
    api("PUT", "/api/v1/inspection-templates/{id}/", "/api/v1/inspection-templates/@inspection_template/", "403 403 403 200 403 403 403", {"name": "Courtesy check", "items": ["Tyres", "Lights", "Wipers"], "active": True}),
    api("GET", "/api/v1/interactions/", "/api/v1/interactions/", "200 200 200 200 200 200 200", other="hidden:interaction"),
    api("POST", "/api/v1/interactions/", "/api/v1/interactions/", "201 403 201 201 403 403 403", {"shop": "@shop", "channel": "walk_in", "walk_in_name": "Mr Wu"}),
    api("GET", "/api/v1/interactions/{id}/", "/api/v1/interactions/@interaction/", "200 200 200 200 200 200 200"),
    api("PATCH", "/api/v1/interactions/{id}/", "/api/v1/interactions/@interaction/", "200 403 200 200 403 403 403", {"version": "@interaction_version", "walk_in_name": "Mr Wu"}),
    api("POST", "/api/v1/interactions/{id}/advance/", "/api/v1/interactions/@interaction/advance/", "200 403 200 200 403 403 403", {"stage": "know_need", "need_in_customer_words": "Brakes squeal"}),
    api("POST", "/api/v1/interactions/{id}/escalate/", "/api/v1/interactions/@interaction/escalate/", "201 403 201 201 403 403 403", {"reason": "Wants a discount"}),
    api("GET", "/api/v1/escalations/", "/api/v1/escalations/", "200 200 200 200 200 200 200", other="hidden:escalation"),
    api("POST", "/api/v1/escalations/{id}/respond/", "/api/v1/escalations/@escalation/respond/", "403 403 200 200 403 403 403", {"response": "Offered a loaner"}),
    api("GET", "/api/v1/communications/", "/api/v1/communications/", "200 200 200 200 200 200 200", other="hidden:communication"),
    api("GET", "/api/v1/inbox/", "/api/v1/inbox/", "200 200 200 200 200 200 200", other="hidden:inbound_message"),
    api("GET", "/api/v1/inbox/{id}/", "/api/v1/inbox/@inbound_message/", "200 200 200 200 200 200 200"),
    api("POST", "/api/v1/inbox/{id}/file/", "/api/v1/inbox/@inbound_message/file/", "200 403 200 200 200 403 403", {"customer": "@customer"}),
    api("POST", "/api/v1/communications/", "/api/v1/communications/", "201 403 201 201 201 403 403", {"customer": "@customer", "direction": "outbound", "channel": "phone", "kind": "resolution", "summary": "Called back"}, other="400"),
    api("GET", "/api/v1/canned-replies/", "/api/v1/canned-replies/", "200 200 200 200 200 200 200", other="hidden:canned_reply"),
    api("POST", "/api/v1/canned-replies/", "/api/v1/canned-replies/", "403 403 403 201 403 403 403", {"shop": "@shop", "title": "Pick-up", "text_en": "Dear {customer_name}, come by."}),
    api("GET", "/api/v1/canned-replies/{id}/", "/api/v1/canned-replies/@canned_reply/", "200 200 200 200 200 200 200"),
    api("PUT", "/api/v1/canned-replies/{id}/", "/api/v1/canned-replies/@canned_reply/", "403 403 403 200 403 403 403", {"title": "Car ready", "text_en": "Your car is ready, {customer_name}."}),
    api("PATCH", "/api/v1/canned-replies/{id}/", "/api/v1/canned-replies/@canned_reply/", "403 403 403 200 403 403 403", {"active": False}),
    api("GET", "/api/v1/canned-replies/{id}/render/", "/api/v1/canned-replies/@canned_reply/render/?customer=@customer", "200 200 200 200 200 200 200"),
    api("GET", "/api/v1/complaints/", "/api/v1/complaints/", "200 200 200 200 200 200 200", other="hidden:complaint"),
    api("POST", "/api/v1/complaints/", "/api/v1/complaints/", "201 403 201 201 403 403 403", {"shop": "@shop", "customer_words": "Brakes squeal", "channel": "phone"}),
    # Seed 003 §1: every employee reports an internal nonconformity (no customer, no channel).
    api("POST", "/api/v1/complaints/", "/api/v1/complaints/", "201 201 201 201 201 201 403", {"shop": "@shop", "customer_words": "Lift 2 leaks", "source": "internal"}),
    api("GET", "/api/v1/complaints/{id}/", "/api/v1/complaints/@complaint/", "200 200 200 200 200 200 200"),
    api("PATCH", "/api/v1/complaints/{id}/", "/api/v1/complaints/@complaint/", "200 403 200 200 403 403 403", {"version": "@complaint_version", "severity": "critical"}),
    api("PATCH", "/api/v1/complaints/{id}/", "/api/v1/complaints/@complaint/", "403 403 403 200 403 403 403", {"version": "@complaint_version", "nature": "Pads fitted dry"}),
    api("GET", "/api/v1/complaints/{id}/history/", "/api/v1/complaints/@complaint/history/", "200 200 200 200 200 200 200"),
    # The register, as the list page's export: every member, of their own shops only.
    api("GET", "/api/v1/complaints/register/", "/api/v1/complaints/register/?from=2020-01-01&to=2040-12-31&format=xlsx", "200 200 200 200 200 200 200", other="-"),
    api("GET", "/api/v1/complaints/{id}/report.pdf", "/api/v1/complaints/@complaint/report.pdf", "200 200 200 200 200 200 200"),
    api("POST", "/api/v1/complaints/{id}/transition/", "/api/v1/complaints/@complaint/transition/", "200 403 200 200 403 403 403", {"to": "investigating"}),
    # The clocks wait (issue 16): whoever works the complaint pauses and resumes them.
    api("POST", "/api/v1/complaints/{id}/pause/", "/api/v1/complaints/@complaint/pause/", "200 403 200 200 403 403 403", {"version": "@complaint_version", "reason": "waiting_for_parts"}),
    api("POST", "/api/v1/complaints/{id}/resume/", "/api/v1/complaints/@complaint/resume/", "409 403 409 409 403 403 403", {"version": "@complaint_version"}),
    api("POST", "/api/v1/complaints/{id}/remedies/", "/api/v1/complaints/@complaint_resolving/remedies/", "201 403 201 201 403 403 403", {"kind": "apology", "amount": "0", "description": "Sorry"}),
    api("POST", "/api/v1/remedies/{id}/approve/", "/api/v1/remedies/@remedy/approve/", "403 403 403 200 403 403 403", {"note": "ok"}),
    api("POST", "/api/v1/remedies/{id}/reject/", "/api/v1/remedies/@remedy/reject/", "403 403 403 200 403 403 403", {"note": "no"}),
    api("POST", "/api/v1/complaints/{id}/confirmation/", "/api/v1/complaints/@complaint_agreed/confirmation/", "200 403 200 200 403 403 403", {"signed_name": "Zhou Min", "signature": PNG}),
    api("POST", "/api/v1/complaints/{id}/corrective-actions/", "/api/v1/complaints/@complaint_corrective/corrective-actions/", "403 403 201 201 201 403 403", {"root_cause": "r", "corrective_action": "c", "preventive_action": "p", "department": "Workshop", "owner": "@owner", "due_date": "2030-01-01"}),
    api("POST", "/api/v1/corrective-actions/{id}/result/", "/api/v1/corrective-actions/@action/result/", "403 403 403 403 200 403 403", {"result": "Done"}),
    api("POST", "/api/v1/corrective-actions/{id}/verify/", "/api/v1/corrective-actions/@action_done/verify/", "403 403 403 200 403 403 403", {"effective": True, "note": "ok"}),
    api("POST", "/api/v1/complaints/{id}/supplier-deductions/", "/api/v1/complaints/@complaint_corrective/supplier-deductions/", "201 403 201 201 201 403 403", {"part": "Pads", "amount": "50", "improvement_request": "Check"}),
    api("GET", "/api/v1/supplier-deductions/", "/api/v1/supplier-deductions/", "200 200 200 200 200 200 200", other="hidden:deduction"),
    api("POST", "/api/v1/supplier-deductions/{id}/apply/", "/api/v1/supplier-deductions/@deduction/apply/", "403 403 403 403 403 200 403", {"reference": "S-1"}),
    # Who raises deductions (asks the supplier for an improvement) records the supplier's answer.
    api("POST", "/api/v1/supplier-deductions/{id}/answer/", "/api/v1/supplier-deductions/@deduction/answer/", "200 403 200 200 200 403 403", {"answer": "Batch withdrawn"}),
    api("GET", "/api/v1/customer-settlements/", "/api/v1/customer-settlements/", "403 403 200 200 403 200 200", other="hidden:settlement"),
    api("POST", "/api/v1/customer-settlements/{id}/settle/", "/api/v1/customer-settlements/@settlement/settle/", "403 403 403 403 403 200 403", {"reference": "POS-1"}),
    api("POST", "/api/v1/complaints/{id}/follow-ups/", "/api/v1/complaints/@complaint_follow/follow-ups/", "201 403 201 201 403 403 403", {"reached": True, "opinion": "satisfied", "comment": "Fine"}),
    api("POST", "/api/v1/interactions/{id}/work-order/", "/api/v1/interactions/@interaction/work-order/", "409 403 409 409 403 403 403", {"concern": "Brake noise"}),
    api("GET", "/api/v1/messages/", "/api/v1/messages/", "200 200 200 200 200 200 200", other="hidden:message"),
    api("POST", "/api/v1/messages/{id}/retry/", "/api/v1/messages/@message/retry/", "200 403 200 200 403 403 403", {}),
    api("GET", "/api/v1/reports/annual-satisfaction/{year}/", "/api/v1/reports/annual-satisfaction/@year/?shop=@shop", "403 403 403 404 404 403 404"),
    api("POST", "/api/v1/reports/annual-satisfaction/{year}/refresh/", "/api/v1/reports/annual-satisfaction/@year/refresh/?shop=@shop", "403 403 403 202 403 403 403", {}),
    # The quality figures and their drill-down: every reader (this year so far by default).
    api("GET", "/api/v1/reports/quality/", "/api/v1/reports/quality/?shop=@shop", "403 403 403 200 200 403 200"),
    api("GET", "/api/v1/reports/quality/complaints/", "/api/v1/reports/quality/complaints/?shop=@shop&by=category&key=none", "403 403 403 200 200 403 200"),
    api("GET", "/api/v1/reports/jobs/{id}/", "/api/v1/reports/jobs/@report_job/", "403 403 403 200 200 403 200"),
    # A group's dashboard is for the group's members only: a shop role opens none (404).
    api("GET", "/api/v1/reports/group/{group_id}/", "/api/v1/reports/group/@group/", "404 404 404 404 404 404 404"),
    # ---- the pages ----------------------------------------------------------------------------
    page("GET", "", "/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "start/", "/start/", "302 302 302 302 302 302 302", other="-"),
    page("POST", "on-duty/", "/on-duty/", "403 403 302 302 403 403 403", {"shop": "@shop", "on_duty": "on"}),
    page("GET", "notifications/", "/notifications/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "account/", "/account/", "200 200 200 200 200 200 200", other="-"),
    page("POST", "account/language/", "/account/language/", "302 302 302 302 302 302 302", {"language": "en"}, other="-"),
    page("POST", "account/tokens/<int:pk>/revoke/", "/account/tokens/@api_token/revoke/", "302 302 302 302 302 302 302", {}),
    page("POST", "notifications/<int:pk>/read/", "/notifications/@notification/read/", "302 302 302 302 302 302 302", {}),
    page("POST", "notifications/read-all/", "/notifications/read-all/", "302 302 302 302 302 302 302", {}, other="-"),
    page("GET", "customers/", "/customers/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "customers/new/", "/customers/new/", "200 403 200 200 403 403 403", other="-"),
    page("GET", "customers/<int:pk>/", "/customers/@customer/", "200 200 200 200 200 200 200"),
    page("GET", "customers/<int:pk>/edit/", "/customers/@customer/edit/", "200 403 200 200 403 403 403"),
    page("GET", "customers/<int:customer_pk>/vehicles/new/", "/customers/@customer/vehicles/new/", "200 403 200 200 403 403 403"),
    page("GET", "vehicles/<int:pk>/", "/vehicles/@vehicle/", "200 200 200 200 200 200 200"),
    page("GET", "vehicles/<int:pk>/edit/", "/vehicles/@vehicle/edit/", "200 403 200 200 403 403 403"),
    page("GET", "work-orders/", "/work-orders/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "work-orders/<int:pk>/", "/work-orders/@wo_open/", "200 200 200 200 200 200 200"),
    page("POST", "work-orders/<int:pk>/<str:step>/", "/work-orders/@wo_auth/start/", "302 302 302 302 403 403 403", {"version": "@wo_auth_version"}),
    page("POST", "work-orders/<int:pk>/lines/<int:line_pk>/remove/", "/work-orders/@wo_open/lines/@line/remove/", "302 302 302 302 403 403 403", {"version": "@wo_open_version"}),
    page("POST", "work-orders/<int:pk>/inspections/new/", "/work-orders/@wo_auth/inspections/new/", "302 302 302 302 403 403 403", {}),
    page("GET", "inspections/<int:pk>/", "/inspections/@inspection/", "200 200 200 200 200 200 200"),
    # the technician's tick on an item; a deferred item approved later at the counter
    page("POST", "inspections/<int:pk>/", "/inspections/@inspection/", "302 302 302 302 403 403 403", {"form": "tick", "item": "@item", "condition": "yellow", "notes": "Worn", "recommended_job": "Two tyres", "price": "900"}),
    page("POST", "inspections/<int:pk>/", "/inspections/@inspection/", "302 403 302 302 403 403 403", {"form": "decision", "item": "@item_deferred", "decision": "approved"}),
    # an inspection's files: for the staff of its shop, never by a media URL
    page("GET", "inspections/files/<str:kind>/<int:pk>/", "/inspections/files/photo/@photo/", "200 200 200 200 200 200 200"),
    page("GET", "inspections/files/<str:kind>/<int:pk>/", "/inspections/files/video/@video/", "200 200 200 200 200 200 200"),
    page("GET", "inspection-templates/", "/inspection-templates/", "200 200 200 200 200 200 200", other="-"),
    page("POST", "inspection-templates/", "/inspection-templates/", "403 403 403 302 403 403 403", {"name": "Winter check", "items": "Antifreeze\nTyres", "active": "on"}, other="-"),
    page("GET", "inspection-templates/<int:pk>/", "/inspection-templates/@inspection_template/", "403 403 403 200 403 403 403"),
    page("POST", "inspection-templates/<int:pk>/", "/inspection-templates/@inspection_template/", "403 403 403 302 403 403 403", {"name": "Courtesy check", "items": "Tyres\nLights\nWipers", "active": "on"}),
    page("GET", "invoices/<int:pk>/", "/invoices/@invoice/", "200 200 200 200 200 200 200"),
    page("GET", "invoices/<int:pk>/pdf/", "/invoices/@invoice/pdf/", "200 200 200 200 200 200 200"),
    page("GET", "desk/", "/desk/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "interactions/team/", "/interactions/team/", "403 403 200 200 403 403 403", other="-"),
    page("GET", "interactions/", "/interactions/", "200 200 200 200 200 200 200", other="-"),
    page("POST", "interactions/start/", "/interactions/start/", "302 403 302 302 403 403 403", {"channel": "walk_in"}, other="-"),
    page("GET", "interactions/new/", "/interactions/new/?channel=walk_in", "200 403 200 200 403 403 403", other="-"),
    page("GET", "interactions/<int:pk>/", "/interactions/@interaction/", "200 200 200 200 200 200 200"),
    page("POST", "interactions/<int:pk>/stage/", "/interactions/@interaction/stage/", "200 403 200 200 403 403 403", {"version": "@interaction_version", "wait_seconds": "30", "greet_notes": "Smiled"}),
    page("POST", "interactions/<int:pk>/close/", "/interactions/@interaction/close/", "302 403 302 302 403 403 403", {"version": "@interaction_version", "outcome": "answered"}),
    page("POST", "interactions/<int:pk>/escalate/", "/interactions/@interaction/escalate/", "302 403 302 302 403 403 403", {"kind": "unexpected_demand", "reason": "Wants a discount"}),
    page("POST", "interactions/<int:pk>/customer/", "/interactions/@interaction/customer/", "302 403 302 302 403 403 403", {"customer": "@customer", "version": "@interaction_version"}),
    page("POST", "interactions/<int:pk>/customer/new/", "/interactions/@interaction/customer/new/", "302 403 302 302 403 403 403", {"version": "@interaction_version", "new-name": "Mr Matrix", "new-phone": "13700009999"}),
    page("POST", "interactions/<int:pk>/learned/", "/interactions/@interaction/learned/", "302 403 302 302 302 403 403", {"main_concern": "time"}),
    page("GET", "interactions/escalations/", "/interactions/escalations/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "interactions/escalations/<int:pk>/", "/interactions/escalations/@escalation/", "200 200 200 200 200 200 200"),
    page("GET", "interactions/communications/", "/interactions/communications/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "interactions/communications/new/", "/interactions/communications/new/?customer=@customer", "200 200 200 200 200 200 200"),
    page("GET", "inbox/", "/inbox/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "inbox/<int:pk>/", "/inbox/@inbound_message/", "200 200 200 200 200 200 200"),
    page("POST", "inbox/<int:pk>/", "/inbox/@inbound_message/", "302 403 302 302 302 403 403", {"customer": "@customer"}),
    page("GET", "inbox/files/<int:pk>/", "/inbox/files/@inbound_file/", "200 200 200 200 200 200 200"),
    # Providers' webhooks: no login; without their signing secret configured, no endpoint.
    page("POST", "^inbound/email/mailgun/inbound(_mime)?/$", "/inbound/email/mailgun/inbound/", "404 404 404 404 404 404 404", {}, anon=404, other="-"),
    page("POST", "inbound/sms/", "/inbound/sms/", "404 404 404 404 404 404 404", {}, anon=404, other="-"),
    page("GET", "interactions/canned-replies/", "/interactions/canned-replies/", "200 200 200 200 200 200 200", other="-"),
    page("POST", "interactions/canned-replies/", "/interactions/canned-replies/", "403 403 403 302 403 403 403", {"title": "Pick-up", "text_zh": "{customer_name}您好", "active": "on"}, other="-"),
    page("GET", "interactions/canned-replies/<int:pk>/", "/interactions/canned-replies/@canned_reply/", "403 403 403 200 403 403 403"),
    page("POST", "interactions/canned-replies/<int:pk>/", "/interactions/canned-replies/@canned_reply/", "403 403 403 302 403 403 403", {"title": "Car ready", "text_en": "Ready, {customer_name}.", "active": "on"}),
    page("GET", "complaints/", "/complaints/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "complaints/new/", "/complaints/new/", "200 403 200 200 403 403 403", other="-"),
    page("GET", "complaints/report-a-problem/", "/complaints/report-a-problem/", "200 200 200 200 200 200 403", other="-"),
    page("POST", "complaints/report-a-problem/", "/complaints/report-a-problem/", "302 302 302 302 302 302 403", {"shop": "@shop", "customer_words": "Lift 2 leaks", "severity": "normal"}, other="-"),
    page("GET", "complaints/register.csv", "/complaints/register.csv?received_from=2020-01-01&received_to=2040-12-31", "200 200 200 200 200 200 200", other="-"),
    page("GET", "complaints/register.xlsx", "/complaints/register.xlsx?received_from=2020-01-01&received_to=2040-12-31", "200 200 200 200 200 200 200", other="-"),
    page("GET", "complaints/approvals/", "/complaints/approvals/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "complaints/actions/", "/complaints/actions/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "complaints/deductions/", "/complaints/deductions/", "200 200 200 200 200 200 200", other="-"),
    page("GET", "complaints/<int:pk>/", "/complaints/@complaint/", "200 200 200 200 200 200 200"),
    page("POST", "complaints/<int:pk>/edit/", "/complaints/@complaint/edit/", "302 403 302 302 403 403 403", {"version": "@complaint_version", "channel": "phone", "severity": "critical", "customer_words": "Brakes squeal"}),
    page("POST", "complaints/<int:pk>/transition/", "/complaints/@complaint/transition/", "302 403 302 302 403 403 403", {"to": "investigating"}),
    page("POST", "complaints/<int:pk>/pause/", "/complaints/@complaint/pause/", "302 403 302 302 403 403 403", {"version": "@complaint_version", "reason": "waiting_for_customer"}),
    page("POST", "complaints/<int:pk>/resume/", "/complaints/@complaint/resume/", "409 403 409 409 403 403 403", {"version": "@complaint_version"}),
    page("GET", "shops/<int:pk>/hours/", "/shops/@shop/hours/", "403 403 403 200 403 403 403"),
    page("POST", "shops/<int:pk>/hours/", "/shops/@shop/hours/", "403 403 403 302 403 403 403", {"opens_1": "08:30", "closes_1": "18:00", "holidays": ""}),
    page("POST", "complaints/<int:pk>/remedies/", "/complaints/@complaint_resolving/remedies/", "302 403 302 302 403 403 403", {"kind": "apology", "amount": "0", "description": "Sorry"}),
    page("GET", "complaints/<int:pk>/confirm/", "/complaints/@complaint_agreed/confirm/", "200 403 200 200 403 403 403"),
    page("POST", "complaints/<int:pk>/actions/", "/complaints/@complaint_corrective/actions/", "403 403 302 302 302 403 403", {"root_cause": "r", "corrective_action": "c", "preventive_action": "p", "department": "Workshop", "owner": "@owner", "due_date": "2030-01-01"}),
    page("POST", "complaints/<int:pk>/deductions/", "/complaints/@complaint_corrective/deductions/", "302 403 302 302 302 403 403", {"part": "Pads", "amount": "50", "improvement_request": "Check the batch"}),
    page("POST", "complaints/<int:pk>/follow-ups/", "/complaints/@complaint_follow/follow-ups/", "302 403 302 302 403 403 403", {"reached": "yes", "opinion": "satisfied", "comment": "Fine"}),
    page("POST", "complaints/<int:pk>/message/", "/complaints/@complaint/message/", "302 403 302 302 302 403 403", {"message-channel": "phone", "message-kind": "information", "message-summary": "We are on it"}),
    page("GET", "complaints/<int:pk>/signature.png", "/complaints/@complaint_signed/signature.png", "200 200 200 200 200 200 200"),
    page("GET", "complaints/<int:pk>/report/", "/complaints/@complaint/report/", "200 200 200 200 200 200 200"),
    page("GET", "complaints/<int:pk>/report.pdf", "/complaints/@complaint/report.pdf", "200 200 200 200 200 200 200"),
    page("POST", "complaints/remedies/<int:pk>/decide/", "/complaints/remedies/@remedy/decide/", "403 403 403 302 403 403 403", {"decision": "approve", "note": "ok"}),
    page("POST", "complaints/actions/<int:pk>/result/", "/complaints/actions/@action/result/", "403 403 403 403 302 403 403", {"result": "Done"}),
    page("POST", "complaints/actions/<int:pk>/verify/", "/complaints/actions/@action_done/verify/", "403 403 403 302 403 403 403", {"effective": "yes", "note": "ok"}),
    page("POST", "complaints/deductions/<int:pk>/apply/", "/complaints/deductions/@deduction/apply/", "403 403 403 403 403 302 403", {"reference": "S-1"}),
    page("POST", "complaints/deductions/<int:pk>/answer/", "/complaints/deductions/@deduction/answer/", "302 403 302 302 302 403 403", {"answer": "Batch withdrawn"}),
    page("GET", "complaints/settlements/", "/complaints/settlements/", "403 403 200 200 403 200 200", other="-"),
    page("POST", "complaints/settlements/<int:pk>/settle/", "/complaints/settlements/@settlement/settle/", "403 403 403 403 403 302 403", {"reference": "POS-1"}),
    page("POST", "interactions/<int:pk>/work-order/", "/interactions/@interaction/work-order/", "409 403 409 409 403 403 403", {"concern": "Brakes squeal", "version": "@interaction_version"}),
    page("GET", "outbox/failed/", "/outbox/failed/", "200 403 200 200 403 403 403", other="-"),
    page("POST", "outbox/<int:pk>/retry/", "/outbox/@message/retry/", "302 403 302 302 403 403 403", {}),
    page("GET", "pick/<slug:kind>/", "/pick/customers/?q=Customer", "200 200 200 200 200 200 200", other="-"),
    page("GET", "reports/", "/reports/", "403 403 403 200 200 403 200", other="-"),
    page("GET", "reports/panel/", "/reports/panel/", "200 200 200 200 200 200 200", other="-"),
    # The group dashboards: no shop role is in a group (403 for the list, 404 for a group).
    page("GET", "reports/group/", "/reports/group/", "403 403 403 403 403 403 403", other="-"),
    page("GET", "reports/group/<int:pk>/", "/reports/group/@group/", "404 404 404 404 404 404 404"),
    page("GET", "reports/group/<int:pk>/progress/", "/reports/group/@group/progress/", "404 404 404 404 404 404 404"),
    page("GET", "reports/group/<int:pk>/figures.csv", "/reports/group/@group/figures.csv", "404 404 404 404 404 404 404"),
    page("GET", "reports/group/<int:pk>/figures.xlsx", "/reports/group/@group/figures.xlsx", "404 404 404 404 404 404 404"),
    page("GET", "reports/annual-satisfaction/", "/reports/annual-satisfaction/", "403 403 403 302 302 403 302", other="-"),
    page("GET", "reports/annual-satisfaction/<int:year>/", "/reports/annual-satisfaction/@year/?shop=@shop", "403 403 403 200 200 403 200"),
    page("POST", "reports/annual-satisfaction/<int:year>/refresh/", "/reports/annual-satisfaction/@year/refresh/?shop=@shop", "403 403 403 302 403 403 403", {}),
    page("GET", "reports/annual-satisfaction/<int:year>/report.pdf", "/reports/annual-satisfaction/@year/report.pdf?shop=@shop", "403 403 403 404 404 403 404"),
    page("GET", "reports/quality/", "/reports/quality/?shop=@shop", "403 403 403 200 200 403 200"),
    # A reader computes the period again (a cached copy, not a stored snapshot).
    page("POST", "reports/quality/refresh/", "/reports/quality/refresh/?shop=@shop", "403 403 403 302 302 403 302", {}),
    page("GET", "reports/quality/complaints/", "/reports/quality/complaints/?shop=@shop&by=category&key=none", "403 403 403 200 200 403 200"),
    page("GET", "reports/quality/figures.csv", "/reports/quality/figures.csv?shop=@shop", "403 403 403 200 200 403 200"),
    page("GET", "reports/quality/figures.xlsx", "/reports/quality/figures.xlsx?shop=@shop", "403 403 403 200 200 403 200"),
    page("GET", "reports/quality/report.pdf", "/reports/quality/report.pdf?shop=@shop", "403 403 403 200 200 403 200"),
    page("GET", "reports/jobs/<int:pk>/progress/", "/reports/jobs/@report_job/progress/", "403 403 403 200 200 403 200"),
    page("GET", "s/<slug:token>/", "/s/@survey_token/", "200 200 200 200 200 200 200", anon=200, other="-"),
    page("GET", "surveys/<int:pk>/", "/surveys/@survey/", "200 200 200 200 200 200 200"),
    # the customer's link (issue 15): the token is the key; the front desk sends and revokes
    page("GET", "c/<str:token>/", "/c/@customer_link_token/", "200 200 200 200 200 200 200", anon=200, other="-"),
    page("GET", "c/<str:token>/inspection/", "/c/@open_link_token/inspection/", "200 200 200 200 200 200 200", anon=200, other="-"),
    page("POST", "c/<str:token>/inspection/", "/c/@open_link_token/inspection/", "302 302 302 302 302 302 302", {"decision-@item": "declined", "signed_name": "Zhou Min", "signature": PNG}, anon=302, other="-"),
    page("GET", "c/<str:token>/authorize/", "/c/@open_link_token/authorize/", "200 200 200 200 200 200 200", anon=200, other="-"),
    page("POST", "c/<str:token>/authorize/", "/c/@open_link_token/authorize/", "302 302 302 302 302 302 302", {"signed_name": "Zhou Min", "signature": PNG, "version": "@wo_open_version"}, anon=302, other="-"),
    page("GET", "c/<str:token>/files/<str:kind>/<int:pk>/", "/c/@open_link_token/files/photo/@photo/", "200 200 200 200 200 200 200", anon=200, other="-"),
    page("GET", "c/<str:token>/files/<str:kind>/<int:pk>/", "/c/@open_link_token/files/video/@video/", "200 200 200 200 200 200 200", anon=200, other="-"),
    # a live token does not open another visit's files
    page("GET", "c/<str:token>/files/<str:kind>/<int:pk>/", "/c/@customer_link_token/files/photo/@photo/", "404 404 404 404 404 404 404", anon=404, other="-"),
    page("POST", "work-orders/<int:pk>/customer-link/send/", "/work-orders/@wo_prog/customer-link/send/", "302 403 302 302 403 403 403", {}),
    page("POST", "customer-links/<int:pk>/revoke/", "/customer-links/@customer_link/revoke/", "302 403 302 302 403 403 403", {}),
    page("GET", "login/", "/login/", "302 302 302 302 302 302 302", anon=200, other="-"),
    page("POST", "logout/", "/logout/", "302 302 302 302 302 302 302", {}, anon=302, other="-"),
    page("POST", "i18n/setlang/", "/i18n/setlang/", "302 302 302 302 302 302 302", {"language": "en"}, anon=302, other="-"),
    page("GET", "healthz", "/healthz", "200 200 200 200 200 200 200", anon=200, other="-"),
    page("GET", "healthz/ready", "/healthz/ready", "200 200 200 200 200 200 200", anon=200, other="-"),
]
# fmt: on

NOT_IN_THE_MATRIX = ("admin/", "api/schema/", "api/docs/", "static/", "media/")


def _routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def discovered() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    for route in _routes():
        if route.startswith("api/") or route.startswith(NOT_IN_THE_MATRIX):
            continue
        found.add(("PAGE", route))
    return found


def test_the_table_covers_every_operation_and_page(db):
    covered = {
        (row.method if row.route.startswith("/api/") else "PAGE", row.route) for row in TABLE
    }
    missing = discovered() - covered
    stale = covered - discovered()
    assert not missing, f"add these to the permission matrix: {sorted(missing)}"
    assert not stale, f"these rows name nothing the site serves: {sorted(stale)}"


def _fill(value, ids: dict, role: str):
    if isinstance(value, str):

        def one(match):
            name = match.group(1)
            if name in ("notification", "api_token"):  # each person's own
                name = f"{name}:{role}"
            if name == "owner":
                return str(ids["quality_user"])
            return str(ids[name])

        filled = re.sub(r"@([a-z_]+)", one, value)
        if re.fullmatch(r"-?\d+", filled) and value.startswith("@"):
            return int(filled)
        return filled
    if isinstance(value, dict):  # keys too: a form names a field by a record ("decision-@item")
        return {_fill(k, ids, role): _fill(v, ids, role) for k, v in value.items()}
    return value


UPLOADS = {"PNG": scenario.png_upload, "MP4": scenario.mp4_upload}


def _call(row: Row, ids: dict, user, role: str) -> int:
    is_api = row.route.startswith("/api/")
    path = _fill(row.path, ids, role)
    body = _fill(row.body, ids, role) if row.body is not None else None
    if is_api:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user=user)
        if row.multipart:
            files = {name: UPLOADS[kind]() for name, kind in row.body.items()}
            response = client.post(path, files, format="multipart")
        else:
            kwargs = {"format": "json"} if body is not None else {}
            response = getattr(client, row.method.lower())(path, body, **kwargs)
    else:
        client = _browser(user)
        saved = client.cookies
        client.cookies = copy.copy(saved)  # a log-out or language switch stays in this call
        response = getattr(client, row.method.lower())(path, body or {})
        client.cookies = saved
    return response.status_code, response


_browsers: dict = {}


def _browser(user) -> Client:
    """One logged-in browser per user, logged in once (outside the rolled-back savepoints)."""
    key = user.pk if user is not None else None
    if key not in _browsers:
        client = Client()
        if user is not None:
            client.force_login(user)
        _browsers[key] = client
    return _browsers[key]


def _attempt(row, ids, user, role):
    with transaction.atomic():
        status, response = _call(row, ids, user, role)
        transaction.set_rollback(True)
    return status, response


@pytest.fixture
def world(shop, other_shop):
    mine = scenario.people(shop, "n")
    theirs = scenario.people(other_shop, "s")
    own = scenario.build(shop, mine)
    other = scenario.build(other_shop, theirs)
    own["quality_user"] = mine["quality"].pk
    other["quality_user"] = theirs["quality"].pk
    return mine, own, other


@pytest.fixture
def cheap_pdf(monkeypatch):
    """The PDFs' templates render as usual; the typesetting (weasyprint, ~1 s a page) is
    skipped: it is not what this test is about, and the PDF tests print real ones."""
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **kw: b"%PDF-1.7 matrix")


def test_every_role_gets_the_expected_answer(world, cheap_pdf):
    people, own, other = world
    users = {role: get_user_model().objects.get(pk=people[role].pk) for role in ROLES}
    _browsers.clear()
    for user in [*users.values(), None]:
        _browser(user)
    wrong = []
    for row in TABLE:
        got = []
        for role in ROLES:
            status, response = _attempt(row, own, users[role], role)
            got.append(str(status))
        expected = row.codes.split()
        if got != expected:
            wrong.append(
                f"{row.method} {row.path}: expected {' '.join(expected)}, got {' '.join(got)}"
            )
        anon_expected = row.anon or (401 if row.route.startswith("/api/") else 302)
        status, response = _attempt(row, own, None, "advisor")
        if status != anon_expected:
            wrong.append(
                f"{row.method} {row.path} anonymous: expected {anon_expected}, got {status}"
            )
        if row.other == "-":
            continue
        # Another shop's record: tried by the first role that may act on its own shop's.
        for role, code in zip(ROLES, expected, strict=True):
            if code in ("403", "404", "405"):
                continue
            status, response = _attempt(row, other, users[role], role)
            if row.other.startswith("hidden:"):
                body = response.json() if status == 200 else {}
                shown = {r.get("id") for r in body.get("results", [])}
                theirs = other[row.other.split(":")[1]]
                if status != 200 or theirs in shown:
                    wrong.append(f"{row.method} {row.path} as {role} shows another shop's records")
            elif str(status) != row.other:
                wrong.append(
                    f"{row.method} {row.path} other shop as {role}: expected {row.other}, got {status}"
                )
            break
    assert not wrong, "\n".join(wrong)


def test_a_write_the_role_may_never_make_is_refused_before_the_body_is_read(world):
    """Issue 13.7: a role refused a write answers 403 whatever it sends; validating its body
    first (a 400 naming the fields) would tell it what to send, and is work for nothing."""
    people, own, _other = world
    users = {role: get_user_model().objects.get(pk=people[role].pk) for role in ROLES}
    wrong = []
    # A role refused only some bodies of an operation (an advisor may edit a complaint, not set
    # its nature) may make that operation: its refusal comes after the body, rightly.
    sometimes = {
        (row.method, row.route, role)
        for row in TABLE
        for role, code in zip(ROLES, row.codes.split(), strict=True)
        if code != "403"
    }
    for row in TABLE:
        if not row.route.startswith("/api/") or row.method == "GET" or row.other == "-":
            continue
        for role, code in zip(ROLES, row.codes.split(), strict=True):
            if code != "403" or (row.method, row.route, role) in sometimes:
                continue
            empty = Row(row.method, row.route, row.path, row.codes, {} if row.body else None)
            status, _response = _attempt(empty, own, users[role], role)
            if status != 403:
                wrong.append(f"{row.method} {row.path} as {role} with an empty body: {status}")
    assert not wrong, "\n".join(wrong)
