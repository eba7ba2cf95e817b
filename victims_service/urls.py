from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from victims_service import views

urlpatterns = [
    path("exit/", views.quick_exit, name="quick_exit"),
    path("healthz", views.healthz, name="healthz"),
    # Before the admin site's catch-all.
    path("staff/set-up-authenticator/", include("complaints.staff_urls")),
    # Staff pages are in English whatever the URL or the browser says: outside
    # i18n_patterns, so LocaleMiddleware gives them LANGUAGE_CODE.
    path("staff/", admin.site.urls),
]

# The public site in each language: English at the root, Welsh under /cy/.
# The language comes from the URL alone, so links, bookmarks and search results keep it.
urlpatterns += i18n_patterns(
    # The strings the site's own scripts show (the autocomplete's "No results found").
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["victims_service"]), name="jsi18n"),
    path("complaints/", include("complaints.urls")),
    path("feedback/", include("feedback.urls")),
    path("", include("guidance.urls")),
    prefix_default_language=False,
)

if settings.BENCH_BASELINE:
    # The benchmark's bare comparison view. Off unless BENCH_BASELINE=true: it is never
    # reachable in production.
    urlpatterns[:0] = [path("bench/", include("bench.urls"))]

handler400 = "victims_service.views.bad_request"
handler403 = "victims_service.views.permission_denied"
handler404 = "victims_service.views.page_not_found"
handler500 = "victims_service.views.server_error"
