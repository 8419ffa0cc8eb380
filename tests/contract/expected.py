"""Writes the schemathesis configuration for the contract run from the contract itself.

A schema-valid request must be accepted (2xx), except where the server decides on more than a
schema can say, read from the operation:
- 412 where it takes `If-Match`: a version that is not the current one is refused by design;
- 422 where the request names other records by id (a record that does not exist, or is not of
  the caller's county), carries a check-digit code (统一社会信用代码, 项目代码), a new password
  (its complexity rule), a date (its order with other dates, or with today), or a file to read;
- 423 where it documents one (an account locked by wrong passwords).

Usage: python3 expected.py openapi.json > schemathesis.toml
"""

import json
import sys

RULED_NAMES = {"credit_code", "project_code", "password", "new_password", "current_password", "file", "from", "to"}


def names_and_formats(schema, components, seen=None):
    seen = seen or set()
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if ref:
            name = ref.rsplit("/", 1)[-1]
            if name in seen:
                return
            seen.add(name)
            yield from names_and_formats(components.get(name, {}), components, seen)
            return
        for key, value in schema.get("properties", {}).items():
            yield key, value.get("format")
            yield from names_and_formats(value, components, seen)
        for key in ("items", "allOf", "oneOf", "anyOf"):
            value = schema.get(key)
            for part in value if isinstance(value, list) else [value] if value else []:
                yield from names_and_formats(part, components, seen)


def main():
    api = json.load(open(sys.argv[1]))
    components = api["components"]["schemas"]
    lines = []
    for path, item in api["paths"].items():
        for method, op in item.items():
            params = op.get("parameters", [])
            fields = [(p["name"], p.get("schema", {}).get("format")) for p in params if p["in"] == "query"]
            for content in op.get("requestBody", {}).get("content", {}).values():
                fields += list(names_and_formats(content.get("schema", {}), components))
            extra = []
            if any(p["in"] == "header" and p["name"].lower() == "if-match" for p in params):
                extra.append(412)
            if any(fmt in ("uuid", "date", "date-time") or name in RULED_NAMES for name, fmt in fields):
                extra.append(422)
            if "423" in op.get("responses", {}):
                extra.append(423)
            if extra:
                statuses = ["2XX", "3XX", 401, 403, 404, 409, 429, "5XX", *extra]
                lines += [
                    "[[operations]]",
                    f'include-operation-id = "{op["operationId"]}"',
                    f"checks.positive_data_acceptance.expected-statuses = {json.dumps(statuses)}",
                    "",
                ]
    print("\n".join(lines))


main()
