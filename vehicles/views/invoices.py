"""Invoices, on the page and as PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from .. import invoicing, selectors
from ..pdf import invoice_pdf_bytes

# ---------------------------------------------------------------- invoices


def _invoice_context(invoice):
    wo = invoice.work_order
    return {
        "invoice": invoice,
        "wo": wo,
        "lines": list(wo.lines.all()),
        "shop": invoice.shop,
        **invoicing.summary(invoice),
    }


@login_required
def invoice_detail(request, pk):
    invoice = selectors.invoice_get_for_user(user=request.user, pk=pk)
    with translation.override(invoice.language):
        html = render_to_string(
            "vehicles/invoice.html", {**_invoice_context(invoice), "printable": True}, request
        )
    return HttpResponse(html)


@login_required
def invoice_pdf(request, pk):
    invoice = selectors.invoice_get_for_user(user=request.user, pk=pk)
    pdf = invoice_pdf_bytes(invoice, _invoice_context(invoice))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    return response
