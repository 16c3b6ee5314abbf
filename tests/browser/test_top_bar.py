"""The top bar of the role with the most links, on a desktop: every link on the screen."""

import pytest
from playwright.sync_api import expect

from .conftest import fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1200, 1440])
def test_a_managers_top_bar_wraps_instead_of_running_off_the_screen(open_as, manager, width):
    page = open_as(manager, viewport={"width": width, "height": 800})
    expect(page.locator(".navbar-toggler")).to_be_hidden()  # expanded from 1200 px
    fits_the_screen(page)
    for link in page.locator("#mainnav .nav-link").all():
        box = link.bounding_box()
        assert box and box["x"] + box["width"] <= width, link.inner_text()
    expect(page.get_by_label("Language")).to_be_visible()
