"""Staff accounts in admin, with the authenticator-app actions (superusers only).

The user admin is Django's own, re-registered with two actions: send a member of staff a
one-time link to set up their authenticator app, and remove their apps (a lost phone),
which also signs them out everywhere. `StaffAdminSite.register` keeps every page of it for
superusers, as for every model of the auth app.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from complaints import services

User = get_user_model()

if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = ("send_authenticator_link", "remove_authenticator")

    @admin.action(description=_("Send the selected staff a link to set up their authenticator app"))
    def send_authenticator_link(self, request, queryset):
        sent = []
        for user in queryset:
            try:
                services.staff_enrolment_send(user_id=user.pk, actor=request.user)
            except services.EnrolmentError as error:
                self.message_user(request, f"{user.get_username()}: {error}", messages.ERROR)
            else:
                sent.append(user.get_username())
        if sent:
            self.message_user(
                request,
                ngettext(
                    "A set-up link was emailed to %(names)s. It works once, for 24 hours.",
                    "Set-up links were emailed to %(names)s. Each works once, for 24 hours.",
                    len(sent),
                )
                % {"names": ", ".join(sent)},
                messages.SUCCESS,
            )

    @admin.action(
        description=_(
            "Remove the selected staff's authenticator apps and sign them out (a lost phone)"
        )
    )
    def remove_authenticator(self, request, queryset):
        names = []
        for user in queryset:
            services.staff_authenticator_revoke(user_id=user.pk, actor=request.user)
            names.append(user.get_username())
        self.message_user(
            request,
            gettext(
                "Authenticator apps removed and signed out everywhere: %(names)s. Send a new "
                "set-up link when they have a new phone."
            )
            % {"names": ", ".join(names)},
            messages.SUCCESS,
        )
