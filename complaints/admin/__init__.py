"""Staff triage in Django admin: this package registers the admins of the complaints app.

Two rules hold on every page here:
- Scoping: staff see only their own organisations' complaints (superusers see all). Every
  queryset comes from `selectors.complaints_for_user` or is filtered through it, so the
  changelist, change view, history, search, filters, autocomplete, downloads and the CSV
  export all agree. `ScopedToComplaintsMixin` does this for the models that hang off a
  complaint; any admin added later should use it (or filter through the selectors) too.
- Staff never edit what the complainant wrote and never set a status by hand. Every
  change goes through an action that calls a service in `complaints.services`.

Where things live:
- `filters`: the changelist filters; `inlines`: the read-only history, files and notes.
- `complaint`: the complaint admin, configuration only (columns, fieldsets, scoping);
  `columns` its display columns, `views` its custom views (the change page, actions,
  notes, downloads, dashboard), `bulk` its changelist actions and the CSV export.
- `actions` and `forms`: the triage actions on one complaint and the forms behind them.
- `staff_files`: files staff add on the complaint page and share with the complainant.
- `assisted`: recording a complaint received by phone, letter or in person, through the
  public journey's questions and routing.
- `display`: presentation helpers (safe-contact notices, charts, the CSV rows).
- `outbox` and `access_log`: the outbound email and access-log admins; `base` holds the
  scoping mixin and the read-only admin they share; `templates`: response templates.
- `staff_users`: Django's user admin with the authenticator-app actions (superusers only).
"""

from django.contrib import admin

from complaints.admin.access_log import AccessLogAdmin
from complaints.admin.complaint import ComplaintAdmin
from complaints.admin.outbox import OutboundEmailAdmin
from complaints.admin.staff_users import StaffUserAdmin
from complaints.admin.templates import ResponseTemplateAdmin
from complaints.models import AccessLog, Complaint, OutboundEmail, ResponseTemplate

admin.site.register(Complaint, ComplaintAdmin)
admin.site.register(OutboundEmail, OutboundEmailAdmin)
admin.site.register(AccessLog, AccessLogAdmin)
admin.site.register(ResponseTemplate, ResponseTemplateAdmin)

__all__ = [
    "AccessLogAdmin",
    "ComplaintAdmin",
    "OutboundEmailAdmin",
    "ResponseTemplateAdmin",
    "StaffUserAdmin",
]
