from django.urls import path

from kollega.members import views

app_name = "members"
urlpatterns: list = []
