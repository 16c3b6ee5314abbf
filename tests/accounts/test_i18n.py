import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.smoke


def test_the_compiled_chinese_catalog_is_in_use(db):
    with translation.override("zh-hans"):
        assert translation.gettext("Log in") == "登录"
        assert translation.gettext("Service advisor") == "服务顾问"


def test_the_language_switcher_turns_the_page_chinese(client, advisor):
    client.force_login(advisor)
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("home")}, follow=True
    )
    body = response.content.decode()
    assert 'lang="zh-hans"' in body
    assert "服务顾问" in body
    assert "退出" in body


def test_a_browser_asking_for_chinese_gets_chinese(client, db):
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert "登录" in body


def test_the_chinese_catalog_has_no_untranslated_string():
    po_files = list((settings.BASE_DIR).glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))
    po_files = [p for p in po_files if ".venv" not in p.parts]
    assert po_files
    for path in po_files:
        po = polib.pofile(str(path))
        missing = [
            e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)
        ]
        assert missing == [], f"{path}: {missing}"
