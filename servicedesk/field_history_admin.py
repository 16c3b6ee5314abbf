"""The admin side of the field-edit history (servicedesk.field_history)."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class FieldHistoryAdmin(SimpleHistoryAdmin):
    """An admin whose History pages only show: who changed what, when.

    SIMPLE_HISTORY_REVERT_DISABLED only hides the Revert button; a POST to a past version's page
    still saves it, read-only fields included (a stage, a status, a version), past the services.
    Refused here."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
