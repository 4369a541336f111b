from django.urls import path

from kollega.spaces import views

app_name = "spaces"
urlpatterns: list = []
