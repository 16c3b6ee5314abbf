"""Seed 003 §5(1): a wait beyond reason before the greeting — the advisor is prompted to
apologise and explain, and to offer a special reception; at keep, to apologise again."""

from django.test import override_settings
from django.utils import translation

from interactions.stages import LONG_WAIT_AGAIN, LONG_WAIT_REMEDY, long_wait_prompt
from tests.interactions.factories import InteractionFactory


def test_a_long_wait_prompts_the_apology_and_the_special_reception(shop, advisor):
    interaction = InteractionFactory(shop=shop, advisor=advisor, wait_seconds=20 * 60)
    prompt = long_wait_prompt(interaction)
    assert prompt["minutes"] == 20 and prompt["remedy"] == str(LONG_WAIT_REMEDY)
    assert "20" in prompt["title"] and not prompt["again"]


def test_a_short_wait_prompts_nothing(shop, advisor):
    assert (
        long_wait_prompt(InteractionFactory(shop=shop, advisor=advisor, wait_seconds=300)) is None
    )


@override_settings(GREET_LONG_WAIT_MINUTES=5)
def test_the_threshold_is_a_setting(shop, advisor):
    assert long_wait_prompt(InteractionFactory(shop=shop, advisor=advisor, wait_seconds=360))


def test_at_keep_apologise_again_as_they_leave(shop, advisor):
    interaction = InteractionFactory(shop=shop, advisor=advisor, wait_seconds=1800, stage="keep")
    assert long_wait_prompt(interaction)["again"] == str(LONG_WAIT_AGAIN)
    closed = InteractionFactory(shop=shop, advisor=advisor, wait_seconds=1800, stage="closed")
    assert long_wait_prompt(closed) is None


def test_the_page_shows_it_in_both_languages(browser_as, shop, advisor):
    interaction = InteractionFactory(shop=shop, advisor=advisor, wait_seconds=25 * 60)
    browser = browser_as(advisor)
    page = browser.get(f"/interactions/{interaction.pk}/").content.decode()
    assert 'id="long-wait"' in page and str(LONG_WAIT_REMEDY) in page
    browser.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = browser.get(f"/interactions/{interaction.pk}/").content.decode()
    with translation.override("zh-hans"):
        assert str(LONG_WAIT_REMEDY) in page and "特别接待" in page


def test_the_api_gives_it(api_as, shop, advisor):
    interaction = InteractionFactory(shop=shop, advisor=advisor, wait_seconds=25 * 60)
    body = api_as(advisor).get(f"/api/v1/interactions/{interaction.pk}/").json()
    assert body["long_wait"]["minutes"] == 25 and body["long_wait"]["remedy"]
    short = InteractionFactory(shop=shop, advisor=advisor, wait_seconds=60)
    assert api_as(advisor).get(f"/api/v1/interactions/{short.pk}/").json()["long_wait"] is None
