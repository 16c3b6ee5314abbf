"""Long texts have limits, and the schema states them (issue 13.9): a megabyte of "customer's
words" was stored. Every free-text field a client may send has a maxLength in the schema, and
past it the API answers 400 on that field."""

from drf_spectacular.generators import SchemaGenerator

from servicedesk.limits import NARRATIVE

# Strings that are not free text: their format or choices bound them already.
BOUNDED = ("enum", "format", "maxLength", "pattern")


def _unbounded(schema: dict, components: dict, path: str, seen: set) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        return _unbounded(components[name], components, f"{path}<{name}>", seen | {name})
    found = []
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            found += _unbounded(part, components, path, seen)
    is_text = schema.get("type") == "string" and not schema.get("readOnly")
    if is_text and not any(k in schema for k in BOUNDED):
        found.append(path)
    for name, prop in (schema.get("properties") or {}).items():
        found += _unbounded(prop, components, f"{path}.{name}", seen)
    if isinstance(schema.get("items"), dict):
        found += _unbounded(schema["items"], components, f"{path}[]", seen)
    return found


def test_every_text_a_client_sends_has_a_stated_limit(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    unbounded = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for content in (operation.get("requestBody") or {}).get("content", {}).values():
                where = f"{method.upper()} {path}"
                unbounded += _unbounded(content["schema"], components, where, set())
    assert not unbounded, "\n".join(sorted(set(unbounded)))


def test_a_megabyte_of_customers_words_is_refused_on_the_field(api_as, advisor, shop):
    body = {"shop": shop.pk, "channel": "phone", "customer_words": "x" * 1_000_000}
    r = api_as(advisor).post("/api/v1/complaints/", body, format="json")
    assert r.status_code == 400 and "customer_words" in r.json()


def test_words_at_the_limit_are_taken(api_as, advisor, shop):
    body = {"shop": shop.pk, "channel": "phone", "customer_words": "吵" * NARRATIVE}
    assert api_as(advisor).post("/api/v1/complaints/", body, format="json").status_code == 201


def test_the_intake_page_refuses_a_megabyte_on_the_field(browser_as, advisor, shop):
    r = browser_as(advisor).post(
        "/complaints/new/",
        {
            "shop": shop.pk,
            "channel": "in_person",
            "severity": "minor",
            "customer_words": "x" * 10**6,
        },
    )
    assert r.status_code in (200, 400)
    assert "customer_words" in r.context["form"].errors
