"""Browser pages of the reports app: the dashboard (this year so far), the annual report with
its refresh and progress, and its PDF."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_POST

from complaints import permissions as complaint_permissions
from servicedesk.accounts.selectors import shop_ids_for_user
from servicedesk.errors import Forbidden, Invalid
from servicedesk.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response
from servicedesk.pagination import LateRowPaginator

from . import permissions, selectors, services
from .export import group_csv, group_xlsx, quality_csv, quality_xlsx
from .figures import HEADLINE, year_bounds
from .forms import period_form
from .labels import label
from .models import ACTIVE_STATUSES
from .permissions import report_shop
from .quality import DIMENSION_NAMES, bar_label, page_context, query, range_form
from .report import cards, render_annual_pdf, render_quality_pdf, report_context

YEARS_OFFERED = 10


def _shop(request):
    return report_shop(request.user, request.GET.get("shop"))


def _year_so_far(shop) -> dict:
    now = timezone.now()
    year = now.astimezone(ZoneInfo(shop.timezone)).year
    start, _end = year_bounds(shop, year)
    period = selectors.period_headline(shop, start, now, now=now)
    snapshots = selectors.snapshots_as_of(shop=shop)
    return {
        "shop": shop,
        "year": year,
        "now": now,
        "cards": cards(_as_figures(period["current"]), period["change"]),
        "snapshot_years": list(snapshots),
        # The annual report of this year is a snapshot: say when, beside these live figures.
        "snapshot_as_of": snapshots.get(year),
        "last_year_offered": year - 1 in _years(shop, snapshots=snapshots),
    }


def _as_figures(values: dict) -> dict:
    """``cards`` reads a figures dict; rebuild the little of it a headline needs."""
    figures: dict = {"complaints": {"by_category": {}}}
    for key, path in HEADLINE.items():
        target = figures
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = values[key]
    return figures


def _panel_shops(user) -> tuple[list, int]:
    """The shops whose year so far the reports home and the home panel show, and how many more
    the user reads through their groups (compared on the group dashboard instead). At most
    ``GROUP_INLINE_SHOPS``: each costs the dashboard's twenty-odd queries, and a member of a
    dealer group of 500 shops would wait minutes for the home page. The shops the user works in
    come first."""
    shops = permissions.shops(user, "read")
    if len(shops) <= settings.GROUP_INLINE_SHOPS:
        return shops, 0
    own = shop_ids_for_user(user)
    shown = [shop for shop in shops if shop.pk in own][: settings.GROUP_INLINE_SHOPS]
    return shown, len(shops) - len(shown)


def _readable_shops_or_403(user) -> tuple[list, int]:
    shops, more = _panel_shops(user)
    if not shops and not more:
        raise Forbidden()
    return shops, more


@login_required
def dashboard(request):
    """This year so far in each of the user's reporting shops (or the one of ``?shop=``, a
    group dashboard's drill-down), against the same part of last year."""
    if request.GET.get("shop"):
        shops, more = [_shop(request)], 0
    else:
        shops, more = _readable_shops_or_403(request.user)
    return render(
        request,
        "reports/dashboard.html",
        {
            "panels": [_year_so_far(s) for s in shops],
            "groups": permissions.report_groups(request.user),
            "more_shops": more,
        },
    )


@login_required
def groups(request):
    """The groups of shops whose dashboards the user reads; the only one's dashboard at once."""
    found = permissions.report_groups(request.user)
    if len(found) == 1:
        return redirect("reports:group", found[0].pk)
    if not found:
        raise Forbidden(permissions.NOT_A_READER)
    return render(request, "reports/groups.html", {"groups": found})


@login_required
def group(request, pk: int):
    """The group's shops side by side over a period (this year so far unless ``from``/``to``
    say otherwise); a range refused keeps what was typed and says why."""
    found = permissions.report_group(request.user, pk)
    form = period_form(request.GET, today=timezone.localdate())
    context = {"group": found, "form": form, "comparison": None, "progress": None}
    if form.is_valid():
        start, end = form.cleaned_data["from"], form.cleaned_data["to"]
        comparison, progress = services.group_comparison_or_progress(
            group=found, start=start, end=end
        )
        if comparison is None:  # a large group: computed by a job, its progress shown
            context["progress"] = _progress_shown(progress, start, end)
        else:
            for row in comparison["rows"]:
                row["label"] = label(row["key"])
            context["comparison"] = comparison
    return render(request, "reports/group.html", context, status=200 if form.is_valid() else 400)


def _progress_shown(progress: dict, start, end) -> dict:
    return {
        **progress,
        "percent": round(100 * progress["done"] / progress["total"]) if progress["total"] else 100,
        "query": f"from={start.isoformat()}&to={end.isoformat()}",
    }


@login_required
def group_progress(request, pk: int):
    """How far the job computing a large group's comparison got (the page asks every two
    seconds); once every shop is computed, the page reloads to show the table. A job lost with
    its worker is queued again."""
    found = permissions.report_group(request.user, pk)
    start, end = _range_or_invalid(period_form(request.GET, today=timezone.localdate()))
    comparison, progress = services.group_comparison_or_progress(group=found, start=start, end=end)
    if comparison is not None:
        response = HttpResponse("")
        response["HX-Refresh"] = "true"
        return response
    shown = _progress_shown(progress, start, end)
    return render(request, "reports/_group_progress.html", {"group": found, "progress": shown})


def _group_file(request, pk: int, kind: str):
    """The group's table as a file (CSV or XLSX) over the asked period; Invalid for a bad period
    (a file has no form to show it under). A large group's comparison not computed yet: the
    dashboard, which shows the job's progress."""
    found = permissions.report_group(request.user, pk)
    start, end = _range_or_invalid(period_form(request.GET, today=timezone.localdate()))
    comparison, _progress = services.group_comparison_or_progress(group=found, start=start, end=end)
    if comparison is None:
        return redirect(f"{reverse('reports:group', args=[found.pk])}?{request.GET.urlencode()}")
    name = f"group-{found.code}-{comparison['from']}-{comparison['to']}.{kind}"
    if kind == "csv":
        return download_response(
            group_csv(comparison), filename=name, content_type=CSV_CONTENT_TYPE
        )
    return download_response(
        group_xlsx(comparison, title=found.name), filename=name, content_type=XLSX_CONTENT_TYPE
    )


@login_required
def group_figures_csv(request, pk: int):
    return _group_file(request, pk, "csv")


@login_required
def group_figures_xlsx(request, pk: int):
    return _group_file(request, pk, "xlsx")


@login_required
def home_panel(request):
    shops, more = _panel_shops(request.user)
    if not shops and not more:
        return HttpResponse("")
    return render(
        request,
        "reports/_home_panel.html",
        {
            "panels": [_year_so_far(s) for s in shops],
            "groups": permissions.report_groups(request.user) if more else [],
            "more_shops": more,
        },
    )


@login_required
def annual_pick(request):
    """The year picker's target (a plain GET form): on to that year's report."""
    shop = _shop(request)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = services.current_year(shop)
    return redirect(f"{reverse('reports:annual', args=[year])}?shop={shop.pk}")


def _years(shop, *, snapshots=None) -> list[int]:
    """The years the picker offers: this one, those computed, and those the shop has records
    in (from its first year with data on) — not ten empty years."""
    last = services.current_year(shop)
    if snapshots is None:
        snapshots = selectors.snapshots_as_of(shop=shop)
    first = selectors.first_year_with_data(shop=shop, tz=ZoneInfo(shop.timezone)) or last
    offered = set(range(max(first, last - YEARS_OFFERED + 1), last + 1)) | set(snapshots)
    return sorted((y for y in offered if services.FIRST_YEAR <= y <= last), reverse=True)


@login_required
def annual(request, year: int):
    shop = _shop(request)
    services.validate_year(shop, year)
    snapshot = selectors.snapshot_get(shop=shop, year=year)
    job = selectors.job_latest(shop=shop, year=year)
    context = {
        "shop": shop,
        "year": year,
        "years": _years(shop),
        "shops": permissions.shops(request.user, "read"),
        "job": job,
        "job_active": job is not None and job.status in ACTIVE_STATUSES,
        "may_refresh": permissions.may(request.user, shop_id=shop.pk, action="refresh"),
        "snapshot": snapshot,
        # A snapshot of the running year is behind the live dashboard by what happened since.
        "running_year": year == services.current_year(shop),
    }
    if snapshot is not None:
        context.update(report_context(snapshot))
    return render(request, "reports/annual.html", context)


@login_required
def annual_pdf(request, year: int):
    shop = _shop(request)
    services.validate_year(shop, year)
    snapshot = selectors.snapshot_require(shop=shop, year=year)
    language = request.GET.get("lang")
    if language not in ("en", "zh-hans"):
        language = translation.get_language()
    response = HttpResponse(render_annual_pdf(snapshot, language=language), "application/pdf")
    response["Content-Disposition"] = f'inline; filename="satisfaction-{shop.code}-{year}.pdf"'
    return response


@login_required
@require_POST
def annual_refresh(request, year: int):
    shop = _shop(request)
    job = services.annual_refresh_request(shop_pk=shop.pk, year=year, user=request.user)
    if request.htmx:
        return render(request, "reports/_job_progress.html", {"job": job})
    return redirect(f"{reverse('reports:annual', args=[year])}?shop={shop.pk}")


@login_required
def job_progress(request, pk: int):
    """The refresh's progress bar, polled by htmx until the job is done; then the page reloads
    to show the new figures."""
    job = selectors.job_get_for_user(user=request.user, pk=pk)
    permissions.require(request.user, shop_id=job.shop_id, action="read")
    response = render(request, "reports/_job_progress.html", {"job": job})
    if request.htmx and job.status == "done" and request.GET.get("reload") == "1":
        response["HX-Refresh"] = "true"
    return response


# --- the quality page ------------------------------------------------------------------------

DRILL_PAGE_SIZE = 25


def _quality_request(request, action: str = "read_quality"):
    """The shop (a reader's: ``report_shop`` and the table say who) and the range form. A
    reader of several shops (a manager of two, a group) who named none sees the first, with the
    page's shop picker beside it, rather than a refusal."""
    readable = permissions.shops(request.user, action)
    shop = readable[0] if not request.GET.get("shop") and len(readable) > 1 else _shop(request)
    permissions.require(request.user, shop_id=shop.pk, action=action)
    return shop, range_form(shop, request.GET)


def _range_or_invalid(form) -> tuple:
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise Invalid(errors[0], field=field)
    return form.cleaned_data["from"], form.cleaned_data["to"]


@login_required
def quality(request):
    """The shop's quality figures over a period (this year so far unless asked): Pareto charts
    by count and money, reopen rate, comebacks, corrective actions, suppliers, the trend."""
    shop, form = _quality_request(request)
    context = {
        "shop": shop,
        "form": form,
        "shops": permissions.shops(request.user, "read_quality"),
        "may_refresh": permissions.may(request.user, shop_id=shop.pk, action="refresh_quality"),
    }
    if not form.is_valid():
        return render(request, "reports/quality.html", context, status=400)
    start, end = form.cleaned_data["from"], form.cleaned_data["to"]
    report = selectors.quality_report(shop, start, end)
    context.update(page_context(shop, start, end, report))
    return render(request, "reports/quality.html", context)


@login_required
@require_POST
def quality_refresh(request):
    """Compute the period's figures again now (a reader may), then back to the page."""
    shop, form = _quality_request(request, action="refresh_quality")
    start, end = _range_or_invalid(form)
    selectors.quality_report(shop, start, end, refresh=True)
    return redirect(f"{reverse('reports:quality')}?{query(shop, start, end)}")


@login_required
def quality_complaints(request):
    """The complaints behind one bar of the quality page, a page at a time."""
    shop, form = _quality_request(request)
    start, end = _range_or_invalid(form)
    by, key = request.GET.get("by", ""), request.GET.get("key", "")
    view = request.GET.get("view", "")
    qs = selectors.quality_complaints(shop, start, end, by=by, key=key, view=view)
    page = LateRowPaginator(qs, DRILL_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "shop": shop,
        "start": start,
        "end": end,
        "page": page,
        "by": by,
        "key": key,
        "dimension": DIMENSION_NAMES[by],
        "bar_label": bar_label(by, key),
        "may_open": complaint_permissions.may_open(request.user, shop_id=shop.pk),
        "query": query(shop, start, end),
        "drill_query": query(shop, start, end, by=by, key=key, **({"view": view} if view else {})),
    }
    return render(request, "reports/quality_complaints.html", context)


@login_required
def quality_figures_csv(request):
    shop, form = _quality_request(request)
    start, end = _range_or_invalid(form)
    report = selectors.quality_report(shop, start, end)
    response = HttpResponse(quality_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="quality-{shop.code}-{start.isoformat()}-{end.isoformat()}.csv"'
    )
    return response


@login_required
def quality_figures_xlsx(request):
    shop, form = _quality_request(request)
    start, end = _range_or_invalid(form)
    report = selectors.quality_report(shop, start, end)
    return download_response(
        quality_xlsx(report),
        filename=f"quality-{shop.code}-{start.isoformat()}-{end.isoformat()}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


@login_required
def quality_pdf(request):
    shop, form = _quality_request(request)
    start, end = _range_or_invalid(form)
    report = selectors.quality_report(shop, start, end)
    language = request.GET.get("lang")
    if language not in ("en", "zh-hans"):
        language = translation.get_language()
    pdf = render_quality_pdf(shop, start, end, report, language=language)
    response = HttpResponse(pdf, "application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="quality-{shop.code}-{start.isoformat()}-{end.isoformat()}.pdf"'
    )
    return response
