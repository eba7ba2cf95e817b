"""The complainant's reply to a question from the organisation, on the progress page.

The form reads the text and the files, and checks every file through
`uploads.upload_inspect` (the same checks as the files sent with a complaint): its cleaned
`files` are the checked uploads, ready for the service to store.
"""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from complaints import uploads
from complaints.forms import FILE_ERRORS, MultipleFileField, TextField
from complaints.services import REPLY_MAX_CHARS, REPLY_MAX_FILES


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.textarea("reply", label_size="s"), Field("files"))

    def clean_files(self) -> list[uploads.CheckedUpload]:
        """Each file checked by what it contains; the first refused one is the error."""
        files = self.cleaned_data["files"]
        if len(files) > REPLY_MAX_FILES:
            raise forms.ValidationError(_("Send 5 files or fewer with your reply"))
        try:
            return [
                uploads.upload_inspect(name=upload.name, handle=upload.file, size=upload.size)
                for upload in files
            ]
        except uploads.UploadRejected as error:
            # The message names the problem; it never repeats the file's name or contents.
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("reply") and not data.get("files"):
            self.add_error("reply", _("Enter your reply or choose a file to send"))
        return data
