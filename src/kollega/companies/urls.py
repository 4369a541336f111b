from django.urls import path

from kollega.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list_view, name="list"),
    path("new/", views.company_create_view, name="create"),
    path("<int:company_id>/", views.company_detail_view, name="detail"),
    path("<int:company_id>/edit/", views.company_edit_view, name="edit"),
    path("<int:company_id>/archive/", views.company_archive_view, name="archive"),
    path("<int:company_id>/invite/", views.company_invite_view, name="invite"),
    path(
        "<int:company_id>/people/<int:member_id>/contact/",
        views.person_contact_view,
        name="person_contact",
    ),
    path(
        "<int:company_id>/people/<int:member_id>/remove/",
        views.person_remove_view,
        name="person_remove",
    ),
]
