from django.urls import path

from kollega.members import views

app_name = "members"
urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("members/<int:member_id>/", views.profile, name="profile"),
    path("members/<int:member_id>/photo", views.photo, name="photo"),
    path("companies/<int:company_id>/", views.company, name="company"),
    path("companies/<int:company_id>/invite", views.company_invite, name="company_invite"),
    path(
        "companies/<int:company_id>/people/<int:member_id>/remove",
        views.company_member_remove,
        name="company_member_remove",
    ),
    path(
        "companies/<int:company_id>/invitations/<int:invitation_id>/revoke",
        views.company_invitation_revoke,
        name="company_invitation_revoke",
    ),
]
