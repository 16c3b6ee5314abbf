"""The portal's refusals, one constant each: services raise them, tests assert them."""

from django.utils.translation import gettext_lazy as _

WORK_ORDER_CANCELLED = _("The work order is cancelled: there is no visit to follow.")
LINK_REVOKED = _("The link was revoked: create a new one.")
LINK_EXPIRED = _("The link has expired: create a new one.")
NO_ADDRESS = _("The customer has no email address or mobile number to send the link to.")
NO_ADDRESS_ON_CHANNEL = _("The customer has no address on the channel chosen.")
MESSAGE_EMPTY = _("Write a message.")
MESSAGE_TOO_LONG = _("The message is too long: please keep it under 2,000 characters.")
