"""The complainant's reply to a question from the organisation, on the progress page.

The files are checked by the view through `uploads.upload_inspect` (the same checks as
the files sent with a complaint); this form reads the text and the files.
"""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.forms import FILE_ERRORS, MultipleFileField, TextField
from complaints.services import REPLY_MAX_CHARS


class InformationReplyForm(forms.Form):
    reply = TextField(
        label=_("Your reply"),
        multiline=True,
        max_length=REPLY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"max_length": _("Your reply must be 5,000 characters or fewer")},
    )
    files = MultipleFileField(
        label=_("Upload a file (optional)"),
        help_text=_("PDF, JPG, PNG, HEIC, DOCX or TXT, smaller than 10MB each. Up to 5 files."),
        required=False,
        error_messages=FILE_ERRORS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.textarea("reply", label_size="s"), Field("files"))

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("reply") and not data.get("files"):
            self.add_error("reply", _("Enter your reply or choose a file to send"))
        return data
