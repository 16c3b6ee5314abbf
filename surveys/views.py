"""The customer's survey page (public: the token is the only key) and the staff's view of
one answered survey."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from servicedesk.errors import Conflict, Outcome, submit

from . import selectors, services
from .forms import SurveyAnswerForm

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _language(request, survey) -> str:
    """The survey's language unless the customer switched with ``?lang=``."""
    wanted = request.GET.get("lang") or request.POST.get("lang")
    return wanted if wanted in LANGUAGE_CODES else survey.language


@never_cache
@csrf_protect
def answer(request, token: str):
    survey = services.survey_for_token(token)
    language = _language(request, survey)
    with translation.override(language):
        context = {"survey": survey, "lang": language, "languages": settings.LANGUAGES}
        status = services.survey_status(survey)
        if status != services.SurveyStatus.OPEN:
            return _closed(request, context, status)
        form = SurveyAnswerForm(request.POST or None)
        done = Outcome()
        if request.method == "POST":
            done = submit(form, lambda: services.survey_answer(token=token, **form.cleaned_data))
            if done:
                return redirect(f"{request.path}?lang={language}")
            if isinstance(done.error, Conflict):  # answered or expired meanwhile: say that
                return _closed(request, context, done.error.code)
        context["form"] = form
        # A refused answer says so in its status too, as every other form of the site does.
        response = render(request, "surveys/answer.html", context, status=done.status)
    return response


def _closed(request, context, status: str):
    status_code = 410 if status == services.SurveyStatus.EXPIRED else 200
    context["status"] = status
    return render(request, "surveys/closed.html", context, status=status_code)


@login_required
def detail(request, pk: int):
    survey = selectors.survey_get_for_user(user=request.user, pk=pk)
    return render(request, "surveys/detail.html", {"survey": survey})
