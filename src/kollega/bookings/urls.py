"""Member pages of bookings, under /s/<slug>/."""

from django.urls import path

from kollega.bookings import views

app_name = "bookings"
urlpatterns = [
    path("book/", views.grid, name="grid"),
    path("book/new/", views.book, name="book"),
    path("book/desk-day/", views.desk_day, name="desk_day"),
    path("bookings/", views.my_bookings, name="mine"),
    path("bookings/usage/", views.my_usage, name="my_usage"),
    path("desks/<int:resource_id>/release/", views.desk_release_view, name="desk_release"),
    path("bookings/<int:booking_id>/cancel/", views.cancel, name="cancel"),
    path("bookings/<int:booking_id>/check-in/", views.check_in, name="check_in"),
]
