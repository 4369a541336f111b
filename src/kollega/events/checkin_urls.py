"""The check-in page an event's QR code leads to: /e/<token>/."""

from django.urls import path

from kollega.events import views

app_name = "event_checkin"
urlpatterns = [path("<str:token>/", views.check_in, name="check_in")]
