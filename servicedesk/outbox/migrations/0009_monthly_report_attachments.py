"""The monthly report to a shop's managers (reports.monthly): its kind, its default words in
English and Simplified Chinese (shops edit them in the admin; this migration never overwrites
a template that exists), and attachments, which an email may now carry (the month's workbook)."""

import django.db.models.deletion
from django.db import migrations, models

# {{ figures }}: one line per headline figure, this month against the same month last year,
# written by the reports app in the reader's language.
TEMPLATES = {
    "monthly_report": {
        "en": (
            "{{ shop }}: the report of {{ month }}",
            "The report of {{ shop }} for {{ month }}, against the same month last year.\n\n"
            "{{ figures }}\n\nAll the reports: {{ url }}\n"
            "The month's figures are attached as a spreadsheet.",
            "",
        ),
        "zh-hans": (
            "{{ shop }}：{{ month }}报告",
            "{{ shop }} {{ month }}的报告，与去年同月对比。\n\n"
            "{{ figures }}\n\n全部报告：{{ url }}\n"
            "本月各项指标见附件中的电子表格。",
            "",
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
        ('outbox', '0008_complaint_progress_template'),
    ]

    operations = [
        migrations.AlterField(
            model_name='messagetemplate',
            name='kind',
            field=models.CharField(choices=[('survey_invitation', 'Satisfaction survey invitation'), ('inspection_reminder', 'Declined or deferred work reminder'), ('next_visit_reminder', 'Next visit reminder'), ('customer_link', 'Link to the visit'), ('complaint_progress', 'Complaint progress and expected resolution'), ('survey_check', 'Satisfaction check for the advisor'), ('low_score', 'Low survey score'), ('complaint_follow_up', 'Complaint follow-up due'), ('complaint_overdue', 'Complaint clock overdue'), ('action_overdue', 'Corrective action overdue'), ('monthly_report', 'Monthly report'), ('complaint_received', 'Complaint received (acknowledgement)')], max_length=40, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='outboundmessage',
            name='kind',
            field=models.CharField(choices=[('survey_invitation', 'Satisfaction survey invitation'), ('inspection_reminder', 'Declined or deferred work reminder'), ('next_visit_reminder', 'Next visit reminder'), ('customer_link', 'Link to the visit'), ('complaint_progress', 'Complaint progress and expected resolution'), ('survey_check', 'Satisfaction check for the advisor'), ('low_score', 'Low survey score'), ('complaint_follow_up', 'Complaint follow-up due'), ('complaint_overdue', 'Complaint clock overdue'), ('action_overdue', 'Corrective action overdue'), ('monthly_report', 'Monthly report'), ('complaint_received', 'Complaint received (acknowledgement)')], max_length=40, verbose_name='kind'),
        ),
        migrations.CreateModel(
            name='OutboundAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('filename', models.CharField(max_length=200, verbose_name='file name')),
                ('content_type', models.CharField(max_length=120, verbose_name='content type')),
                ('content', models.BinaryField(verbose_name='content')),
                ('message', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='outbox.outboundmessage', verbose_name='message')),
            ],
            options={
                'verbose_name': 'attachment',
                'verbose_name_plural': 'attachments',
                'ordering': ['pk'],
            },
        ),
        migrations.RunPython(create, migrations.RunPython.noop),
    ]
