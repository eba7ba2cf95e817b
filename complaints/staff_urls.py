"""The authenticator set-up pages staff reach from their one-time link (staff_enrolment.py).

Mounted under /staff/ by the project's URLconf, before the admin site's catch-all. The
link's token is in the first URL only.
"""

from django.urls import path

from complaints import staff_enrolment

urlpatterns = [
    path("scan/", staff_enrolment.enrol_scan, name="staff_enrolment_scan"),
    path("<str:token>/", staff_enrolment.enrol_start, name="staff_enrolment"),
]
