"""The community manager's event pages, under /manage/<slug>/events/."""

from django.urls import path

from kollega.events import manage_views as views
from kollega.events import rhythm_views

app_name = "events_manage"
urlpatterns = [
    path("", views.events, name="list"),
    path("new/", views.event_new, name="create"),
    path("<int:event_id>/", views.event_edit, name="edit"),
    path("<int:event_id>/cancel/", views.event_cancel_view, name="cancel"),
    path("<int:event_id>/attendance/", views.attendance, name="attendance"),
    path("<int:event_id>/attendance/sign-up/", views.attendance_sign_up, name="attendance_sign_up"),
    path(
        "<int:event_id>/attendance/<int:member_id>/",
        views.attendance_toggle,
        name="attendance_toggle",
    ),
    path("<int:event_id>/qr/", views.qr, name="qr"),
    path("proposals/<int:event_id>/", views.decide, name="decide"),
    path("rhythm/", rhythm_views.rhythm, name="rhythm"),
]
