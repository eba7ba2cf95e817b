"""Content designers edit guidance pages here. Saving goes through guidance.services, which
validates headings and invalidates the cached page at once."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guidance import selectors, services
from guidance.models import Page
from guidance.rendering import render_markdown
from guidance.views import page_content_context


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = (
            "title",
            "path",
            "summary",
            "section",
            "order",
            "body",
            "org_type",
            "published",
            "last_reviewed",
            "title_cy",
            "summary_cy",
            "body_cy",
        )
        widgets = {
            "body": forms.Textarea(attrs={"rows": 30, "cols": 100, "class": "vLargeTextField"}),
            "summary": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "body_cy": forms.Textarea(
                attrs={"rows": 30, "cols": 100, "class": "vLargeTextField", "lang": "cy"}
            ),
            "summary_cy": forms.TextInput(attrs={"class": "vLargeTextField", "lang": "cy"}),
            "title_cy": forms.TextInput(attrs={"class": "vTextField", "lang": "cy"}),
        }


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageForm
    list_display = (
        "title",
        "path",
        "section",
        "welsh_status",
        "published",
        "last_reviewed",
        "updated_at",
    )
    list_filter = ("published", "section", "org_type")
    search_fields = ("title", "path", "summary", "title_cy")
    ordering = ("path",)
    readonly_fields = (
        "updated_at",
        "view_links",
        "rendered_body",
        "welsh_status",
        "english_changed_at",
        "welsh_changed_at",
        "rendered_body_cy",
    )
    fieldsets = (
        (None, {"fields": ("title", "path", "summary", "section", "order", "view_links")}),
        (_("Content"), {"fields": ("body", "rendered_body")}),
        (
            _("Welsh version"),
            {
                "fields": (
                    "welsh_status",
                    "title_cy",
                    "summary_cy",
                    "body_cy",
                    "rendered_body_cy",
                    "english_changed_at",
                    "welsh_changed_at",
                )
            },
        ),
        (_("Complaint button"), {"fields": ("org_type",)}),
        (_("Publishing"), {"fields": ("published", "last_reviewed", "updated_at")}),
    )

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="guidance_page_preview"),
            *super().get_urls(),
        ]

    @admin.display(description=_("View"))
    def view_links(self, obj: Page) -> str:
        if not obj.pk:
            return "-"
        preview = reverse("admin:guidance_page_preview", args=[obj.pk])
        links = format_html('<a href="{}">{}</a>', preview, _("Preview the saved page"))
        if obj.has_welsh:
            links += format_html(
                ' | <a href="{}?language=cy">{}</a>', preview, _("Preview the Welsh page")
            )
        if obj.published:
            links += format_html(
                ' | <a href="{}">{}</a>', obj.get_absolute_url(), _("View on the site")
            )
            if obj.has_welsh:
                with translation.override("cy"):
                    welsh_url = obj.get_absolute_url()
                links += format_html(' | <a href="{}">{}</a>', welsh_url, _("View in Welsh"))
        return links

    @admin.display(description=_("Welsh"))
    def welsh_status(self, obj: Page) -> str:
        if not obj.pk or not obj.has_welsh:
            return gettext("No Welsh version")
        if obj.welsh_needs_updating:
            return format_html(
                '<strong class="app-welsh-outdated">{}</strong> {}',
                gettext("Welsh needs updating"),
                gettext("(the English changed after the Welsh was last saved)"),
            )
        return gettext("Up to date")

    @admin.display(description=_("How the saved Welsh body looks"))
    def rendered_body_cy(self, obj: Page) -> str:
        if not obj.pk or not obj.body_cy.strip():
            return "-"
        return mark_safe(  # noqa: S308 - sanitised by render_markdown
            f'<div class="app-admin-preview" lang="cy">{render_markdown(obj.body_cy)}</div>'
        )

    @admin.display(description=_("How the saved body looks"))
    def rendered_body(self, obj: Page) -> str:
        if not obj.pk:
            return "-"
        return mark_safe(  # noqa: S308 - sanitised by render_markdown
            f'<div class="app-admin-preview">{render_markdown(obj.body)}</div>'
        )

    def preview_view(self, request, pk: int):
        """The saved page as the public will see it, published or not, never cached."""
        page = get_object_or_404(Page, pk=pk)
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        ancestors = selectors.pages_by_paths(paths=page.ancestor_paths)
        # ?language=cy previews the Welsh version; staff pages are otherwise English.
        language = "cy" if request.GET.get("language") == "cy" and page.has_welsh else None
        with translation.override(language or settings.LANGUAGE_CODE):
            content = render_to_string(
                "guidance/_page_content.html",
                page_content_context(page),
            )
            context = {
                "page": page,
                "ancestors": ancestors,
                "content": mark_safe(content),  # noqa: S308 - rendered template
                "preview": True,
            }
            return TemplateResponse(request, "guidance/page.html", context).render()

    def save_model(self, request, obj: Page, form, change) -> None:
        services.page_save(page=obj)

    def delete_model(self, request, obj: Page) -> None:
        services.page_delete(page=obj)

    def delete_queryset(self, request, queryset) -> None:
        for page in queryset:
            services.page_delete(page=page)
