"""The 客户意见处理报告 as a page and as a PDF (weasyprint, Noto CJK for the Chinese)."""

import base64

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation


def report_context(complaint, *, signature_src: str = "") -> dict:
    remedies = list(complaint.remedies.all())
    return {
        "complaint": complaint,
        "remedies": remedies,
        "agreed_total": sum((r.amount for r in remedies if r.agreed), 0),
        "actions": list(complaint.corrective_actions.all()),
        "deductions": list(complaint.supplier_deductions.all()),
        "follow_ups": list(complaint.follow_ups.all()),
        "history": list(complaint.history.all()),
        "signature_src": signature_src,
        "printed_at": timezone.now(),
    }


def render_report_pdf(complaint, *, language: str, signature_src: str = "") -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 — loads Pango; only a PDF needs it

    with translation.override(language):
        context = report_context(complaint, signature_src=signature_src)
        context["language"] = language
        html = render_to_string("complaints/report_pdf.html", context)
    return HTML(string=html).write_pdf()


def signature_src(complaint, request=None):
    """The signature as the report shows it: its URL on a page, inline data in a PDF."""
    if not complaint.confirmation_signature:
        return ""
    if request is not None:
        return reverse("complaints:signature", args=[complaint.pk])
    with complaint.confirmation_signature.open("rb") as fh:
        return "data:image/png;base64," + base64.b64encode(fh.read()).decode()
