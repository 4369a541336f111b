"""Who's in, and the member's calendar feed and presence choice, under /s/<slug>/."""

from django.urls import path

from kollega.bookings import calendar_views

app_name = "presence"
urlpatterns = [
    path("whos-in/", calendar_views.whos_in_page, name="whos_in"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar/feed/", calendar_views.feed_create, name="feed_create"),
    path("calendar/feed/revoke/", calendar_views.feed_revoke, name="feed_revoke"),
    path("calendar/presence/", calendar_views.presence_update, name="presence_update"),
]
