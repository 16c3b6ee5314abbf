"""The default words of the customer's link to their visit (issue 15), in English and
Simplified Chinese. Shops edit them in the admin; this migration never overwrites a template
that exists."""

from django.db import migrations

TEMPLATES = {
    "customer_link": {
        "en": (
            "Your {{ vehicle }} at {{ shop }}: follow your visit",
            "Dear {{ customer }},\n\nYou can follow your {{ vehicle }}'s visit to {{ shop }} "
            "(work order {{ work_order }}) on your phone, and write to us there:\n\n{{ url }}"
            "\n\nThe link is for you only and works until {{ expires }}.\n\n{{ shop }}",
            "{{ shop }}: follow your {{ vehicle }}'s visit here: {{ url }} "
            "(for you only, valid until {{ expires }})",
        ),
        "zh-hans": (
            "{{ shop }}：查看您的{{ vehicle }}的维修进度",
            "尊敬的{{ customer }}：\n\n您可以在手机上查看您的{{ vehicle }}在{{ shop }}的维修进度"
            "（施工单 {{ work_order }}），也可以在页面上给我们留言：\n\n{{ url }}\n\n"
            "此链接仅供您本人使用，有效期至{{ expires }}。\n\n{{ shop }}",
            "【{{ shop }}】查看您的{{ vehicle }}维修进度：{{ url }}（仅限本人，{{ expires }}前有效）",
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
    dependencies = [("outbox", "0005_message_about_customer")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
