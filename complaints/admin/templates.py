"""Response templates: each organisation's staff manage their own, and see no one else's."""

from __future__ import annotations

from django.contrib import admin

from complaints import selectors, services


class ResponseTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "updated_at", "updated_by")
    list_filter = ("organisation",)
    search_fields = ("title",)
    fields = ("organisation", "title", "body", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")

    def get_queryset(self, request):
        return selectors.response_templates_for_user(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = selectors.organisations_for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.response_template_save(template=obj, actor=request.user)
