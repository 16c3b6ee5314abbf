"""Renderers of the API's file endpoints.

An endpoint that answers a file lists its media type among its renderers, so that a client
asking for it (``Accept: application/pdf``) gets it instead of 406; errors stay JSON, in the
schema's Error shape, whatever the client accepted (a PDF of an error helps nobody).
"""

import io

from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from servicedesk.exports import XLSX_CONTENT_TYPE, csv_writer


class PDFRenderer(BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class ErrorsAsJSONMixin:
    """For an APIView whose renderers include a file type: its errors are rendered as JSON
    (but in the formats of ``errors_in_own_format``, whose renderers write errors themselves)."""

    errors_in_own_format: tuple[str, ...] = ()

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        is_error = isinstance(response, Response) and response.status_code >= 400
        if renderer is not None and renderer.format in self.errors_in_own_format:
            is_error = False
        # No renderer yet where negotiation itself failed (an unknown ?format=): DRF would force
        # the first one, the file's.
        if is_error and not isinstance(renderer, JSONRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class XLSXRenderer(BaseRenderer):
    """Lets ``?format=xlsx`` (or its media type in ``Accept``) choose a spreadsheet; the view
    hands it the file's bytes (``servicedesk.exports.xlsx_workbook``)."""

    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CSVRenderer(BaseRenderer):
    """Lets ``?format=csv`` (or ``Accept: text/csv``) choose the CSV form of a report: text as
    given, or a dict (an error) as rows of key, value."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str):
            return data.encode(self.charset)
        out = io.StringIO()
        writer = csv_writer(out)
        for key, value in (data or {}).items():
            writer.writerow([key, value if not isinstance(value, list) else "; ".join(value)])
        return out.getvalue().encode(self.charset)
