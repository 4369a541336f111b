"""Member pages of matchmaking, under /s/<slug>/."""

from django.urls import path

from kollega.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.home, name="home"),
    path("meet/<int:member_id>/", views.introduction_request_view, name="introduction_request"),
    path(
        "introductions/<int:introduction_id>/answer/",
        views.introduction_answer_view,
        name="introduction_answer",
    ),
    path(
        "introductions/<int:introduction_id>/withdraw/",
        views.introduction_withdraw_view,
        name="introduction_withdraw",
    ),
    path(
        "introductions/<int:introduction_id>/outcome/",
        views.introduction_outcome,
        name="introduction_outcome",
    ),
    path("pairs/<int:pair_id>/outcome/", views.pair_outcome, name="pair_outcome"),
    path("matchmaking/", views.preferences, name="preferences"),
    path("members/<int:member_id>/block/", views.block, name="block"),
    path("members/<int:member_id>/unblock/", views.unblock, name="unblock"),
]
