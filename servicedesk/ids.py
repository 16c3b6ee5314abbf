"""Records handed to a service by id (CONVENTIONS §9)."""


def as_ids(values: dict, *names: str) -> dict:
    """A form's or serializer's checked values as a service takes them: each record named in
    ``names`` by its id as ``<name>_pk`` (None for none), every other value as it is."""
    return {
        (f"{key}_pk" if key in names else key): (
            getattr(value, "pk", None) if key in names else value
        )
        for key, value in values.items()
    }
