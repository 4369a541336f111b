"""The check-in page a room's or desk's QR code leads to: /c/<token>/."""

from django.urls import path

from kollega.bookings import views

app_name = "checkin"
urlpatterns = [path("<str:token>/", views.check_in_by_code, name="code")]
