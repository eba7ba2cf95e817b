from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from complaints import journey
        from victims_service.quick_exit import on_quick_exit

        # Evidence not yet sent lives on disk, outside the session: the quick exit deletes it.
        on_quick_exit(journey.session_discard)
