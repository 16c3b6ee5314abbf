"""Seed 003 §6 and seed 002: the customer is told a realistic resolution time when the
complaint is logged and again each time it moves. The kind, and its default words in English
and Simplified Chinese; shops edit them in the admin, and this migration never overwrites a
template that exists."""

from django.db import migrations, models


TEMPLATES = {
    "complaint_progress": {
        "en": (
            "Your complaint {{ number }} at {{ shop }}: {{ state }}",
            "Dear {{ customer }},\n\nYour complaint {{ number }} is now: {{ state }}.\n\n"
            "{% if due %}We expect to have it resolved by {{ due }}. If that changes, we will "
            "tell you.{% else %}It is resolved. Thank you for your patience.{% endif %}"
            "\n\n{{ shop }}",
            "{{ shop }}: your complaint {{ number }} is now: {{ state }}."
            "{% if due %} Expected to be resolved by {{ due }}.{% endif %}",
        ),
        "zh-hans": (
            "{{ shop }}：您的投诉 {{ number }} 的进展：{{ state }}",
            "尊敬的{{ customer }}：\n\n您的投诉 {{ number }} 目前的状态：{{ state }}。\n\n"
            "{% if due %}我们预计在{{ due }}前解决。如有变化，我们会及时告知您。"
            "{% else %}问题已经解决，感谢您的耐心。{% endif %}\n\n{{ shop }}",
            "【{{ shop }}】您的投诉{{ number }}：{{ state }}。"
            "{% if due %}预计{{ due }}前解决。{% endif %}",
        ),
    },
}


def create(apps, schema_editor):
    MessageTemplate = apps.get_model("outbox", "MessageTemplate")
    for kind, languages in TEMPLATES.items():
        for language, (subject, body, sms_body) in languages.items():
            MessageTemplate.objects.get_or_create(
                kind=kind,
                language=language,
                defaults={"subject": subject, "body": body, "sms_body": sms_body},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0007_inbound_replies"),
    ]

    operations = [
        migrations.AlterField(
            model_name="messagetemplate",
            name="kind",
            field=models.CharField(
                choices=[
                    ("survey_invitation", "Satisfaction survey invitation"),
                    ("inspection_reminder", "Declined or deferred work reminder"),
                    ("next_visit_reminder", "Next visit reminder"),
                    ("customer_link", "Link to the visit"),
                    ("complaint_progress", "Complaint progress and expected resolution"),
                    ("survey_check", "Satisfaction check for the advisor"),
                    ("low_score", "Low survey score"),
                    ("complaint_follow_up", "Complaint follow-up due"),
                    ("complaint_overdue", "Complaint clock overdue"),
                    ("action_overdue", "Corrective action overdue"),
                    ("complaint_received", "Complaint received (acknowledgement)"),
                ],
                max_length=40,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="outboundmessage",
            name="kind",
            field=models.CharField(
                choices=[
                    ("survey_invitation", "Satisfaction survey invitation"),
                    ("inspection_reminder", "Declined or deferred work reminder"),
                    ("next_visit_reminder", "Next visit reminder"),
                    ("customer_link", "Link to the visit"),
                    ("complaint_progress", "Complaint progress and expected resolution"),
                    ("survey_check", "Satisfaction check for the advisor"),
                    ("low_score", "Low survey score"),
                    ("complaint_follow_up", "Complaint follow-up due"),
                    ("complaint_overdue", "Complaint clock overdue"),
                    ("action_overdue", "Corrective action overdue"),
                    ("complaint_received", "Complaint received (acknowledgement)"),
                ],
                max_length=40,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(create, migrations.RunPython.noop),
    ]
