"""Feedback about the website, from the form the phase banner links to.

Short and separate from complaints: telling us a page did not work is not a complaint,
and must not send anyone through the complaint form's questions.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Feedback(models.Model):
    doing = models.TextField(_("what they were doing"))
    problem = models.TextField(_("what went wrong"))
    email = models.EmailField(
        _("email for a reply"), blank=True, help_text=_("Empty if they did not want a reply.")
    )
    created_at = models.DateTimeField(_("sent"), db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"Feedback {self.pk}"
