"""Small lists of choices on a complaint: whether it waits to be passed on, how it was
passed on and how it reached the service. Reached through `complaints.models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PassOn(models.TextChoices):
    TO_PASS_ON = "to_pass_on", _("To pass on")
    PASSED_ON = "passed_on", _("Passed on")


class PassOnMethod(models.TextChoices):
    EMAIL = "email", _("Its published email address")
    ONLINE = "online", _("Its online form")
    POST = "post", _("Post")
    PHONE = "phone", _("Phone")


class Channel(models.TextChoices):
    """How a complaint reached the service: staff record the others (assisted digital)."""

    ONLINE = "online", _("Online form")
    PHONE = "phone", _("Phone call")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person")
