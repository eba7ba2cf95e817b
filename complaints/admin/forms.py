"""Forms behind the triage actions in admin. Each one feeds a service in `complaints.services`."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints import merge_selectors, selectors
from complaints.models import Complaint, PassOnMethod
from directory import selectors as directory_selectors
from directory.models import Organisation, OrganisationType

# Bodies a complainant can take a complaint to after the organisation's own process.
ESCALATION_TYPES = [
    OrganisationType.IOPC,
    OrganisationType.IAC,
    OrganisationType.LGSCO,
    OrganisationType.PHSO,
    OrganisationType.PPO,
    OrganisationType.JCIO,
]

_NOTE_WIDGET = forms.Textarea(attrs={"rows": 4, "cols": 60})


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_org_type_display()})"


class NoteForm(forms.Form):
    """A note on a change of status, for the history."""

    note = forms.CharField(label=_("Note for the history"), required=False, widget=_NOTE_WIDGET)

    def __init__(self, *args, complaint: Complaint, **kwargs):
        self.complaint = complaint
        super().__init__(*args, **kwargs)


class RequiredNoteForm(NoteForm):
    note = forms.CharField(
        label=_("Why"),
        widget=_NOTE_WIDGET,
        error_messages={"required": _("Enter the reason")},
    )


class AcknowledgeForm(NoteForm):
    note = forms.CharField(
        label=_("Message for the complainant (optional)"),
        help_text=_("If you write something here, the complainant can see it."),
        required=False,
        widget=_NOTE_WIDGET,
    )


class ResponseForm(NoteForm):
    note = forms.CharField(
        label=_("Summary of the response you sent"),
        widget=_NOTE_WIDGET,
        error_messages={"required": _("Enter a short summary of the response you sent")},
    )
    visible_to_complainant = forms.BooleanField(
        label=_("The complainant can see this summary"), required=False, initial=True
    )


class AssignForm(NoteForm):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        required=False,
        empty_label=_("No one"),
        error_messages={"invalid_choice": _("Select someone from the list, or no one")},
    )

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        del self.fields["note"]
        # Only colleagues at the organisation handling the complaint.
        self.fields["assignee"].queryset = selectors.colleagues_for_complaint(complaint=complaint)
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["assignee"].initial = complaint.assigned_to_id


class TransferSearchForm(forms.Form):
    """The first step of a transfer, sent by GET: narrow the directory by type and name.

    Works without JavaScript; the matches are then offered as a short list to choose from.
    """

    org_type = forms.ChoiceField(
        label=_("Type of organisation"),
        required=False,
        choices=[("", _("Any type"))]
        + [
            (value, label)
            for value, label in OrganisationType.choices
            if value not in directory_selectors.NOT_TRANSFER_TYPES
        ],
        error_messages={"invalid_choice": _("Select a type of organisation from the list")},
    )
    q = forms.CharField(
        label=_("Name or place"),
        help_text=_("Part of the name, or a place it covers, for example Leeds."),
        required=False,
        max_length=100,
        error_messages={"max_length": _("The name or place must be 100 characters or fewer")},
    )

    def matches(self, *, exclude_id: int) -> tuple[list[Organisation], int] | None:
        """The organisations found and how many in all; None before a search."""
        if not self.is_bound or not self.is_valid():
            return None
        org_type, text = self.cleaned_data["org_type"], self.cleaned_data["q"].strip()
        if not (org_type or text):
            return None
        return directory_selectors.transfer_destinations(
            exclude_id=exclude_id, org_type=org_type, text=text
        )


class TransferForm(NoteForm):
    """The second step: choose one of the matches, say why, and send it."""

    field_order = ["organisation", "note", "visible_to_complainant"]
    organisation = OrganisationChoiceField(
        label=_("Transfer to"),
        queryset=None,
        widget=forms.RadioSelect,
        help_text=_("They will be told, and so will the complainant (by a safe channel)."),
        error_messages={
            "required": _("Select the organisation to transfer the complaint to"),
            "invalid_choice": _("Select an organisation from the list"),
        },
    )
    note = forms.CharField(
        label=_("Why it is being transferred"),
        widget=_NOTE_WIDGET,
        error_messages={"required": _("Enter why the complaint is being transferred")},
    )
    visible_to_complainant = forms.BooleanField(
        label=_("The complainant can see this reason"), required=False
    )

    def __init__(
        self, *args, complaint: Complaint, search: Mapping[str, str] | None = None, **kwargs
    ):
        super().__init__(*args, complaint=complaint, **kwargs)
        # Any active organisation that handles complaints: the complaint may belong
        # anywhere, but never with a support service (they do not handle them).
        destinations = directory_selectors.transfer_destinations_all(
            exclude_id=complaint.organisation_id
        )
        field = self.fields["organisation"]
        field.queryset = destinations
        searched = bool(search) and any(search.get(key) for key in ("org_type", "q"))
        self.search_form = TransferSearchForm(search if searched else None)
        found = self.search_form.matches(exclude_id=complaint.organisation_id)
        self.searched = found is not None
        self.matches, self.match_count = found or ([], 0)
        offered = list(self.matches)
        chosen = self.data.get("organisation") if self.is_bound else None
        if chosen and str(chosen).isdigit() and all(str(o.pk) != chosen for o in offered):
            # Chosen from an earlier search: still offered when the page comes back.
            offered = [*destinations.filter(pk=int(chosen)), *offered]
        field.choices = [(org.pk, field.label_from_instance(org)) for org in offered]


class PassOnForm(NoteForm):
    """How the central team passed on a complaint for an organisation nobody here reads."""

    field_order = ["how", "to", "passed_on_at", "note"]
    how = forms.ChoiceField(
        label=_("How you passed it on"),
        choices=PassOnMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you passed it on"),
            "invalid_choice": _("Select how you passed it on"),
        },
    )
    to = forms.CharField(
        label=_("The address, email or phone number you used"),
        max_length=300,
        help_text=_(
            "Use only a contact detail the organisation publishes on its own website, and "
            "note which page."
        ),
        error_messages={
            "required": _("Enter the address, email or phone number you used"),
            "max_length": _("The contact detail must be 300 characters or fewer"),
        },
    )
    passed_on_at = forms.DateTimeField(
        label=_("When (leave blank for now)"),
        required=False,
        help_text=_("For example 1/12/2026 14:30."),
        error_messages={"invalid": _("Enter the date and time like 1/12/2026 14:30")},
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=_NOTE_WIDGET)


class EscalateForm(NoteForm):
    field_order = ["organisation", "note"]
    organisation = OrganisationChoiceField(
        label=_("Where the complainant has gone"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Select an organisation from the list")},
    )

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            is_active=True, org_type__in=ESCALATION_TYPES
        )


class InternalNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add an internal note"),
        help_text=_("Only staff can see internal notes. The complainant never sees them."),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        max_length=5000,
        error_messages={
            "required": _("Enter the note"),
            "max_length": _("The note must be 5,000 characters or fewer"),
        },
    )


class InformationRequestForm(forms.Form):
    """Ask the complainant for information: the question goes to the progress page only."""

    question = forms.CharField(
        label=_("What do you need from the complainant?"),
        help_text=_(
            "They read this on their progress page after signing in with a one-time link. "
            "The email only tells them there is a question."
        ),
        max_length=2000,
        widget=_NOTE_WIDGET,
        error_messages={
            "required": _("Enter what you need from the complainant"),
            "max_length": _("The question must be 2,000 characters or fewer"),
        },
    )
    reason = forms.CharField(
        label=_("Why the response clock is paused"),
        help_text=_("For the history. The complainant does not see this."),
        max_length=500,
        error_messages={
            "required": _("Enter why the response clock is paused"),
            "max_length": _("The reason must be 500 characters or fewer"),
        },
    )

    def __init__(self, *args, complaint: Complaint, **kwargs):
        self.complaint = complaint
        super().__init__(*args, **kwargs)


class DeadlineExtendForm(forms.Form):
    """A later response deadline, with a reason the complainant will read."""

    new_due = forms.DateField(
        label=_("New response deadline"),
        help_text=_("For example, 27 3 2027. It must be after the current deadline."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the new response deadline"),
            "invalid": _("Enter the new response deadline as a real date"),
        },
    )
    reason = forms.CharField(
        label=_("Why it will take longer (the complainant sees this)"),
        max_length=500,
        widget=_NOTE_WIDGET,
        error_messages={
            "required": _("Enter why the response will take longer"),
            "max_length": _("The reason must be 500 characters or fewer"),
        },
    )

    def __init__(self, *args, complaint: Complaint, **kwargs):
        self.complaint = complaint
        super().__init__(*args, **kwargs)


class FlagsForm(NoteForm):
    """Priority and safeguarding: staff-only flags, shown in the list."""

    priority = forms.BooleanField(label=_("Priority"), required=False)
    safeguarding = forms.BooleanField(label=_("Safeguarding concern"), required=False)

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        self.fields["priority"].initial = complaint.is_priority
        self.fields["safeguarding"].initial = complaint.has_safeguarding_concern


class MergeForm(forms.Form):
    """The reference of the complaint a duplicate is merged into (the one that carries on)."""

    reference = forms.CharField(
        label=_("Reference of the complaint to keep"),
        help_text=_(
            "The complaint this one duplicates, for example VC-2345ABCD. It must be a "
            "complaint your organisation handles."
        ),
        max_length=merge_selectors.REFERENCE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "required": _("Enter the reference of the complaint to merge this one into"),
            "max_length": _("Enter a reference in the right format, like VC-2345ABCD"),
        },
    )

    def clean_reference(self) -> str:
        reference = merge_selectors.merge_reference_clean(self.cleaned_data["reference"])
        if reference is None:
            raise forms.ValidationError(
                _("Enter a reference in the right format, like VC-2345ABCD")
            )
        return reference
