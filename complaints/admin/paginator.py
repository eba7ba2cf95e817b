"""The complaint list's paginator: it counts at most COUNT_LIMIT complaints.

Django's paginator counts every complaint the list could show, one `COUNT(*)` over all of
them, on every page load: at a million complaints that one query is most of the page's
time, and it grows with the table. This one counts up to COUNT_LIMIT + 1 rows, which costs
the same at a thousand complaints as at a million, and says "more than 10,000" beyond.
Nobody pages through ten thousand complaints: the filters and the search find them.
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator

COUNT_LIMIT = 10_000


class MoreThan(int):
    """A count that stopped at its limit: "more than 10,000" when shown."""

    def __str__(self) -> str:
        return f"more than {int(self) - 1:,}"


class CappedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        found = self.object_list.order_by()[: COUNT_LIMIT + 1].count()
        return MoreThan(found) if found > COUNT_LIMIT else found
