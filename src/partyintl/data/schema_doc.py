"""The data file's schema in words, generated from the models' JSON Schema.

Every record kind (DatasetFile first, then the others as fields lead to them) with each of
its fields: the JSON type, whether it is required, and the description the model gives it.
The models are the one truth; `partyintl schema --json` prints the JSON Schema itself.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type(spec: Schema) -> str:
    """A field's type in words: text, whole number, list of Citation, Date or null, ..."""
    if "$ref" in spec:
        # A record kind that takes fewer values here (partners: their types, a listing).
        narrowed = [
            f"{field}: {_type(fspec)}"
            for field, fspec in spec.get("properties", {}).items()
            if "enum" in fspec
        ] + [f"{f} required" for rule in spec.get("allOf", ()) for f in rule.get("required", ())]
        name = _ref_name(spec["$ref"])
        return f"{name} ({'; '.join(narrowed)})" if narrowed else name
    if "anyOf" in spec:
        kinds = [_type(s) for s in spec["anyOf"]]
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in spec:
        return "one of " + ", ".join(str(v) for v in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if kind == "string" and spec.get("pattern", "").startswith("^[0-9XYES"):
        return "date (EDTF)"
    return {
        "string": "text",
        "integer": "whole number",
        "number": "number",
        "boolean": "true or false",
        "null": "null",
        "object": "object",
    }.get(str(kind), str(kind))


def _order(schema: Schema) -> list[str]:
    """Record kinds in the order a reader meets them: the file, then depth first."""
    defs: Schema = schema.get("$defs", {})
    seen: list[str] = []

    def visit(spec: Any) -> None:
        if isinstance(spec, dict):
            ref = spec.get("$ref")
            if isinstance(ref, str):
                name = _ref_name(ref)
                if name not in seen:
                    seen.append(name)
                    visit(defs.get(name, {}))
            for value in spec.values():
                visit(value)
        elif isinstance(spec, list):
            for value in spec:
                visit(value)

    visit(schema.get("properties", {}))
    return seen


def describe() -> str:
    """The schema as Markdown: one section per record kind, one line per field."""
    from ..cli.spec import flag
    from .models import json_schema
    from .numbers import SCHEMA_VERSION

    schema = json_schema()
    defs: Schema = schema.get("$defs", {})
    lines = [
        f"# partyintl data file, schema version {SCHEMA_VERSION}",
        "",
        "A JSON object. Every field is listed with its type; fields marked (required) must be",
        "given, the others may be left out (null or empty). Ids are slugs (lower-case letters",
        "and digits joined by dashes), unique in the file, and every reference must resolve.",
        "`partyintl validate FILE` checks a file in full; "
        f"`partyintl schema {flag('json_', 'schema')}` prints the",
        "JSON Schema.",
    ]
    for name, spec in [("DatasetFile", schema), *((n, defs[n]) for n in _order(schema))]:
        lines += ["", f"## {name}", "", " ".join(str(spec.get("description", "")).split())]
        required = set(spec.get("required", ()))
        lines.append("")
        if "enum" in spec:
            lines.append("Values: " + ", ".join(f"`{v}`" for v in spec["enum"]) + ".")
        for field, fspec in spec.get("properties", {}).items():
            need = " (required)" if field in required else ""
            text = " ".join(str(fspec.get("description", "")).split())
            lines.append(f"- `{field}` ({_type(fspec)}){need}: {text}")
    return "\n".join(lines) + "\n"
