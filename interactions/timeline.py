"""Interactions and communications on the customer's and the vehicle's timelines.

Registered with ``vehicles.timeline`` in ``InteractionsConfig.ready()``; two queries per call,
whatever the number of rows."""

from django.urls import reverse
from django.utils.translation import gettext as _

from servicedesk.outbox.models import OutboundMessage
from vehicles import timeline
from vehicles.models import Customer, Vehicle

from .models import CommunicationLog, Interaction


def _interaction_entry(interaction: Interaction) -> timeline.Entry:
    if interaction.outcome:
        state = interaction.get_outcome_display()
    else:
        state = interaction.get_stage_display()
    return timeline.Entry(
        when=interaction.greet_at,
        kind="interaction",
        # The state is the entry's badge: said once, not again in the title.
        title=_("%(channel)s with %(advisor)s")
        % {
            "channel": interaction.get_channel_display(),
            "advisor": interaction.advisor.get_full_name() or interaction.advisor.username,
        },
        url=reverse("interactions:detail", args=[interaction.pk]),
        badge=str(state),
        tone="success" if interaction.outcome else "info",
    )


def _communication_entry(entry: CommunicationLog) -> timeline.Entry:
    return timeline.Entry(
        when=entry.at,
        kind="communication",
        title=f"{entry.get_kind_display()} · {entry.get_channel_display()}",
        detail=entry.summary[:200],
        url=f"{reverse('interactions:communications')}?customer={entry.customer_id}",
        badge=str(entry.get_direction_display()),
    )


def _message_entry(message: OutboundMessage) -> timeline.Entry:
    """A message the system sent the customer (the link to their visit, a survey link, a
    reminder): the outbox is the one place they are all written, so the log reads it."""
    return timeline.Entry(
        when=message.sent_at or message.created_at,
        kind="message",
        title=f"{message.get_kind_display()} · {message.get_channel_display()}",
        detail=(message.subject or message.body)[:200],
        badge=str(message.get_status_display()),
        tone={"sent": "success", "failed": "danger"}.get(message.status, "secondary"),
    )


def customer_messages(**about) -> list[OutboundMessage]:
    """The messages to a customer (``customer_ref=``) or about a vehicle (``vehicle_ref=``)."""
    return list(OutboundMessage.objects.filter(recipient__isnull=True, **about))


def entries_for_customer(customer) -> list[timeline.Entry]:
    interactions = Interaction.objects.filter(customer=customer).select_related("advisor")
    communications = CommunicationLog.objects.filter(customer=customer)
    return [
        *(_interaction_entry(i) for i in interactions),
        *(_communication_entry(c) for c in communications),
        *(_message_entry(m) for m in customer_messages(customer_ref=customer.pk)),
    ]


def entries_for_vehicle(vehicle) -> list[timeline.Entry]:
    interactions = Interaction.objects.filter(vehicle=vehicle).select_related("advisor")
    communications = CommunicationLog.objects.filter(vehicle=vehicle)
    return [
        *(_interaction_entry(i) for i in interactions),
        *(_communication_entry(c) for c in communications),
        *(_message_entry(m) for m in customer_messages(vehicle_ref=vehicle.pk)),
    ]


def provider(subject, *, user) -> list[timeline.Entry]:
    """The timeline provider: the subject was already checked to be the user's."""
    if isinstance(subject, Vehicle):
        return entries_for_vehicle(subject)
    if isinstance(subject, Customer):
        return entries_for_customer(subject)
    return []
