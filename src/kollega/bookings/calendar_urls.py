"""Calendar feeds for calendar apps, at /calendar/ (no sign-in: the URL is the key)."""

from django.urls import path

from kollega.bookings import calendar_views

app_name = "calendar"
urlpatterns = [
    path("rooms/<str:token>.ics", calendar_views.room_feed, name="room_feed"),
    path("<str:secret>.ics", calendar_views.member_feed, name="member_feed"),
]
