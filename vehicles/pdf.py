"""The invoice as a PDF (weasyprint), printed in the customer's language. Chinese needs the
Noto CJK fonts installed (Debian fonts-noto-cjk); the stylesheet names them first."""

from django.template.loader import render_to_string
from django.utils import translation


def invoice_pdf_bytes(invoice, context: dict) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 — loads Pango; only a PDF needs it

    with translation.override(invoice.language):
        html = render_to_string(
            "vehicles/invoice.html", {**context, "printable": False, "pdf": True}
        )
    return HTML(string=html).write_pdf()
