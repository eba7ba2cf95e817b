from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict:
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "FEEDBACK_URL": settings.FEEDBACK_URL,
    }
