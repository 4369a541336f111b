"""Django admin for rare fixes; community managers work in /manage/<space>/companies/."""

from __future__ import annotations

from django.contrib import admin

from kollega.companies.models import Company


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "space", "org_number", "industry", "stage", "employees", "archived_at")
    list_filter = ("space", "industry", "stage", ("archived_at", admin.EmptyFieldListFilter))
    list_select_related = ("space",)
    search_fields = ("name", "org_number")
    autocomplete_fields = ("space",)
