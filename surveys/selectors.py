from servicedesk.accounts.selectors import get_for_user

from .models import Survey


def survey_get_for_user(*, user, pk) -> Survey:
    return get_for_user(
        Survey.objects.select_related("shop", "customer", "advisor", "work_order", "complaint"),
        user=user,
        pk=pk,
    )
