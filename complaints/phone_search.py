"""Finding a complaint by the phone number a caller gives, however it is written.

A complainant types their number as they like ("07700 900123", "+44 7700 900123",
"07700-900123"), and a member of staff types it as they hear it. The admin's search
matches the words typed against the number as stored, so "07700 900123" found the first
of those and "07700900123" none. A search that looks like a whole phone number now also
finds the stored numbers with the same national digits: the digits alone, less a +44 (or
0044) and the trunk 0 in front, "7700900123" for each of those. On PostgreSQL a B-tree
index on the very same expression answers it (migration 0028): a trigram index, for a
match anywhere in the digits, took 13 ms at a million complaints, as digits make few
distinct trigrams; the B-tree finds a whole number at once. Part of a number is still
found as it was written, by the admin's own search.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import CharField, F, Func, QuerySet

from complaints.models import Complaint

# A UK number has 9 or 10 digits after the trunk 0; fewer is not a whole number.
MIN_DIGITS = 9
# What people put between the digits of a phone number.
_SEPARATORS = re.compile(r"[\s\-().]")
# A +44 (or 0044) and the trunk 0 in front: the same rule as NationalDigits' SQL.
_PREFIX = re.compile(r"^(0044|44)?0?")


class NationalDigits(Func):
    """A phone number's national digits, worked out by the database. The PostgreSQL form
    is exactly the expression of the `complaint_phone_national` index, so the planner
    uses it."""

    template = (
        "REGEXP_REPLACE(REGEXP_REPLACE(%(expressions)s, '[^0-9]', '', 'g'), '^(0044|44)?0?', '')"
    )
    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # Development and the tests: a few hundred rows, no index and no REGEXP_REPLACE,
        # so the characters people put in numbers go one at a time, then the prefixes.
        digits, params = compiler.compile(self.source_expressions[0])
        for character in (" ", "-", "+", "(", ")", "."):
            digits = f"REPLACE({digits}, '{character}', '')"
        national = (
            f"(CASE WHEN {digits} LIKE '0044%' THEN SUBSTR({digits}, 5)"
            f" WHEN {digits} LIKE '44%' THEN SUBSTR({digits}, 3) ELSE {digits} END)"
        )
        sql = f"(CASE WHEN {national} LIKE '0%' THEN SUBSTR({national}, 2) ELSE {national} END)"
        # `digits` appears 5 times in `national`, which appears 3 times here.
        return sql, tuple(params) * 15


def phone_search_digits(term: str) -> str | None:
    """The national digits to look for if the search looks like a whole phone number
    (digits, with spaces, dashes, brackets or a + in front); None if not."""
    compact = _SEPARATORS.sub("", term)
    if not re.fullmatch(r"\+?\d+", compact):
        return None
    digits = _PREFIX.sub("", compact.lstrip("+"), count=1)
    return digits if len(digits) >= MIN_DIGITS else None


def complaints_with_phone(queryset: QuerySet[Complaint], *, digits: str) -> QuerySet[Complaint]:
    """Those of `queryset` whose stored phone number has these national digits."""
    found: QuerySet[Complaint] = queryset.alias(phone_national=NationalDigits(F("phone"))).filter(
        phone_national=digits
    )
    return found
