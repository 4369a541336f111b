from django.urls import path

from kollega.accounts import views

app_name = "accounts"
urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("settings/", views.settings_page, name="settings"),
    path("profile/", views.profile_edit, name="profile_edit"),
]
