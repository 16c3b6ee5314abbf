"""Complaints on the customer's and the vehicle's timelines (registered in ready())."""

from django.urls import reverse
from django.utils.translation import gettext as _

from vehicles import timeline
from vehicles.models import Customer, Vehicle

from .models import Complaint, State

_TONES = {State.CLOSED: "success", State.RECEIVED: "danger", State.INVESTIGATING: "warning"}


def _entry(complaint: Complaint) -> timeline.Entry:
    return timeline.Entry(
        when=complaint.received_at,
        kind="complaint",
        title=_("Complaint %(number)s") % {"number": complaint.number},
        detail=complaint.customer_words[:200],
        url=reverse("complaints:detail", args=[complaint.pk]),
        badge=str(complaint.get_state_display()),
        tone=_TONES.get(complaint.state, "warning"),
    )


def provider(subject, *, user) -> list[timeline.Entry]:
    """One query, whatever the number of complaints; the subject is already the user's."""
    if isinstance(subject, Vehicle):
        complaints = Complaint.objects.filter(vehicle=subject)
    elif isinstance(subject, Customer):
        complaints = Complaint.objects.filter(customer=subject)
    else:
        return []
    return [
        _entry(c) for c in complaints.only("pk", "number", "received_at", "customer_words", "state")
    ]
