from django.urls import path

from kollega.companies import views

app_name = "companies"
urlpatterns: list = []
