"""Schemathesis hooks for the contract run (scripts/schemathesis).

A client sends a fresh `Idempotency-Key` for each new request; one reused with another request is
refused (422 `idempotency_key_reused`) by design, so a well-formed key becomes a new UUID on
every generated request (malformed keys are left as generated, to be refused). A `cursor` is
opaque: only the `next_cursor` of a page (or the feed's `after`) is one, so generated ones are dropped.
"""

import re
import uuid

import schemathesis

_VISIBLE = re.compile(r"^[\x21-\x7e]{1,128}$")


@schemathesis.hook
def map_headers(ctx, headers):
    if headers:
        for name in list(headers):
            value = headers[name]
            if name.lower() == "idempotency-key" and isinstance(value, str) and _VISIBLE.match(value):
                headers[name] = str(uuid.uuid4())
    return headers


@schemathesis.hook
def before_call(ctx, case, kwargs):
    # The coverage phase builds its cases without `map_headers`: the same rule, on the case. A
    # fresh key is no edit of what was generated: the case keeps its label (schemathesis 4.32
    # would otherwise revalidate it, and a case missing its `Authorization` would lose that).
    if case.headers:
        map_headers(ctx, case.headers)
        case._sync_validated_hashes()


@schemathesis.hook
def map_query(ctx, query):
    for name in ("cursor", "after"):
        if query and name in query:
            del query[name]
    return query
