"""Member pages of events, under /s/<slug>/."""

from django.urls import path

from kollega.events import views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/propose/", views.propose, name="propose"),
    path("events/<int:event_id>/", views.event_detail, name="detail"),
    path("events/<int:event_id>/rsvp/", views.rsvp, name="rsvp"),
    path("events/<int:event_id>/feedback/", views.feedback, name="feedback"),
]
