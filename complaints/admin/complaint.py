"""The complaint admin: configuration only. Columns, views and bulk actions are mixins."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from complaints import phone_search, reference, selectors, services
from complaints.admin.assisted import AssistedDigitalMixin
from complaints.admin.bulk import ComplaintBulkActionsMixin
from complaints.admin.columns import ComplaintColumnsMixin
from complaints.admin.filters import (
    AssignedToFilter,
    AssignedToMeFilter,
    OpenFilter,
    OrganisationFilter,
    OverdueFilter,
)
from complaints.admin.inlines import AttachmentInline, InternalNoteInline, StatusChangeInline
from complaints.admin.merge import ComplaintMergeMixin
from complaints.admin.paginator import CappedCountPaginator
from complaints.admin.staff_files import StaffFilesMixin
from complaints.admin.views import ComplaintViewsMixin


class ComplaintAdmin(
    AssistedDigitalMixin,
    StaffFilesMixin,
    ComplaintMergeMixin,
    ComplaintViewsMixin,
    ComplaintBulkActionsMixin,
    ComplaintColumnsMixin,
    admin.ModelAdmin,
):
    """The complaint admin's configuration. Its behaviour lives in the mixins."""

    # No second COUNT(*) over every complaint for "(N total)": the paginator's count is
    # enough, and the list stays as fast at 100,000 rows as at 1,000.
    show_full_result_count = False
    # Nor one COUNT(*) over every complaint on each page: it stops counting at 10,000.
    paginator = CappedCountPaginator
    list_display = (
        "reference",
        "organisation",
        "status",
        "received_display",
        "deadline_display",
        "request_flags",
        "assigned_to",
        "contact_display",
    )
    # Constant query count however many rows: one join, no per-row lookups.
    list_select_related = ("organisation", "assigned_to")
    list_filter = (
        "status",
        OpenFilter,
        OverdueFilter,
        ("organisation", OrganisationFilter),
        AssignedToMeFilter,
        ("assigned_to", AssignedToFilter),
        "request_kind",
        "pass_on",
        "is_priority",
        "has_safeguarding_concern",
        "rights_not_met",
        "channel",
    )
    # A complainant who phones without their reference: find them by name, email or phone.
    # Each search is recorded in the access log (who searched, never the words).
    search_fields = ("^reference", "full_name", "=email", "phone")
    search_help_text = _(
        "Search by reference (for example VC-2345ABCD), name, email address or phone number."
    )
    ordering = ("-received_at",)  # see get_ordering: nearest deadline first
    actions = ("acknowledge_selected", "assign_to_me", "start_investigation_selected", "export_csv")
    inlines = (AttachmentInline, InternalNoteInline, StatusChangeInline)
    fieldsets = (
        (
            _("Handling"),
            {
                "fields": (
                    "reference",
                    "language_used",
                    "status",
                    "organisation",
                    "request_kind",
                    "decision_date",
                    "request_due",
                    "routing_reason",
                    "what_happens_next",
                    "channel",
                    "recorded_by",
                    "pass_on",
                    "passed_on_at",
                    "passed_on_how",
                    "passed_on_to",
                    "assigned_to",
                    "is_priority",
                    "has_safeguarding_concern",
                    "received_at",
                    "acknowledgement_deadline",
                    "response_deadline",
                    "acknowledged_at",
                    "responded_at",
                    "closed_at",
                )
            },
        ),
        (
            _("The complaint, as the complainant wrote it"),
            {
                "fields": (
                    "about_org_type",
                    "about_subject",
                    "named_organisation",
                    "rights_not_met",
                    "crime_reference",
                    "incident_date",
                    "incident_date_is_approximate",
                    "late_reason",
                    "what_happened",
                    "who_was_involved",
                    "outcome_wanted",
                )
            },
        ),
        (
            _("Who is complaining"),
            {
                "fields": (
                    "full_name",
                    "role",
                    "affected_person_name",
                    "relationship",
                    "permission",
                    "permission_other",
                    "declaration_at",
                )
            },
        ),
        (
            _("Contact details (check the safe-contact panel above before using them)"),
            {
                "fields": (
                    "email_display",
                    "phone",
                    "address",
                    "safe_by_email",
                    "safe_by_phone",
                    "safe_by_post",
                    "may_leave_messages",
                    "no_letters_home",
                    "times_to_avoid",
                )
            },
        ),
        (
            _("Support needs"),
            {"fields": ("needs_interpreter", "language", "accessibility_needs", "adjustments")},
        ),
    )

    # -- scoping ------------------------------------------------------------------------

    def get_queryset(self, request):
        return selectors.complaints_with_next_due(
            selectors.complaints_for_user(request.user)
        ).select_related("organisation", "assigned_to", "named_organisation")

    def get_ordering(self, request):
        # Nearest deadline first: the one the organisation is working to now (`next_due`,
        # an annotation, so not in `ordering`, which the system check reads as fields).
        return (F("next_due").asc(nulls_last=True), "-received_at")

    def get_search_results(self, request, queryset, search_term):
        if search_term.strip():
            services.access_log_search_record(user=request.user)
        # A reference read off a letter or over the phone: "vc 7kq4 m2xp" finds VC-7KQ4M2XP.
        search_term = reference.normalise(search_term, prefix_required=True) or search_term
        found, duplicates = super().get_search_results(request, queryset, search_term)
        # A phone number, however it is written here and when it was given.
        digits = phone_search.phone_search_digits(search_term)
        if digits:
            found = found | phone_search.complaints_with_phone(queryset, digits=digits)
        return found, duplicates

    def has_add_permission(self, request):
        # Complaints come from the public form, or through the same questions when staff
        # record one received by phone or letter (`assisted`): never Django's add form.
        return False

    def has_delete_permission(self, request, obj=None):
        # The retention command anonymises; nobody deletes a complaint by hand.
        return False

    def get_readonly_fields(self, request, obj=None):
        # Everything: staff never edit what the complainant wrote or set a status by hand.
        fields = []
        for _name, options in self.fieldsets:
            fields.extend(options["fields"])
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_triage_permission(self, request, obj=None):
        return request.user.has_perm("complaints.change_complaint")
