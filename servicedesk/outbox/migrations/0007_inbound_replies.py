"""Inbound replies (issue 16): each email gets a Message-ID when it is queued, so a reply can be
matched to it; the default words of a complaint's acknowledgement in English and Simplified
Chinese (never overwriting a template that exists); and the job that reads the shop's mailbox
(``interactions.fetch_mail``, which does nothing while INBOUND_IMAP_URL is unset)."""

import json

from django.db import migrations, models

TEMPLATES = {
    "complaint_received": {
        "en": (
            "{{ number }}: we have received your complaint",
            "Dear {{ customer }},\n\nThank you for writing to {{ shop }}. We have recorded your "
            "complaint under the number {{ number }}, and we will get back to you by {{ due }}."
            "\n\nTo add anything, reply to this email: your reply goes onto the same complaint."
            "\n\n{{ shop }}",
            "{{ shop }}: your complaint {{ number }} is received; we will answer by {{ due }}.",
        ),
        "zh-hans": (
            "{{ number }}：我们已收到您的投诉",
            "尊敬的{{ customer }}：\n\n感谢您致信{{ shop }}。您的投诉已登记，编号为 {{ number }}，"
            "我们将在 {{ due }} 前给您答复。\n\n如需补充，请直接回复此邮件，您的回复会记入同一投诉。"
            "\n\n{{ shop }}",
            "【{{ shop }}】您的投诉 {{ number }} 已收到，我们将在 {{ due }} 前答复。",
        ),
    },
}

SCHEDULE = "Fetch the shop's mailbox"


def create(apps, schema_editor):
    MessageTemplate = apps.get_model("outbox", "MessageTemplate")
    for kind, languages in TEMPLATES.items():
        for language, (subject, body, sms_body) in languages.items():
            MessageTemplate.objects.get_or_create(
                kind=kind,
                language=language,
                defaults={"subject": subject, "body": body, "sms_body": sms_body},
            )
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    if not PeriodicTask.objects.filter(name=SCHEDULE).exists():
        every, _ = IntervalSchedule.objects.get_or_create(every=2, period="minutes")
        PeriodicTask.objects.create(
            name=SCHEDULE,
            task="interactions.fetch_mail",
            description="Unseen mail of INBOUND_IMAP_URL onto the communication log and inbox.",
            args=json.dumps([]),
            kwargs=json.dumps({}),
            enabled=True,
            interval=every,
        )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=SCHEDULE).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('outbox', '0006_customer_link_template'),
        ('django_celery_beat', '0019_alter_periodictasks_options'),
    ]

    operations = [
        migrations.AddField(
            model_name='outboundmessage',
            name='message_id',
            field=models.CharField(blank=True, db_index=True, max_length=255, verbose_name='message id'),
        ),
        migrations.AlterField(
            model_name='messagetemplate',
            name='kind',
            field=models.CharField(choices=[('survey_invitation', 'Satisfaction survey invitation'), ('inspection_reminder', 'Declined or deferred work reminder'), ('next_visit_reminder', 'Next visit reminder'), ('customer_link', 'Link to the visit'), ('survey_check', 'Satisfaction check for the advisor'), ('low_score', 'Low survey score'), ('complaint_follow_up', 'Complaint follow-up due'), ('complaint_overdue', 'Complaint clock overdue'), ('action_overdue', 'Corrective action overdue'), ('complaint_received', 'Complaint received (acknowledgement)')], max_length=40, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='outboundmessage',
            name='kind',
            field=models.CharField(choices=[('survey_invitation', 'Satisfaction survey invitation'), ('inspection_reminder', 'Declined or deferred work reminder'), ('next_visit_reminder', 'Next visit reminder'), ('customer_link', 'Link to the visit'), ('survey_check', 'Satisfaction check for the advisor'), ('low_score', 'Low survey score'), ('complaint_follow_up', 'Complaint follow-up due'), ('complaint_overdue', 'Complaint clock overdue'), ('action_overdue', 'Corrective action overdue'), ('complaint_received', 'Complaint received (acknowledgement)')], max_length=40, verbose_name='kind'),
        ),
        migrations.RunPython(create, remove),
    ]
