"""Filters on the complaint list. Choices come from small tables, never from the complaints."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import selectors, workflow


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("soon", _("Due in the next 2 working days")),
            ("week", _("Due this week")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(selectors.overdue_q(today))
        if self.value() == "soon":
            return queryset.filter(selectors.due_soon_q(today))
        if self.value() == "week":
            return queryset.filter(selectors.due_this_week_q(today))
        return queryset


class AssignedToMeFilter(admin.SimpleListFilter):
    title = _("assigned to me")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", _("Assigned to me")), ("nobody", _("Not assigned to anyone"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class _ChoicesFromSelector(admin.RelatedFieldListFilter):
    """A related-field filter whose choices come from the small directory or staff tables.

    Django's RelatedOnlyFieldListFilter finds its choices with SELECT DISTINCT over every
    complaint the user can see, which slows as the table grows. These read the organisations
    or staff instead; a choice with no complaints just lists none.
    """

    choices_for_user: Callable

    def field_choices(self, field, request, model_admin):
        return type(self).choices_for_user(request.user)


class OrganisationFilter(_ChoicesFromSelector):
    choices_for_user = staticmethod(selectors.organisation_choices_for_user)


class AssignedToFilter(_ChoicesFromSelector):
    choices_for_user = staticmethod(selectors.colleague_choices_for_user)


class OpenFilter(admin.SimpleListFilter):
    title = _("open or finished")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("Open")), ("no", _("Finished"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status__in=workflow.OPEN_STATUSES)
        if self.value() == "no":
            return queryset.exclude(status__in=workflow.OPEN_STATUSES)
        return queryset
