from django.urls import path

from kollega.accounts import views

app_name = "accounts"
urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/tokens/", views.api_token_new, name="api_token_create"),
    path(
        "settings/tokens/<int:token_id>/revoke/",
        views.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("settings/my-data.json", views.data_export, name="data_export"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("profile/photo/", views.photo_upload, name="photo_upload"),
    path("profile/photo/remove/", views.photo_remove, name="photo_remove"),
]
