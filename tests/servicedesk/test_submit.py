"""``submit``: the one way a page sends a form to a service and maps the outcome."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from servicedesk.errors import Conflict, Forbidden, Invalid, NotFound, Outcome, submit


class AmountForm(forms.Form):
    amount = forms.IntegerField()
    version = forms.IntegerField()


def _form(**data):
    return AmountForm({"amount": "5", "version": "1", **data})


def _refuse(exc):
    def call():
        raise exc

    return call


def test_an_accepted_submit_is_true_with_the_services_answer():
    done = submit(_form(), lambda: "saved")
    assert done and done.value == "saved" and done.status == 200


def test_a_service_answering_nothing_is_still_accepted():
    assert submit(_form(), lambda: None)


def test_input_the_form_refuses_is_not_sent_and_answers_400():
    sent = []
    done = submit(_form(amount="x"), lambda: sent.append(1))
    assert not done and done.status == 400 and done.error is None and sent == []


def test_a_refusal_lands_under_the_field_it_names_with_its_own_status():
    form = _form()
    done = submit(form, _refuse(Invalid("Too much.", field="amount")))
    assert not done and done.status == 400
    assert form.errors == {"amount": ["Too much."]}


def test_a_refused_state_is_a_409_at_the_top_of_the_form_with_what_was_typed():
    form = _form()
    done = submit(form, _refuse(Conflict("Already decided.", field="nowhere")))
    assert not done and done.status == 409 and isinstance(done.error, Conflict)
    assert form.non_field_errors() == ["Already decided."]
    assert form["amount"].value() == "5"


def test_a_stale_copy_comes_back_with_the_current_version():
    form = _form()
    submit(form, _refuse(Conflict("Stale.")), current_version=lambda: 7)
    assert form["version"].value() == "7" and form["amount"].value() == "5"


@pytest.mark.parametrize("exc", [Forbidden(), NotFound()])
def test_who_you_are_and_what_you_may_see_are_not_form_errors(exc):
    with pytest.raises(type(exc)):
        submit(_form(), _refuse(exc))


def test_a_button_says_the_refusal_as_a_message():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    done = submit(None, _refuse(Conflict("Not possible now.")), request=request)
    assert not done and done.status == 409
    assert [str(m) for m in get_messages(request)] == ["Not possible now."]


def test_a_page_before_any_submit_answers_200():
    assert not Outcome() and Outcome().status == 200
