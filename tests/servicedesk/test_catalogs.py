"""The Chinese catalogs read as one text: every entry is the one shown (no other catalog — ours
or a library's — wins with another sense of the same English word), one term per concept, and
words put together in templates read as Chinese."""

from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from reports.export import snapshot_csv
from tests.interactions.factories import EscalationFactory, InteractionFactory
from tests.vehicles.factories import CustomerFactory

ROOT = Path(__file__).resolve().parents[2]


def _catalogs():
    for path in sorted(ROOT.rglob("locale/zh_Hans/LC_MESSAGES/django.po")):
        if ".venv" not in path.parts:
            yield path.relative_to(ROOT), polib.pofile(str(path))


def _entries():
    for path, po in _catalogs():
        for entry in po:
            if not entry.obsolete and entry.msgstr:
                yield path, entry


def test_every_chinese_entry_is_the_one_shown():
    """Catalogs are merged at run time, the first app's entry winning: the same English word
    translated two ways (Owner: 车主 / 负责人) shows one of them everywhere. One English word
    with two senses needs a context (pgettext)."""
    lost = []
    with translation.override("zh-hans"):
        for path, e in _entries():
            shown = pgettext(e.msgctxt, e.msgid) if e.msgctxt else gettext(e.msgid)
            if shown != e.msgstr:
                lost.append(f"{path}: {e.msgctxt or ''}|{e.msgid!r} → {shown!r}, not {e.msgstr!r}")
    assert lost == []


# One term per concept (DESIGN.md and the shop's documents).
NOT_OUR_TERMS = {
    "工单": "施工单",
    "供应商": "供方",
    "维修顾问": "服务顾问",
    "整改措施": "纠正措施",
    "投诉处理报告": "客户意见处理报告",
    "升级": "上报",  # an escalation goes up to the manager
    "零件": "配件",
}


@pytest.mark.parametrize(("wrong", "right"), NOT_OUR_TERMS.items())
def test_one_term_per_concept(wrong, right):
    found = [
        f"{path}: {e.msgid!r} → {e.msgstr!r}"
        for path, e in _entries()
        if wrong in e.msgstr.replace(right, "")
    ]
    assert found == []


def test_the_fixed_terms_read_right():
    with translation.override("zh-hans"):
        assert pgettext("corrective action", "Owner") == "负责人"
        assert pgettext("person", "Name") == "姓名"
        assert gettext("Owner") == "车主"  # a vehicle's


def snapshot_csv_header() -> str:
    snapshot = SimpleNamespace(figures={}, computed_at=timezone.now())
    return snapshot_csv(snapshot).lstrip("\ufeff").splitlines()[0]


def test_the_customer_list_and_annual_csv_say_name_as_a_chinese_reader_would(
    browser_as, advisor, shop
):
    with translation.override("zh-hans"):
        assert snapshot_csv_header().split(",")[1] == "名称"
    CustomerFactory(shop=shop, name="周敏")
    client = browser_as(advisor)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("vehicles:customer-list"), {"q": "周"}).content.decode()
    assert "<th>姓名</th>" in page and "任务名" not in page


def test_an_escalation_row_names_its_stage_as_chinese_does(browser_as, advisor, manager, shop):
    interaction = InteractionFactory(
        customer=CustomerFactory(shop=shop), advisor=advisor, stage="keep"
    )
    EscalationFactory(interaction=interaction, kind="unexpected_demand", reason="Wants a loaner")
    client = browser_as(manager)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("interactions:escalations")).content.decode()
    assert "维系阶段" in page and "时间 维系" not in page


def test_djangos_length_and_range_refusals_read_as_the_counter_speaks():
    """Django's own Chinese says "确保该变量包含不超过 80 字符" (this *variable*): the project
    catalog says it as a person reads it, and wins over Django's."""
    from django.core.exceptions import ValidationError
    from django.core.validators import MaxLengthValidator, MinLengthValidator, MinValueValidator

    said = []
    with translation.override("zh-hans"):
        for validator, value in (
            (MaxLengthValidator(80), "x" * 81),
            (MinLengthValidator(3), "x"),
            (MinValueValidator(0), -1),
        ):
            with pytest.raises(ValidationError) as refused:
                validator(value)
            said.append(refused.value.messages[0])
    assert said == [
        "最多 80 个字符，现在有 81 个。",
        "至少要 3 个字符，现在只有 1 个。",
        "不能小于 0。",
    ]
    assert not any("变量" in words for words in said)
