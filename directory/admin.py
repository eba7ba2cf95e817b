"""The directory in admin: organisations and routing rules. Only superusers edit them.

An organisation's inbox address, whether it is active and where it escalates, and every
routing rule, decide who hears of and handles which complaints, so each could be used to
give someone more access.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from directory import cache as directory_cache
from directory import contacts, routing, selectors
from directory.models import Organisation, RoutingRule, StaffMembership
from victims_service.staff_security import SuperuserEditsOnlyAdminMixin, SuperuserOnlyAdminMixin


class RoutingRuleForm(forms.ModelForm):
    """Refuses a rule that could never match or never send anywhere.

    `routing.route` skips such a rule (the complaint goes to the central triage team, so
    nothing is lost), but whoever edits the rules should hear about the mistake at once.
    """

    class Meta:
        model = RoutingRule
        fields = [
            "priority",
            "org_type",
            "subject",
            "chosen_organisation",
            "target",
            "target_organisation",
            "reason",
            "is_active",
        ]

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        fixed = cleaned.get("target_organisation")
        if target == RoutingRule.Target.FIXED and fixed is None:
            self.add_error("target_organisation", _("Choose the organisation to send to."))
        elif target and target != RoutingRule.Target.FIXED and fixed is not None:
            self.add_error(
                "target_organisation",
                _("Leave this blank unless the rule sends to a fixed organisation."),
            )
        org_type = cleaned.get("org_type")
        subject = cleaned.get("subject")
        if org_type and subject:
            allowed = [str(value) for value, _label in routing.subject_choices(org_type)]
            if subject not in allowed:
                self.add_error(
                    "subject",
                    _(
                        "Complaints about this type are never about “%(subject)s”. Use one of: "
                        "%(allowed)s, or leave it blank."
                    )
                    % {"subject": subject, "allowed": ", ".join(allowed) or "-"},
                )
        return cleaned


class DirectoryEditMixin:
    """The directory is copied into each process (directory.cache): after an
    edit, this process drops its copy so the edit shows at once; others re-check within
    seconds."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        directory_cache.forget()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        directory_cache.forget()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        directory_cache.forget()


@admin.register(Organisation)
class OrganisationAdmin(SuperuserEditsOnlyAdminMixin, DirectoryEditMixin, admin.ModelAdmin):
    """The directory. Only superusers edit it: an organisation's inbox address, whether it is
    active and where it escalates decide who hears of and handles which complaints."""

    list_display = (
        "name",
        "org_type",
        "area",
        "acknowledge_working_days",
        "response_working_days",
        "is_active",
        "connected",
    )
    list_filter = ("org_type", "is_active")
    search_fields = ("name", "area")
    autocomplete_fields = ("parent", "escalation_body")
    readonly_fields = ("checked_contacts",)

    @admin.display(description=_("checked contacts (shipped data)"))
    def checked_contacts(self, obj: Organisation) -> str:
        """Each value in directory/data/contacts.csv for this organisation, with the page it
        was seen on and the date. Read-only here: change the shipped file, with its source."""
        rows = contacts.contacts_for(obj.name) if obj and obj.pk else []
        if not rows:
            return _("None checked yet. The public pages give the central team's route.")
        return format_html_join(
            mark_safe("<br>"),
            '{}: {} (checked on {} against <a href="{}" rel="noreferrer">{}</a>)',
            ((c.kind, c.value, c.checked_on, c.source_page_url, c.source_page_url) for c in rows),
        )

    @admin.display(description=_("connected"), boolean=True)
    def connected(self, obj: Organisation) -> bool:
        """An active member of staff or an inbox here. If not, central triage passes its
        complaints on (directory.decide)."""
        return obj.pk in directory_cache.directory().connected_ids

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("parent")
        if request.user.is_superuser:
            return qs
        # Other staff see the organisations they work for (inbox addresses are not public).
        return qs.filter(pk__in=selectors.organisation_ids_for_user(request.user))


@admin.register(RoutingRule)
class RoutingRuleAdmin(SuperuserEditsOnlyAdminMixin, DirectoryEditMixin, admin.ModelAdmin):
    """Where complaints go. Only superusers edit the rules (they decide whose staff see a
    complaint); viewing needs the model permission, which "Complaint handlers" lacks."""

    list_display = (
        "priority",
        "org_type",
        "subject",
        "chosen_organisation",
        "target",
        "target_organisation",
        "is_active",
    )
    form = RoutingRuleForm
    list_filter = ("org_type", "target", "is_active")
    list_select_related = ("chosen_organisation", "target_organisation")
    search_fields = ("reason", "subject")
    autocomplete_fields = ("chosen_organisation", "target_organisation")


@admin.register(StaffMembership)
class StaffMembershipAdmin(SuperuserOnlyAdminMixin, DirectoryEditMixin, admin.ModelAdmin):
    """Who works where. Superusers only: a membership is what scoping rests on, so anyone
    who could add one could give themselves (or a colleague) another organisation's
    complaints, whatever model permissions they were given."""

    list_display = ("user", "organisation")
    list_select_related = ("user", "organisation")
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("user",)
