from django.core.management import call_command

from interactions.models import CommunicationLog, Escalation, Interaction


def test_seed_demo_adds_every_stage_escalations_and_history_once(db):
    call_command("seed_demo")
    stages = set(Interaction.objects.values_list("stage", flat=True))
    assert stages == {"greet", "know_need", "confirm", "help", "keep", "closed"}
    assert set(Interaction.objects.filter(stage="closed").values_list("outcome", flat=True)) == {
        "completed",
        "booked",
        "answered",
    }
    assert Escalation.objects.filter(responded_at__isnull=False).exists()
    assert Escalation.objects.filter(responded_at__isnull=True).count() == 2
    counts = (
        Interaction.objects.count(),
        Escalation.objects.count(),
        CommunicationLog.objects.count(),
    )
    # The five contacts logged at the counter, and the text and the email that came in.
    assert counts[2] == 5 + 2
    call_command("seed_demo")
    assert (
        Interaction.objects.count(),
        Escalation.objects.count(),
        CommunicationLog.objects.count(),
    ) == counts
