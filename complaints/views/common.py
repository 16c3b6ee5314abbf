"""What the complaint pages share: a list row's refused form shown beside its row, and where a
row's form was sent from."""

from urllib.parse import urlsplit

from django.shortcuts import render
from django.urls import reverse

# A form of one row of a list (a remedy, an action, a deduction) refused: the list is shown again
# with that row's form as it was sent, its error beside it. ``row_forms``: {(kind, pk): form}. A
# row no longer listed (paid meanwhile, so gone from "to pay") has its error above the list.


def with_row_forms(rows, row_forms, *kinds) -> str:
    """Set ``row.<kind>_form`` on each row; the errors of a form whose row is not among them."""
    shown = set()
    for row in rows:
        for kind in kinds:
            form = (row_forms or {}).get((kind, row.pk))
            setattr(row, f"{kind}_form", form)
            if form is not None:
                shown.add((kind, row.pk))
    return " ".join(
        str(e)
        for key, form in (row_forms or {}).items()
        if key not in shown
        for errors in form.errors.values()
        for e in errors
    )


def from_list(request, name: str) -> bool:
    """The row's form was sent from the list ``name`` (its ``next``), not the complaint's page."""
    return urlsplit(request.POST.get("next", "")).path == reverse(name)


def back_to(request, default):
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


def render_rows(request, template: str, rows, kinds, row_forms, *, status: int, **context):
    """A list whose rows carry forms (``kinds``): each row's refused form beside it, the errors
    of a form whose row is not listed above the list (``error``)."""
    context["error"] = with_row_forms(rows, row_forms, *kinds)
    return render(request, template, context, status=status)


def shown(request, done: str) -> tuple[str, bool | None]:
    """A money list's ``?show=``: open lines (the default), ``done`` ones, or all (None)."""
    show = request.GET.get("show", "open")
    return show, {"open": False, done: True}.get(show)
