"""The community manager's bookings pages, under /manage/<slug>/bookings/."""

from django.urls import path

from kollega.bookings import manage_views as views

app_name = "bookings_manage"
urlpatterns = [
    path("", views.resources, name="resources"),
    path("resources/new/", views.resource_new, name="resource_create"),
    path("resources/<int:resource_id>/", views.resource_edit, name="resource_edit"),
    path("zones/new/", views.zone_new, name="zone_create"),
    path("zones/<int:zone_id>/", views.zone_edit, name="zone_edit"),
    path("hours/", views.hours, name="hours"),
    path("hours/closed/", views.closed_day_new, name="closed_day_add"),
    path(
        "hours/closed/<int:closed_day_id>/remove/",
        views.closed_day_delete,
        name="closed_day_remove",
    ),
    path("rules/", views.rules, name="rules"),
    path("rules/<str:kind>/", views.rule_edit, name="rule_edit"),
    path("usage/", views.usage, name="usage"),
    path("usage.csv", views.usage_csv, name="usage_csv"),
    path("check-in-sheet/", views.check_in_sheet, name="check_in_sheet"),
]
