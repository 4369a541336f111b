from django.urls import path

from kollega.memberships import views

app_name = "memberships"
urlpatterns: list = []
