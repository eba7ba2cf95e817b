"""Staff triage in Django admin.

Two rules hold on every page here:
- Scoping: staff see only their own organisations' complaints (superusers see all). Every
  queryset comes from `selectors.complaints_for_user` or is filtered through it, so the
  changelist, change view, history, search, filters, autocomplete, downloads and the CSV
  export all agree. `ScopedToComplaintsMixin` does this for the models that hang off a
  complaint; any admin added later should use it (or filter through the selectors) too.
- Staff never edit what the complainant wrote and never set a status by hand. Every
  change goes through an action that calls a service in `services.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from complaints import (
    admin_actions,
    admin_display,
    admin_forms,
    emails,
    notifications,
    safe_contact,
    selectors,
    services,
    uploads,
    workflow,
)
from complaints.models import (
    AccessLog,
    Attachment,
    Complaint,
    InternalNote,
    OutboundEmail,
    PassOn,
    StatusChange,
)
from complaints.services import TransitionError
from victims_service.staff_security import row_id_or_404

# What the access log records. Plain words: auditors read these.
ACCESS_VIEWED = "viewed"
ACCESS_VIEWED_HISTORY = "viewed history"
ACCESS_CHANGED = "changed"
ACCESS_NOTE = "added internal note"
ACCESS_DOWNLOADED = "downloaded attachment"
ACCESS_EXPORTED = "exported"


# ---------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------


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
    complaint the user can see, which grows with the table (about 35 ms each at 100,000
    complaints). These read the organisations or staff instead; a choice with no complaints
    just lists none.
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


# ---------------------------------------------------------------------------------------
# Inlines: read-only views of a complaint's history, attachments and notes
# ---------------------------------------------------------------------------------------


class ReadOnlyInline(admin.TabularInline):
    template = "admin/complaints/readonly_inline.html"
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Anyone who may see the complaint may see these (the queryset is the complaint's).
        return request.user.has_perm("complaints.view_complaint")

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    verbose_name = _("history entry")
    verbose_name_plural = _("History (oldest first; it cannot be edited)")
    fields = (
        "created_at",
        "actor",
        "from_status",
        "to_status",
        "organisation",
        "note",
        "visible_to_complainant",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "organisation")


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    verbose_name_plural = _("Files the complainant sent")
    fields = ("download", "kind", "size_display", "uploaded_at")

    @admin.display(description=_("file"))
    def download(self, obj: Attachment):
        url = reverse("admin:complaints_complaint_attachment", args=[obj.complaint_id, obj.pk])
        return format_html(
            '<a href="{}" download>{}</a> <span class="app-triage-muted">({})</span>',
            url,
            obj.original_name,
            gettext("download"),
        )

    @admin.display(description=_("size"))
    def size_display(self, obj: Attachment):
        return filesizeformat(obj.size)


class InternalNoteInline(ReadOnlyInline):
    model = InternalNote
    verbose_name_plural = _("Internal notes (staff only)")
    fields = ("created_at", "author", "text")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


# ---------------------------------------------------------------------------------------
# Complaints
# ---------------------------------------------------------------------------------------


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    # No second COUNT(*) over every complaint for "(N total)": the paginator's count is
    # enough, and the list stays as fast at 100,000 rows as at 1,000.
    show_full_result_count = False
    list_display = (
        "reference",
        "organisation",
        "status",
        "received_display",
        "acknowledgement_due_display",
        "response_due_display",
        "deadline_flag",
        "request_kind",
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
        "rights_not_met",
    )
    search_fields = ("^reference",)
    search_help_text = _("Search by reference, for example VC-2345ABCD.")
    ordering = ("-received_at",)
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
                    "pass_on",
                    "passed_on_at",
                    "passed_on_how",
                    "passed_on_to",
                    "assigned_to",
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
        return selectors.complaints_for_user(request.user).select_related(
            "organisation", "assigned_to", "named_organisation"
        )

    def has_add_permission(self, request):
        # Complaints come only from the public form.
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

    @admin.display(description=_("language used"))
    def language_used(self, obj: Complaint) -> str:
        if obj.service_language == "cy":
            return gettext(
                "Welsh (Cymraeg). They made this complaint in Welsh: reply in Welsh. "
                "The emails this service sends them are in Welsh."
            )
        return gettext("English")

    # -- changelist columns -------------------------------------------------------------

    @admin.display(description=_("received"), ordering="received_at")
    def received_display(self, obj: Complaint):
        return timezone.localtime(obj.received_at).date()

    @admin.display(description=_("acknowledgement due"), ordering="acknowledgement_due")
    def acknowledgement_due_display(self, obj: Complaint):
        return obj.acknowledgement_due

    @admin.display(description=_("response due"), ordering="response_due")
    def response_due_display(self, obj: Complaint):
        return obj.response_due

    @admin.display(description=_("deadline"))
    def deadline_flag(self, obj: Complaint):
        today = timezone.localdate()
        due = workflow.pending_due(
            status=obj.status,
            acknowledgement_due=obj.acknowledgement_due,
            response_due=obj.response_due,
        )
        if workflow.is_overdue(due, today):
            return format_html(
                '<strong class="app-triage-flag app-triage-flag--overdue">{}</strong>',
                gettext("Overdue"),
            )
        if workflow.is_due_soon(due, today):
            return format_html(
                '<strong class="app-triage-flag app-triage-flag--soon">{}</strong>',
                gettext("Due soon"),
            )
        return ""

    @admin.display(description=_("flags"))
    def request_flags(self, obj: Complaint):
        flags = []
        if obj.request_kind == "outcome_review":
            flags.append(gettext("Review"))
        if obj.request_due and timezone.localdate(obj.received_at) > obj.request_due:
            flags.append(gettext("Late"))
        if obj.pass_on == PassOn.TO_PASS_ON:
            flags.append(gettext("To pass on"))
        return format_html_join(
            " ", '<strong class="app-triage-flag">{}</strong>', ((flag,) for flag in flags)
        )

    @admin.display(description=_("email"))
    def email_display(self, obj: Complaint):
        # As the person typed it: a domain in another script, not its xn-- form.
        return safe_contact.display_email(obj.email)

    @admin.display(description=_("safe to contact by"))
    def contact_display(self, obj: Complaint):
        return admin_display.safe_contact_summary(obj)

    # -- change view fields -------------------------------------------------------------

    @admin.display(description=_("what the complainant is told happens next"))
    def what_happens_next(self, obj: Complaint):
        # The same row of the routes table the emails and the progress page read.
        step = notifications.next_step(obj)
        deadline = ""
        if obj.closed_at and step.deadline:
            deadline = gettext(" Ask by %(date)s.") % {
                "date": formats.date_format(step.deadline, "j F Y")
            }
        return format_html(
            '{}<br><span class="app-triage-muted">{}{}</span>',
            step.body or gettext("Nobody: the reply is the last step."),
            step.words,
            deadline,
        )

    def _deadlines(self, obj: Complaint) -> selectors.ComplaintDeadlines:
        if not hasattr(obj, "_deadlines"):
            obj._deadlines = selectors.complaint_deadlines(
                complaint=obj, history=list(obj.history.all())
            )
        return obj._deadlines

    def _deadline_html(self, obj: Complaint, deadline: workflow.Deadline | None, statuses):
        if deadline is None:
            return "-"
        today = timezone.localdate()
        flag = ""
        if obj.status in statuses:
            if workflow.is_overdue(deadline.due, today):
                flag = gettext("Overdue")
            elif workflow.is_due_soon(deadline.due, today):
                flag = gettext("Due soon")
        return format_html(
            '<strong>{}</strong>{}<br><span class="app-triage-muted">{}</span>',
            formats.date_format(deadline.due, "j F Y"),
            format_html(' <strong class="app-triage-flag">{}</strong>', flag) if flag else "",
            deadline.explanation,
        )

    @admin.display(description=_("acknowledgement due"))
    def acknowledgement_deadline(self, obj: Complaint):
        return self._deadline_html(
            obj, self._deadlines(obj).acknowledgement, workflow.AWAITING_ACKNOWLEDGEMENT
        )

    @admin.display(description=_("response due"))
    def response_deadline(self, obj: Complaint):
        return self._deadline_html(obj, self._deadlines(obj).response, workflow.OPEN_STATUSES)

    # -- views ----------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        custom = [
            path("dashboard/", wrap(self.dashboard_view), name="complaints_complaint_dashboard"),
            path(
                "<path:object_id>/act/<slug:action>/",
                wrap(self.action_view),
                name="complaints_complaint_act",
            ),
            path(
                "<path:object_id>/notes/add/",
                wrap(self.note_add_view),
                name="complaints_complaint_note_add",
            ),
            path(
                "<path:object_id>/attachments/<int:attachment_id>/",
                wrap(self.attachment_view),
                name="complaints_complaint_attachment",
            ),
        ]
        return custom + super().get_urls()

    def _complaint_or_404(self, request, object_id) -> Complaint:
        complaint = self.get_object(request, unquote(object_id))
        if complaint is None or not self.has_view_permission(request, complaint):
            raise Http404
        return complaint

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            # Nothing on the page is editable; changes go through the actions.
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        complaint = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if complaint is not None and self.has_view_permission(request, complaint):
            if request.method == "GET":
                services.access_log_record(
                    user=request.user, complaint_id=complaint.pk, action=ACCESS_VIEWED
                )
            extra_context.update(self._complaint_context(request, complaint))
        extra_context.update(
            show_save=False,
            show_save_and_continue=False,
            show_save_and_add_another=False,
            show_delete=False,
        )
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        complaint = self.get_object(request, unquote(object_id))
        if complaint is not None and self.has_view_permission(request, complaint):
            services.access_log_record(
                user=request.user, complaint_id=complaint.pk, action=ACCESS_VIEWED_HISTORY
            )
        return super().history_view(request, object_id, extra_context)

    def _complaint_context(self, request, complaint: Complaint) -> dict:
        warnings, safe = admin_display.safe_contact_notices(complaint)
        can_act = self.has_triage_permission(request, complaint)
        return {
            "complaint": complaint,
            "safe_contact_warnings": warnings,
            "safe_contact_safe": safe,
            "support_needs": admin_display.support_needs(complaint),
            "triage_actions": [
                (action, reverse("admin:complaints_complaint_act", args=[complaint.pk, slug]))
                for slug, action in admin_actions.ACTIONS.items()
                if can_act and action.available(complaint)
            ],
            "can_assign_to_me": can_act
            and complaint.status in workflow.OPEN_STATUSES
            and complaint.assigned_to_id != request.user.pk
            and complaint.organisation_id in selectors.organisation_ids_for_user(request.user),
            "note_form": admin_forms.InternalNoteForm()
            if request.user.has_perm("complaints.add_internalnote")
            else None,
            "note_add_url": reverse("admin:complaints_complaint_note_add", args=[complaint.pk]),
            "assign_url": reverse("admin:complaints_complaint_act", args=[complaint.pk, "assign"]),
            # An email the complainant never got: staff must reach them another safe way.
            "failed_emails": list(
                selectors.emails_failed_for_user(request.user).filter(complaint=complaint)
            ),
        }

    def action_view(self, request: HttpRequest, object_id: str, action: str) -> HttpResponse:
        complaint = self._complaint_or_404(request, object_id)
        spec = admin_actions.ACTIONS.get(action)
        if spec is None:
            raise Http404
        if not self.has_triage_permission(request, complaint):
            raise PermissionDenied
        change_url = reverse("admin:complaints_complaint_change", args=[complaint.pk])
        if request.method == "POST" and spec.slug == "assign" and "assign_to_me" in request.POST:
            # The one-click "assign to me" button on the change page. Only for assigning:
            # every other action's form must check its own fields.
            data = {"assignee": request.user}
            form = None
        else:
            form = spec.form(request.POST or None, complaint=complaint)
            data = form.cleaned_data if request.method == "POST" and form.is_valid() else None
        if data is not None:
            try:
                spec.run(complaint=complaint, actor=request.user, data=data)
            except TransitionError as error:
                if form is None:
                    self.message_user(request, str(error), messages.ERROR)
                    return HttpResponseRedirect(change_url)
                form.add_error(None, str(error))
            else:
                services.access_log_record(
                    user=request.user, complaint_id=complaint.pk, action=ACCESS_CHANGED
                )
                self.log_change(request, complaint, str(spec.label))
                self.message_user(
                    request,
                    gettext("%(reference)s: %(action)s – done.")
                    % {"reference": complaint.reference, "action": spec.label},
                    messages.SUCCESS,
                )
                # After a transfer the complaint is usually no longer ours to see.
                if (
                    spec.slug == "transfer"
                    and not self.get_queryset(request).filter(pk=complaint.pk).exists()
                ):
                    return HttpResponseRedirect(reverse("admin:complaints_complaint_changelist"))
                return HttpResponseRedirect(change_url)
        warnings, safe = admin_display.safe_contact_notices(complaint)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{spec.label}: {complaint.reference}",
            "subtitle": None,
            "complaint": complaint,
            "action": spec,
            "form": form,
            "safe_contact_warnings": warnings,
            "safe_contact_safe": safe,
            "support_needs": admin_display.support_needs(complaint),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/complaints/complaint/action.html", context)

    def note_add_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        complaint = self._complaint_or_404(request, object_id)
        if not request.user.has_perm("complaints.add_internalnote"):
            raise PermissionDenied
        form = admin_forms.InternalNoteForm(request.POST)
        change_url = reverse("admin:complaints_complaint_change", args=[complaint.pk])
        if form.is_valid():
            services.note_add(
                complaint_id=complaint.pk, author=request.user, text=form.cleaned_data["text"]
            )
            services.access_log_record(
                user=request.user, complaint_id=complaint.pk, action=ACCESS_NOTE
            )
            self.message_user(request, gettext("Note added."), messages.SUCCESS)
        else:
            self.message_user(request, gettext("Enter the note."), messages.ERROR)
        return HttpResponseRedirect(change_url + "#notes")

    def attachment_view(self, request: HttpRequest, object_id: str, attachment_id: int):
        complaint_id = row_id_or_404(Complaint, unquote(object_id))
        attachment_id = row_id_or_404(Attachment, attachment_id)
        if not self.has_view_permission(request):
            raise PermissionDenied
        attachment = selectors.attachment_for_user(
            user=request.user, complaint_id=complaint_id, attachment_id=attachment_id
        )
        if attachment is None:
            raise Http404
        try:
            handle = uploads.attachment_open(attachment=attachment)
        except (FileNotFoundError, ValueError):
            # Missing from storage (or anonymised since): nothing to give.
            raise Http404 from None
        services.access_log_record(
            user=request.user, complaint_id=complaint_id, action=ACCESS_DOWNLOADED
        )
        # Always a download, never shown in the browser: a file from the public is untrusted.
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type="application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store, private"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        figures = selectors.dashboard_figures(user=request.user)
        charts = [
            admin_display.bar_chart(
                slug="status",
                title=gettext("Complaints by status"),
                label_heading=gettext("Status"),
                value_heading=gettext("Complaints"),
                rows=figures.by_status,
            ),
            admin_display.bar_chart(
                slug="organisation",
                title=gettext("Complaints by organisation"),
                label_heading=gettext("Organisation"),
                value_heading=gettext("Complaints"),
                rows=figures.by_organisation,
            ),
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Triage dashboard"),
            "subtitle": None,
            "figures": figures,
            "charts": charts,
            "chart_width": admin_display.CHART_WIDTH,
            "organisations": selectors.organisations_for_user(request.user)
            if not request.user.is_superuser
            else None,
            "failed_email_count": selectors.emails_failed_for_user(request.user).count(),
            "failed_emails_url": reverse("admin:complaints_outboundemail_changelist")
            + f"?state__exact={OutboundEmail.State.FAILED}",
        }
        return TemplateResponse(request, "admin/complaints/dashboard.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "dashboard_url": reverse("admin:complaints_complaint_dashboard"),
        }
        return super().changelist_view(request, extra_context)

    # -- bulk actions on the changelist -------------------------------------------------

    def _bulk(self, request, queryset, label: str, call) -> None:
        done, failed = [], []
        for pk, reference in queryset.values_list("pk", "reference"):
            try:
                call(pk)
            except TransitionError as error:
                failed.append(f"{reference}: {error}")
            else:
                done.append(reference)
                services.access_log_record(
                    user=request.user, complaint_id=pk, action=ACCESS_CHANGED
                )
        if done:
            self.message_user(
                request,
                gettext("%(action)s – done for %(references)s.")
                % {"action": label, "references": ", ".join(done)},
                messages.SUCCESS,
            )
        for failure in failed:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description=_("Acknowledge the selected complaints"), permissions=["triage"])
    def acknowledge_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            gettext("Acknowledge"),
            lambda pk: services.complaint_acknowledge(complaint_id=pk, actor=request.user),
        )

    @admin.action(description=_("Assign the selected complaints to me"), permissions=["triage"])
    def assign_to_me(self, request, queryset):
        self._bulk(
            request,
            queryset,
            gettext("Assign to me"),
            lambda pk: services.complaint_assign(
                complaint_id=pk, actor=request.user, assignee=request.user
            ),
        )

    @admin.action(
        description=_("Start investigating the selected complaints"), permissions=["triage"]
    )
    def start_investigation_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            gettext("Start investigation"),
            lambda pk: services.complaint_start_investigation(complaint_id=pk, actor=request.user),
        )

    @admin.action(description=_("Export the selected complaints as CSV (no personal details)"))
    def export_csv(self, request, queryset):
        # No names, contact details or what happened: a spreadsheet travels further than
        # the admin does. The queryset is already scoped to the user's organisations.
        rows = list(queryset.select_related("organisation", "assigned_to").order_by("received_at"))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="complaints.csv"'
        response["Cache-Control"] = "no-store, private"
        admin_display.complaints_csv_write(response, rows, today=timezone.localdate())
        services.access_log_record_many(
            user=request.user, complaint_ids=[c.pk for c in rows], action=ACCESS_EXPORTED
        )
        return response


# ---------------------------------------------------------------------------------------
# The other models. Each is scoped, read-only where staff should not edit, or limited to
# superusers and holders of a dedicated permission.
# ---------------------------------------------------------------------------------------


class ScopedToComplaintsMixin:
    """For an admin of a model that belongs to a complaint: only rows of visible complaints."""

    complaint_field = "complaint"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(**{f"{self.complaint_field}__in": selectors.complaints_for_user(request.user)})
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdmin):
    """So staff can see an email that failed after its retries, for their organisations."""

    list_display = ("created_at", "kind", "complaint", "state", "attempts", "last_error")
    list_filter = ("state", "kind")
    list_select_related = ("complaint",)
    search_fields = ("=complaint__reference",)
    fields = (
        "created_at",
        "kind",
        "complaint",
        "organisation",
        "to_address",
        "subject",
        "state",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
    )

    actions = ("retry_selected",)

    def get_queryset(self, request):
        # Emails about a complaint the user can see, or to their organisation's inbox.
        return super().get_queryset(request) & selectors.emails_for_user(request.user)

    @admin.action(
        description=_("Try sending the selected failed emails again"), permissions=["view"]
    )
    def retry_selected(self, request, queryset):
        queued = emails.email_retry(
            email_ids=list(queryset.values_list("pk", flat=True)), actor=request.user
        )
        skipped = queryset.count() - queued
        if queued:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email will be sent again.",
                    "%(count)d emails will be sent again.",
                    queued,
                )
                % {"count": queued},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email was not failed, so it was left alone.",
                    "%(count)d emails were not failed, so they were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


@admin.register(AccessLog)
class AccessLogAdmin(ScopedToComplaintsMixin, ReadOnlyAdmin):
    """Who looked at what. Needs complaints.view_accesslog (auditors), scoped like the rest."""

    list_display = ("at", "user", "complaint", "staff_member", "action")
    list_filter = ("action",)
    list_select_related = ("user", "complaint", "staff_member")
    search_fields = ("=complaint__reference", "user__username", "staff_member__username")
    date_hierarchy = "at"

    def get_queryset(self, request):
        scoped = super().get_queryset(request)
        if request.user.is_superuser:
            # Entries about staff sign-in (set-up links, authenticator apps) have no
            # complaint; only superusers, who manage staff accounts, see them.
            return scoped | AccessLog.objects.filter(complaint__isnull=True)
        return scoped
