"""The community manager's matchmaking pages, under /manage/<slug>/matchmaking/."""

from django.urls import path

from kollega.matching import manage_views as views

app_name = "matching_manage"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("settings/", views.settings_view, name="settings"),
    path("introduce/", views.broker, name="broker"),
    path("rounds/run/", views.round_run, name="round_run"),
    path("rounds/<int:round_id>/", views.round_detail, name="round_detail"),
    path("vocabulary/", views.vocabulary, name="vocabulary"),
    path("vocabulary/<int:concept_id>/delete/", views.vocabulary_delete, name="vocabulary_delete"),
]
