"""Stable messages of the vehicles services (shown in forms and returned by the API)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from servicedesk.errors import Invalid

DUPLICATE_PHONE = _("A customer with this phone number already exists: %(name)s.")
DUPLICATE_EMAIL = _("A customer with this email already exists: %(name)s.")
NAME_REQUIRED = _("Enter the customer's name.")
CONTACT_REQUIRED = _("Enter a phone number or an email address.")
OWNER_OTHER_SHOP = _("The owner must be a customer of the same shop.")
DUPLICATE_SUPPLIER = _("A supplier with this name is already on file.")
DUPLICATE_VIN = _("A vehicle with this VIN is already on file: %(vehicle)s.")
MILEAGE_BACKWARDS = _(
    "The mileage %(km)s km is lower than the last reading (%(last)s km): give a reason to record "
    "it anyway."
)
SAME_OWNER = _("This customer already owns the vehicle.")
VERSION_REQUIRED = _("Send the version of the work order you read.")
STALE_COPY = _("Someone else changed this work order meanwhile: reload it and try again.")
WRONG_STATUS = _("The work order is %(status)s: %(action)s is not possible now.")
NO_LINES = _("The work order has no lines to authorize.")
NOTHING_TO_AUTHORIZE = _("Every line is already authorized.")
UNAUTHORIZED_LINES = _(
    "The customer has not authorized every line (%(lines)s): record a new authorization first."
)
COMEBACK_NOT_REVIEWED = _(
    "This order is flagged as a possible comeback of %(number)s: review the earlier work before "
    "the customer authorizes."
)
CANCEL_REASON_REQUIRED = _("Give the reason for cancelling.")
MILEAGE_OUT_REQUIRED = _("Record the mileage at delivery.")
MILEAGE_OUT_LOWER = _("The mileage out cannot be lower than the mileage in (%(km)s km).")
LINE_DISCOUNT_TOO_HIGH = _("The discount cannot exceed the line's amount.")
LINE_LOCKED = _("Lines cannot change once the work order is %(status)s.")
LINE_AUTHORIZED_IN_PROGRESS = _(
    "This line was authorized and work has started: it cannot be removed now."
)
SUPPLIER_OTHER_SHOP = _("Choose a supplier of this shop.")
TECHNICIAN_OTHER_SHOP = _("Choose a technician of this shop.")
NOT_A_COMEBACK = _("This work order is not flagged as a comeback.")
PHOTO_TOO_LARGE = _("The photo is larger than %(mb)s MB.")
PHOTO_NOT_IMAGE = _("The file is not a JPEG, PNG or WebP image.")
PHOTO_REQUIRED = _("Choose a photo to upload.")
DECISION_REQUIRED = _("Choose approve, decline or defer.")
ALREADY_DECIDED = _("The customer has already decided on this item (%(decision)s).")
NO_RECOMMENDATION = _("There is no recommended job with a price to approve on this item.")
INSPECTION_EXISTS = _(
    "This work order already has its courtesy inspection: open it and add the items there."
)
INSPECTION_CLOSED = _("The work order is %(status)s: the inspection can no longer change.")
NEGATIVE_ESTIMATE = _("The estimate cannot be negative.")
VIDEO_TOO_LARGE = _("The video is larger than %(mb)s MB.")
VIDEO_NOT_VIDEO = _("The file is not an MP4, MOV or WebM video.")
VIDEO_REQUIRED = _("Choose a video to upload.")
ONLY_APPROVE_DEFERRED = _(
    "This item was deferred: it can now only be approved (it is %(decision)s)."
)
CUSTOMER_NAME_REQUIRED = _("Type your name as you sign.")
DECIDE_SOMETHING = _("Choose approve, decline or defer for at least one item.")
LINK_IS_CUSTOMERS = _("Only the customer authorizes on the link: choose how they authorized.")
TEMPLATE_NAME_REQUIRED = _("Name the checklist.")
TEMPLATE_ITEMS_REQUIRED = _("List at least one item to check.")
TEMPLATE_NAME_TAKEN = _("The shop already has a checklist with this name.")
TEMPLATE_NOT_IN_USE = _("This checklist is not in use: choose another.")
CONDITION_REQUIRED = _("Tick green, yellow or red for this item first.")


class DuplicateCustomer(Invalid):
    """A phone or email already on file in the shop: says who, so the page can link to them."""

    code = "duplicate"

    def __init__(self, message, *, field: str, existing):
        super().__init__(message, field=field)
        self.existing = existing

    def as_data(self) -> dict:
        return {
            self.field: [str(self.message)],
            "existing_customer": self.existing.pk,
            "existing_customer_url": reverse("vehicles:customer-detail", args=[self.existing.pk]),
        }
