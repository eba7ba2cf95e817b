"""One form per question page. Every message follows the GOV.UK error message patterns.

Forms check and tidy what was typed, and each question page's form owns its answers: how
they fill the form again, the rows they add to check your answers and the complaint fields
they fill (`base.JourneyForm`). `complaints.journey` decides which pages are asked and
stores the answers, and `complaints.services` saves the complaint.

By topic: `who` (who is complaining), `about` (the routing questions, shared with the "who
should I complain to?" tool, and the rights not met), `dates`, `what` (what happened and
the evidence), `contact` (contact details and support) and `sending` (the declaration and
the progress check). Every name is importable from `complaints.forms` as before.
"""

from complaints.forms.about import (
    AUTOCOMPLETE_FROM,
    OrganisationForm,
    OrgTypeForm,
    RightsForm,
    SubjectForm,
)
from complaints.forms.base import (
    COUNTED,
    FILE_ERRORS,
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    SUMMARY_CARDS,
    WHAT_HAPPENED_MAX,
    HoneypotMixin,
    JourneyForm,
    MultipleFileField,
    MultipleFileInput,
    SummaryRow,
    TextField,
)
from complaints.forms.contact import (
    EMAIL,
    PHONE,
    PHONE_PATTERN,
    POST,
    ContactMethodsForm,
    NameForm,
    SupportForm,
)
from complaints.forms.dates import (
    MONTH_NAMES,
    WHOLE_DATE,
    DecisionDateForm,
    WhenForm,
    month_number,
)
from complaints.forms.sending import DeclarationForm, ProgressCheckForm
from complaints.forms.what import (
    CrimeReferenceForm,
    EvidenceForm,
    LateForm,
    OutcomeForm,
    WhatHappenedForm,
    WhoInvolvedForm,
)
from complaints.forms.who import OnBehalfForm, PermissionFileForm, RoleForm

__all__ = [
    "AUTOCOMPLETE_FROM",
    "COUNTED",
    "EMAIL",
    "FILE_ERRORS",
    "LONG_TEXT_MAX",
    "MONTH_NAMES",
    "PHONE",
    "PHONE_PATTERN",
    "POST",
    "SHORT_TEXT_MAX",
    "SUMMARY_CARDS",
    "WHAT_HAPPENED_MAX",
    "WHOLE_DATE",
    "ContactMethodsForm",
    "CrimeReferenceForm",
    "DeclarationForm",
    "DecisionDateForm",
    "EvidenceForm",
    "HoneypotMixin",
    "JourneyForm",
    "LateForm",
    "MultipleFileField",
    "MultipleFileInput",
    "NameForm",
    "OnBehalfForm",
    "OrgTypeForm",
    "OrganisationForm",
    "OutcomeForm",
    "PermissionFileForm",
    "ProgressCheckForm",
    "RightsForm",
    "RoleForm",
    "SubjectForm",
    "SummaryRow",
    "SupportForm",
    "TextField",
    "WhatHappenedForm",
    "WhenForm",
    "WhoInvolvedForm",
    "month_number",
]
