"""Which forms the pages offer, found by reading the pages, not by a list kept by hand.

Every page of the URL conf is in the permission matrix's table with a concrete path on the
records of ``tests/reliability/scenario.py``. ``discover`` opens each page as a role that may see
it and reads its ``<form>``s; a form is named by the view it posts to and, where one view takes
several forms, by its hidden ``form`` field: ``vehicles:work-order-detail#edit``. A form that
appears on a page and is not in the registry (``tests/browser/form_cases.py``) fails the
coverage test in ``test_every_form.py``, so a new form cannot go untested.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

from tests.reliability import scenario
from tests.reliability.test_permission_matrix import ROLES, TABLE, _fill

# Pages that are files or fragments, not a page a person fills in.
NOT_PAGES = (".pdf", ".csv", ".xlsx", ".png", "/pdf/", "/panel/", "/progress/", "/pick/", "healthz")


@dataclass
class FoundForm:
    key: str
    page: str  # the path of a page showing it
    role: str  # a role that sees it there
    method: str
    fields: list = field(default_factory=list)
    dates: list = field(default_factory=list)  # its date and date-time inputs


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._open = {"attrs": attrs, "form": "", "fields": [], "dates": []}
            self.forms.append(self._open)
        elif self._open is not None and tag in ("input", "select", "textarea", "button"):
            name = attrs.get("name")
            if tag == "input" and name == "form" and attrs.get("type") == "hidden":
                self._open["form"] = attrs.get("value", "")
            elif name and attrs.get("type") not in ("hidden", "submit", "button"):
                self._open["fields"].append(name)
                if attrs.get("type") in ("date", "datetime-local"):
                    self._open["dates"].append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def form_key(page_path: str, action: str, form_value: str) -> str | None:
    target = urlsplit(action or page_path).path or urlsplit(page_path).path
    try:
        match = resolve(target)
    except Resolver404:
        return None
    return match.view_name + (f"#{form_value}" if form_value else "")


# A record's page shows other forms in other states: each state the scenario holds is visited.
STATES = {
    "complaints/<int:pk>/": [
        "complaint_resolving",
        "complaint_agreed",
        "complaint_corrective",
        "complaint_follow",
    ],
    "work-orders/<int:pk>/": ["wo_auth", "wo_prog", "wo_ready", "wo_done"],
}


def page_paths(ids: dict) -> list[tuple[str, str]]:
    """(route, concrete path) of every page of the table that a person opens, in each state."""
    rows = [
        r
        for r in TABLE
        if r.method == "GET" and not r.route.startswith("/api/") and r.route != "login/"
    ]
    paths = [
        (r.route, _fill(r.path, ids, "advisor"))
        for r in rows
        if not any(part in r.path for part in NOT_PAGES)
    ]
    for route, names in STATES.items():
        for name in names:
            paths.append((route, "/" + route.replace("<int:pk>", str(ids[name]))))
    return paths


def discover(who: dict, ids: dict) -> dict[str, FoundForm]:
    """Every form of every page, keyed as above, with a page and a role that show it."""
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        clients[role].force_login(who[role])
    found: dict[str, FoundForm] = {}
    for _route, path in page_paths(ids):
        for role in ROLES:
            response = clients[role].get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for form in parser.forms:
                attrs = form["attrs"]
                key = form_key(path, attrs.get("action", ""), form["form"])
                if key is None or key in found:
                    continue
                found[key] = FoundForm(
                    key=key,
                    page=path,
                    role=role,
                    method=(attrs.get("method") or "get").lower(),
                    fields=form["fields"],
                    dates=form["dates"],
                )
    return found


def world(shop):
    who = scenario.people(shop, "n")
    ids = scenario.build(shop, who)
    ids["quality_user"] = who["quality"].pk
    return who, ids
