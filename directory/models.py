"""The organisation directory: who a complaint can go to, and the rules that decide which.

These models moved here from `complaints` (migration directory 0001 and complaints 0004,
state only): the tables keep their old names, so every row and foreign key stays.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    POLICE_FORCE = "police_force", _("Police force")
    LOCAL_POLICING_BODY = "local_policing_body", _("Police and crime commissioner or equivalent")
    VICTIMS_SERVICE = "victims_service", _("Local victims' support service")
    WITNESS_CARE = "witness_care", _("Witness Care Unit")
    CPS = "cps", _("Crown Prosecution Service")
    COURTS = "courts", _("HM Courts & Tribunals Service")
    PROBATION = "probation", _("Probation Service")
    PRISONS = "prisons", _("HM Prison Service")
    PAROLE_BOARD = "parole_board", _("Parole Board")
    CICA = "cica", _("Criminal Injuries Compensation Authority")
    YOUTH_OFFENDING = "youth_offending", _("Youth offending team")
    COUNCIL = "council", _("Council social services")
    IOPC = "iopc", _("Independent Office for Police Conduct")
    IAC = "iac", _("Independent Assessor of Complaints")
    PHSO = "phso", _("Parliamentary and Health Service Ombudsman")
    LGSCO = "lgsco", _("Local Government and Social Care Ombudsman")
    PSOW = "psow", _("Public Services Ombudsman for Wales")
    JCIO = "jcio", _("Judicial Conduct Investigations Office")
    PPO = "ppo", _("Prisons and Probation Ombudsman")
    THIS_SERVICE = "this_service", _("This website")
    CENTRAL_TRIAGE = "central_triage", _("Central triage team")


class Organisation(models.Model):
    """An organisation in the directory: who a complaint goes to, or who reviews it next.

    Contact details are filled in only where they have been checked; staff complete the
    rest in admin.
    """

    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(
        _("name in Welsh"),
        max_length=200,
        blank=True,
        help_text=_(
            "Only where the organisation has a Welsh name, like Heddlu De Cymru. Welsh pages "
            "show it with the English name beside it."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    org_type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    area = models.CharField(
        _("area covered"),
        max_length=200,
        blank=True,
        help_text=_("For example 'Avon and Somerset'."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overseeing body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("For a police force, its police and crime commissioner or equivalent."),
    )
    escalation_body = models.ForeignKey(
        "self",
        verbose_name=_("where to go next"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    time_limit_months = models.PositiveSmallIntegerField(
        _("usual time limit to complain (months)"), null=True, blank=True
    )
    acknowledge_working_days = models.PositiveSmallIntegerField(
        _("acknowledge within (working days)"), default=10
    )
    response_working_days = models.PositiveSmallIntegerField(
        _("respond within (working days)"), default=20
    )
    response_policy = models.TextField(
        _("complaints policy in brief"),
        blank=True,
        help_text=_("Stages and reply times, in plain words, as shown to the public."),
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("public email"), blank=True)
    inbox_email = models.EmailField(
        _("staff inbox email"),
        blank=True,
        help_text=_("Told when a complaint is routed or transferred here. Never shown publicly."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        db_table = "complaints_organisation"  # moved from complaints; rows kept
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["org_type", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        """The name for a public page in the active language (see directory.names)."""
        from directory.names import shown_name

        return shown_name(self.name, self.name_cy)


class VictimsCodeRight(models.Model):
    """One of the 12 rights in the Victims' Code (2020)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        db_table = "complaints_victimscoderight"
        ordering = ["number"]
        verbose_name = _("Victims' Code right")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class RoutingRule(models.Model):
    """Data that decides where a complaint goes; read by `directory.routing.route`.

    A rule matches the complainant's answers (organisation type, what it is about and,
    optionally, the organisation they chose). The most specific, highest-priority active
    rule wins. Anything no rule matches goes to the central triage team.
    """

    class Target(models.TextChoices):
        CHOSEN = "chosen", _("The organisation the person chose")
        CHOSEN_PARENT = "chosen_parent", _("The overseeing body of the organisation chosen")
        FIXED = "fixed", _("A fixed organisation")

    priority = models.PositiveSmallIntegerField(_("priority"), default=100)
    org_type = models.CharField(
        _("complaint is about this type"), max_length=32, choices=OrganisationType.choices
    )
    subject = models.CharField(
        _("and this subject"), max_length=40, blank=True, help_text=_("Blank matches any subject.")
    )
    chosen_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("and this chosen organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Blank matches any."),
    )
    target = models.CharField(_("send to"), max_length=20, choices=Target.choices)
    target_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("fixed organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(
        _("reason shown to staff"),
        max_length=300,
        help_text=_("Plain words. '{organisation}' is replaced by the chosen organisation."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        db_table = "complaints_routingrule"
        ordering = ["priority", "id"]
        verbose_name = _("routing rule")

    def __str__(self) -> str:
        return (
            f"{self.get_org_type_display()} / {self.subject or '*'} → {self.get_target_display()}"
        )


class StaffMembership(models.Model):
    """A staff member works for one or more organisations and sees only their complaints."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        db_table = "complaints_staffmembership"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]
        verbose_name = _("staff membership")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
