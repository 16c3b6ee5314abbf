"""Renderers of the API's file endpoints.

An endpoint that answers a file lists its media type among its renderers, so that a client
asking for it (``Accept: application/pdf``) gets it instead of 406; errors stay JSON, in the
schema's Error shape, whatever the client accepted (a PDF of an error helps nobody).
"""

from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response


class PDFRenderer(BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class ErrorsAsJSONMixin:
    """For an APIView whose renderers include a file type: its errors are rendered as JSON."""

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        is_error = isinstance(response, Response) and response.status_code >= 400
        # No renderer yet where negotiation itself failed (an unknown ?format=): DRF would force
        # the first one, the file's.
        if is_error and not isinstance(renderer, JSONRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
