from django.conf import settings
from django.http import HttpRequest

from victims_service.i18n import language_links


def service(request: HttpRequest) -> dict:
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "FEEDBACK_URL": settings.FEEDBACK_URL,
        "language_links": language_links(request),
    }
