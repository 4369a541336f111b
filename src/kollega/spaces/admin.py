"""Django admin for rare fixes; community managers work in /manage/."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kollega.spaces.models import Operator, Space, SpaceStaff


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ("name", "space_count")
    search_fields = ("name",)
    filter_horizontal = ("admins",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Operator]:
        return super().get_queryset(request).annotate(space_total=Count("spaces"))

    @admin.display(description=_("spaces"), ordering="space_total")
    def space_count(self, operator: Operator) -> int:
        return int(getattr(operator, "space_total", 0))


class SpaceStaffInline(admin.TabularInline):
    model = SpaceStaff
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "operator",
        "currency",
        "time_zone",
        "max_seats_per_company",
        "created_at",
    )
    list_filter = ("operator", "currency")
    list_select_related = ("operator",)
    search_fields = ("name", "slug", "theme")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (SpaceStaffInline,)


@admin.register(SpaceStaff)
class SpaceStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "space", "title", "created_at")
    list_filter = ("space",)
    list_select_related = ("user", "space")
    search_fields = ("user__email", "user__full_name", "space__name")
    autocomplete_fields = ("user", "space")
