"""The complaint pages draw their forms with the plain templates (templates/_plain_form.html,
_plain_field.html), not crispy's per-field ones: what a person sees and what the browser tests
find (labels, ids, names, the error under its field, aria) stays what crispy drew."""

import re

import pytest
from django.template import engines
from django.utils import translation

from complaints import forms
from tests.vehicles.factories import SupplierFactory

CRISPY = engines["django"].from_string("{% load crispy_forms_tags %}{{ form|crispy }}")
PLAIN = engines["django"].from_string('{% include "_plain_form.html" %}')

REFUSED = {
    "q": "a\x00",
    "state": "nowhere",
    "severity": "zz",
    "category": "zz",
    "kind": "?",
    "amount": "x",
    "due_date": "2001-99-01",
    "next_try": "bad",
    "reached": "maybe",
    "owner": "999999",
    "supplier": "abc",
    "received_from": "x",
    "message-channel": "zz",
    "overdue": "on",
}


def _markup(template, form) -> list[str]:
    """The markup tag by tag, whitespace between tags aside (crispy's templates leave blank
    lines where ours do not)."""
    html = re.sub(r"\s+", " ", template.render({"form": form}))
    html = re.sub(r"\s*(<|>)\s*", r"\1", html)
    return html.replace("><", ">\n<").splitlines()


FORMS = {
    "list filters": lambda c, data: forms.ListFilterForm(
        data, shop_ids=[c.shop_id], offered=frozenset({"mine"})
    ),
    "register export": lambda c, data: forms.ExportForm(data),
    "facts": lambda c, data: forms.FactsForm(data, complaint=c),
    "facts, nature not theirs": lambda c, data: forms.FactsForm(
        data, complaint=c, may_determine=False
    ),
    "remedy": lambda c, data: forms.RemedyForm(data),
    "corrective action": lambda c, data: forms.ActionForm(data, complaint=c),
    "supplier deduction": lambda c, data: forms.DeductionForm(data, complaint=c),
    "message": lambda c, data: forms.CustomerMessageForm(data),
    "follow-up": lambda c, data: forms.FollowUpForm(data),
    "pause": lambda c, data: forms.PauseForm(data, initial={"version": c.version}),
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("data", [None, {}, REFUSED], ids=["unbound", "empty", "refused"])
def test_a_form_draws_as_crispy_drew_it(complaint, shop, name, data, language):
    SupplierFactory(shop=shop)
    with translation.override(language):
        # Two forms: crispy writes its classes into the widgets of the form it draws.
        theirs, ours = FORMS[name](complaint, data), FORMS[name](complaint, data)
        assert _markup(PLAIN, ours) == _markup(CRISPY, theirs)


def test_a_refused_field_says_why_under_it(complaint):
    form = forms.ListFilterForm(REFUSED, shop_ids=[complaint.shop_id], offered=frozenset())
    html = PLAIN.render({"form": form})
    assert 'class="select form-select is-invalid"' in html
    assert 'aria-invalid="true" aria-describedby="id_state_error"' in html
    assert '<div id="id_state_error" class="invalid-feedback">' in html
