"""Entries for the customer's and the vehicle's timelines. The lead wires these into the
timeline registry in vehicles/timeline.py; each entry is a dict with ``at``, ``kind``,
``title`` and ``url``. Two queries per call, whatever the number of rows."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import CommunicationLog, Interaction


def _interaction_entry(interaction: Interaction) -> dict:
    if interaction.outcome:
        state = interaction.get_outcome_display()
    else:
        state = interaction.get_stage_display()
    return {
        "at": interaction.greet_at,
        "kind": "interaction",
        "title": _("%(channel)s with %(advisor)s — %(state)s")
        % {
            "channel": interaction.get_channel_display(),
            "advisor": interaction.advisor.get_full_name() or interaction.advisor.username,
            "state": state,
        },
        "url": reverse("interactions:detail", args=[interaction.pk]),
    }


def _communication_entry(entry: CommunicationLog) -> dict:
    return {
        "at": entry.at,
        "kind": "communication",
        "title": f"{entry.get_kind_display()} · {entry.get_channel_display()}: "
        f"{entry.summary[:120]}",
        "url": f"{reverse('interactions:communications')}?customer={entry.customer_id}",
    }


def entries_for_customer(customer) -> list[dict]:
    interactions = Interaction.objects.filter(customer=customer).select_related("advisor")
    communications = CommunicationLog.objects.filter(customer=customer)
    return [
        *(_interaction_entry(i) for i in interactions),
        *(_communication_entry(c) for c in communications),
    ]


def entries_for_vehicle(vehicle) -> list[dict]:
    interactions = Interaction.objects.filter(vehicle=vehicle).select_related("advisor")
    communications = CommunicationLog.objects.filter(vehicle=vehicle)
    return [
        *(_interaction_entry(i) for i in interactions),
        *(_communication_entry(c) for c in communications),
    ]
