"""The default words of every message, in English and Simplified Chinese. Shops edit them in the
admin; this migration never overwrites a template that exists."""

from django.db import migrations

TEMPLATES = {
    "survey_invitation": {
        "en": (
            "How was your visit to {{ shop }}?",
            "Dear {{ customer }},\n\nThank you for bringing your {{ vehicle }} to {{ shop }} "
            "(work order {{ work_order }}). Would you tell us how we did? It takes a minute:\n\n"
            "{{ url }}\n\nThe link works once and until {{ expires }}.\n\n{{ shop }}",
            "{{ shop }}: thank you for your visit. How did we do? {{ url }} "
            "(valid until {{ expires }})",
        ),
        "zh-hans": (
            "您对{{ shop }}的服务满意吗？",
            "尊敬的{{ customer }}：\n\n感谢您将{{ vehicle }}交给{{ shop }}保养维修（施工单 "
            "{{ work_order }}）。请花一分钟告诉我们您的评价：\n\n{{ url }}\n\n"
            "此链接仅可使用一次，有效期至{{ expires }}。\n\n{{ shop }}",
            "【{{ shop }}】感谢您的光临，请评价本次服务：{{ url }}（{{ expires }}前有效）",
        ),
    },
    "inspection_reminder": {
        "en": (
            "A reminder about your {{ vehicle }}",
            "Dear {{ customer }},\n\nWhen you visited {{ shop }} on {{ visit }}, our inspection "
            "recommended:\n\n{{ jobs }}\n\nWould you like us to book it? Call us on {{ phone }}."
            "\n\n{{ shop }}",
            "{{ shop }}: a reminder of the work recommended for your {{ vehicle }}: {{ jobs }}. "
            "Call {{ phone }} to book.",
        ),
        "zh-hans": (
            "关于您的{{ vehicle }}的温馨提示",
            "尊敬的{{ customer }}：\n\n您于{{ visit }}到访{{ shop }}时，我们的检查建议：\n\n"
            "{{ jobs }}\n\n如需预约，请致电{{ phone }}。\n\n{{ shop }}",
            "【{{ shop }}】温馨提示：您的{{ vehicle }}建议进行：{{ jobs }}。预约请致电{{ phone }}。",
        ),
    },
    "next_visit_reminder": {
        "en": (
            "Your next visit to {{ shop }}",
            "Dear {{ customer }},\n\nYour {{ vehicle }} is due for its next visit on {{ date }}. "
            "Call us on {{ phone }} to book a time that suits you.\n\n{{ shop }}",
            "{{ shop }}: your {{ vehicle }} is due for its next visit on {{ date }}. "
            "Call {{ phone }} to book.",
        ),
        "zh-hans": (
            "{{ shop }}：下次保养提醒",
            "尊敬的{{ customer }}：\n\n您的{{ vehicle }}预计于{{ date }}进行下次保养。"
            "请致电{{ phone }}预约合适的时间。\n\n{{ shop }}",
            "【{{ shop }}】您的{{ vehicle }}预计于{{ date }}进行下次保养，预约请致电{{ phone }}。",
        ),
    },
    "survey_check": {
        "en": (
            "Satisfaction check: {{ customer }} ({{ work_order }})",
            "{{ customer }}'s {{ vehicle }} was delivered on {{ delivered }}. The survey link "
            "has gone out; call them to check they are satisfied.\n\n{{ url }}",
            "Call {{ customer }} to check satisfaction with {{ work_order }}.",
        ),
        "zh-hans": (
            "满意度回访：{{ customer }}（{{ work_order }}）",
            "{{ customer }}的{{ vehicle }}已于{{ delivered }}交车，满意度调查链接已发送。"
            "请致电客户确认是否满意。\n\n{{ url }}",
            "请致电{{ customer }}回访施工单{{ work_order }}的满意度。",
        ),
    },
    "low_score": {
        "en": (
            "Low survey score from {{ customer }}",
            "{{ customer }} rated the visit {{ csat }}/5 (recommend {{ nps }}/10) for work order "
            "{{ work_order }}.\n\n{{ comment }}\n\nPlease follow up.\n\n{{ url }}",
            "Low score from {{ customer }}: {{ csat }}/5, {{ nps }}/10.",
        ),
        "zh-hans": (
            "{{ customer }}的满意度评分偏低",
            "{{ customer }}对施工单{{ work_order }}的评价为{{ csat }}/5（推荐意愿{{ nps }}/10）。"
            "\n\n{{ comment }}\n\n请跟进处理。\n\n{{ url }}",
            "{{ customer }}评分偏低：{{ csat }}/5，{{ nps }}/10。",
        ),
    },
    "complaint_follow_up": {
        "en": (
            "Follow-up due: complaint {{ complaint }}",
            "Complaint {{ complaint }} ({{ customer }}) is waiting for its follow-up: ask the "
            "customer's opinion of the outcome. Tries left: {{ tries_left }}.\n\n{{ url }}",
            "Follow up complaint {{ complaint }} with {{ customer }}.",
        ),
        "zh-hans": (
            "待回访：投诉{{ complaint }}",
            "投诉{{ complaint }}（{{ customer }}）等待回访：请询问客户对处理结果的意见。"
            "剩余尝试次数：{{ tries_left }}。\n\n{{ url }}",
            "请回访投诉{{ complaint }}（{{ customer }}）。",
        ),
    },
    "complaint_overdue": {
        "en": (
            "Overdue: {{ clock }} of complaint {{ complaint }}",
            "Complaint {{ complaint }} ({{ customer }}): the {{ clock }} was due at {{ due }} and "
            "has not happened. Handled by {{ handler }}.\n\n{{ url }}",
            "Complaint {{ complaint }}: {{ clock }} overdue since {{ due }}.",
        ),
        "zh-hans": (
            "已超时：投诉{{ complaint }}的{{ clock }}",
            "投诉{{ complaint }}（{{ customer }}）：{{ clock }}应于{{ due }}完成，目前仍未完成。"
            "经办人：{{ handler }}。\n\n{{ url }}",
            "投诉{{ complaint }}：{{ clock }}已于{{ due }}超时。",
        ),
    },
    "action_overdue": {
        "en": (
            "Overdue corrective action: complaint {{ complaint }}",
            "The corrective action of complaint {{ complaint }} for {{ department }} "
            "(owner {{ owner }}) was due on {{ due }} and has no result yet.\n\n{{ url }}",
            "Corrective action of {{ complaint }} overdue since {{ due }}.",
        ),
        "zh-hans": (
            "纠正措施已超期：投诉{{ complaint }}",
            "投诉{{ complaint }}的纠正措施（{{ department }}，负责人{{ owner }}）应于{{ due }}"
            "完成，目前尚无跟踪结果。\n\n{{ url }}",
            "投诉{{ complaint }}的纠正措施已于{{ due }}超期。",
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
    dependencies = [("outbox", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
