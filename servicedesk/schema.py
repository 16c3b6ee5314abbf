"""The OpenAPI schema tells the truth about errors and blank choices.

drf-spectacular documents what each view declares; the answers every view can give anyway are
added here once, for every operation, so a client (and the fuzzer) can rely on the schema:

- 400 with field errors wherever there is input (a body, query filters or a page number);
- 401 and 403 wherever a token or session is required;
- 404 wherever a path names a record, and on lists (a page past the end);
- 413 and 415 wherever there is a request body (too large; bodies are JSON only, photos
  multipart only);
- every error but 400 is ``Error`` (``detail``, and a ``code`` where the domain gives one).

A choice field that may be blank in the database says so in the response schema: DRF drops
``allow_blank`` from read-only fields, so the blank is put back for the schema here. A file is
answered as its address on the site (``/media/…``), or null where none was given.
"""

from django.db import models
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from .api_fields import decimal_pattern
from .limits import LARGEST_INTEGER

ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
    },
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Field name → messages; non-field errors under detail or non_field_errors.",
    "additionalProperties": {},
}
DESCRIPTIONS = {
    "400": "Invalid input: the fields and what is wrong with them.",
    "401": "No valid token or session.",
    "403": "Your role does not allow this (or the CSRF token is missing).",
    "404": "Missing, or another shop's: the two answer alike.",
    "409": "The record's current state refuses this.",
    "413": "The body is larger than the site accepts.",
    "415": "The body must be JSON (photos: multipart).",
    "429": "Too many requests, or locked out after failed log-ins.",
}
# What a write declares beside its answer: the refusals ``declare_error_responses`` cannot tell
# from the operation — 404 for a record named in the body (or a shop one does not work at), 409
# for the record's state or a stale copy. The others it adds itself.
NOT_FOUND = OpenApiResponse(description=DESCRIPTIONS["404"])
REFUSALS = {404: NOT_FOUND, 409: OpenApiResponse(description=DESCRIPTIONS["409"])}


class ServiceDeskAutoSchema(AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        result = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            isinstance(field, serializers.ChoiceField)
            and field.read_only
            and "enum" in result
            and "" not in result["enum"]
            and _model_field_is_blank(field)
        ):
            result = {**result, "enum": [*result["enum"], ""]}
        if isinstance(field, serializers.DecimalField) and result.get("type") == "string":
            # drf-spectacular's pattern lets "" and "-" through; the field takes what this says
            # (servicedesk.api_fields.strict_json_types).
            result = {**result, "pattern": decimal_pattern(field)}
        if isinstance(field, serializers.FileField) and direction == "response":
            # The file's address on this site (MEDIA_URL…), not necessarily an absolute URI;
            # null where no file was given.
            result = {k: v for k, v in result.items() if k != "format"}
            if _model_field_is_blank(field):
                result["nullable"] = True
        return result


def _model_field_is_blank(field) -> bool:
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return False
    try:
        model_field = model._meta.get_field(field.source)
    except Exception:  # not a model field (a property, a method)
        return False
    return isinstance(model_field, models.Field) and model_field.blank


def _has_input(operation: dict) -> bool:
    return bool(operation.get("requestBody")) or bool(operation.get("parameters"))


def declare_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: see the module docstring."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR
    components["ValidationError"] = VALIDATION_ERROR
    error = {"$ref": "#/components/schemas/Error"}
    invalid = {"$ref": "#/components/schemas/ValidationError"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            _numeric_path_parameters(operation)
            responses = operation.setdefault("responses", {})
            codes = set()
            if _has_input(operation):
                codes.add("400")
            if operation.get("security") != [] and any(operation.get("security", [{}])):
                codes |= {"401", "403"}
            if "{" in path or (method == "get" and "page" in _param_names(operation)):
                codes.add("404")
            if operation.get("requestBody"):
                codes |= {"413", "415"}
            for code in codes:
                responses.setdefault(code, {"description": DESCRIPTIONS[code]})
            for code, response in responses.items():
                if not code.startswith("4"):
                    continue
                response.setdefault("description", DESCRIPTIONS.get(code, ""))
                schema = invalid if code == "400" else error
                # JSON errors take the one shape; other declared forms (CSV) are kept.
                response.setdefault("content", {})["application/json"] = {"schema": schema}
    return result


def _param_names(operation: dict) -> set[str]:
    return {p.get("name") for p in operation.get("parameters", []) if isinstance(p, dict)}


# A larger number in a path or a filter is a 400 (servicedesk.filters.IdFilter; "too large",
# servicedesk.errors), so the schema says where numbers end.
LARGEST = LARGEST_INTEGER


def _numeric_path_parameters(operation: dict) -> None:
    """A path part routed as ``(?P<line_id>\\d+)`` is a record's number: an integer, as the
    ``{id}`` beside it, not text of digits (a client generating ids follows the type). Integers
    in paths and query strings end where the database's do."""
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "path" and parameter.get("schema") == {
            "type": "string",
            "pattern": r"^\d+$",
        }:
            parameter["schema"] = {"type": "integer"}
        schema = parameter.get("schema", {})
        if parameter.get("in") in ("path", "query") and schema.get("type") == "integer":
            schema.setdefault("maximum", LARGEST)
            schema.setdefault("minimum", -LARGEST - 1)
