"""The API's renderers: its JSON, and those of its file endpoints.

JSON is written by orjson (``ORJSONRenderer``, the first of ``DEFAULT_RENDERER_CLASSES``), to
the same text as DRF's own renderer writes.

An endpoint that answers a file lists its media type among its renderers, so that a client
asking for it (``Accept: application/pdf``) gets it instead of 406; errors stay JSON, in the
schema's Error shape, whatever the client accepted (a PDF of an error helps nobody).
"""

import io

import orjson
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from servicedesk.exports import XLSX_CONTENT_TYPE, csv_writer

# Dates and times as orjson writes them are what DRF's encoder writes (``isoformat()``, UTC as
# Z). What orjson does not know (Decimal, lazy translations, querysets…) goes to DRF's encoder;
# dataclasses too, which DRF refuses, as it does.
_ORJSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS
_DRF_DEFAULT = JSONEncoder().default
# DRF escapes these two so that its JSON is also valid JavaScript: so does this renderer.
_LINE_SEPARATORS = (("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029"))


class ORJSONRenderer(JSONRenderer):
    """DRF's JSONRenderer, written by orjson: a page of 25 complaints in a third of the time.

    The same bytes as DRF's compact, unicode, strict JSON. What orjson cannot say the same way —
    an indented answer (``Accept: application/json; indent=4``, the browsable API), a number
    beyond 64 bits, a key that is neither text nor a number, DRF settings other than the
    defaults — is left to DRF's renderer. One difference stays: a float that is not a number
    (NaN, infinity) is written as null, where DRF refuses it."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if (
            self.ensure_ascii
            or not self.compact
            or self.get_indent(accepted_media_type, renderer_context or {}) is not None
        ):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            text = orjson.dumps(data, default=_DRF_DEFAULT, option=_ORJSON_OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        for raw, escaped in _LINE_SEPARATORS:
            if raw in text:
                text = text.replace(raw, escaped)
        return text


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
            request.accepted_renderer = ORJSONRenderer()
            request.accepted_media_type = ORJSONRenderer.media_type
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
