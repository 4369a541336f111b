"""Event calendar feeds for calendar apps, under /calendar/ (no sign-in: the URL is the key)."""

from django.urls import path

from kollega.events import calendar_views

app_name = "events_calendar"
urlpatterns = [
    path("<str:secret>/events.ics", calendar_views.space_feed, name="space_feed"),
    path("<str:secret>/my-events.ics", calendar_views.my_feed, name="my_feed"),
]
