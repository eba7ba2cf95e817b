from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from victims_service import staff_enrolment, views

urlpatterns = [
    path("exit/", views.quick_exit, name="quick_exit"),
    path("healthz", views.healthz, name="healthz"),
    # Before the admin site's catch-all. The one-time link's token is in the first URL only.
    path(
        "staff/set-up-authenticator/scan/",
        staff_enrolment.enrol_scan,
        name="staff_enrolment_scan",
    ),
    path(
        "staff/set-up-authenticator/<str:token>/",
        staff_enrolment.enrol_start,
        name="staff_enrolment",
    ),
    path("staff/", admin.site.urls),
    path("complaints/", include("complaints.urls")),
    path("feedback/", include("feedback.urls")),
    path("", include("guidance.urls")),
]

if settings.BENCH_BASELINE:
    # The benchmark's bare comparison view. Off unless BENCH_BASELINE=true: it is never
    # reachable in production.
    from bench.baseline import baseline, cached_guidance_page

    urlpatterns[:0] = [
        path("bench/baseline/<int:size>/", baseline),
        path("bench/cached/<path:path>/", cached_guidance_page),
    ]

handler400 = "victims_service.views.bad_request"
handler403 = "victims_service.views.permission_denied"
handler404 = "victims_service.views.page_not_found"
handler500 = "victims_service.views.server_error"
