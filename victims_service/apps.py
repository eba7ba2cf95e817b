# Imported as a module: a config class among this module's names would be taken as the
# `victims_service` app's own config.
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin app with `admin.site` replaced by the staff site.

    Every `@admin.register` in the project (and in django-otp) then lands on the site that
    asks for a code from an authenticator app and locks out repeated failures, without a
    second admin site to keep in step.
    """

    # Not the default config of the `victims_service` app itself.
    default = False
    default_site = "victims_service.staff_security.StaffAdminSite"


class VictimsServiceConfig(AppConfig):
    """The project's own app: site-wide templates, commands and system checks."""

    name = "victims_service"
    default = True

    def ready(self) -> None:
        # Middleware modules are not imported by `manage.py check`; import the one whose
        # deploy check stands in for Django's CSRF check (security.W003).
        from victims_service import checks, csrf  # noqa: F401
