"""A form whose buttons are the choice (Approve / Reject, Effective / Not effective) must not
choose by Enter: implicit submission presses the form's first submit button, so a note typed and
Entered would approve the money or close the action. Every such form with a box one types in
includes ``_no_implicit_submit.html`` (a disabled first button) before its buttons. Where the first
button is a plain "save" (the interaction's stage form), Enter saving what was typed is meant."""

import re
from pathlib import Path

from django.conf import settings

FORM = re.compile(r"<form\b.*?</form>", re.S)
CHOICE = re.compile(r'<button\b[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"')
TYPED = re.compile(r'<input\b(?![^>]*type="(?:hidden|checkbox|radio|file)")[^>]*>')
GUARD = '{% include "_no_implicit_submit.html" %}'


def _choice_forms():
    root = Path(settings.BASE_DIR)
    for path in root.glob("*/templates/**/*.html"):
        for form in FORM.findall(path.read_text()):
            choices = CHOICE.findall(form)
            names = [name for name, _value in choices]
            if len(names) > len(set(names)):
                yield path.relative_to(root), form, choices


def test_every_form_whose_buttons_are_the_choice_ignores_enter():
    unguarded = [
        f"{path}: {form[:80]!r}"
        for path, form, choices in _choice_forms()
        if TYPED.search(form)
        and choices[0][1] != "save"
        and not (GUARD in form and form.index(GUARD) < CHOICE.search(form).start())
    ]
    assert not unguarded, "Enter would press the first choice:\n" + "\n".join(unguarded)


def test_the_check_sees_the_decision_forms():
    guarded = [path for path, form, _c in _choice_forms() if GUARD in form]
    # The remedy decision and the verification, each on its list and on the complaint page.
    assert len(guarded) >= 4, guarded
