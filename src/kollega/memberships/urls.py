from django.urls import path

from kollega.memberships import views

app_name = "memberships"
urlpatterns = [
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_create_view, name="plan_create"),
    path("plans/<int:plan_id>/edit/", views.plan_edit_view, name="plan_edit"),
    path("plans/<int:plan_id>/retire/", views.plan_retire_view, name="plan_retire"),
    path("plans/<int:plan_id>/reactivate/", views.plan_reactivate_view, name="plan_reactivate"),
    path("memberships/", views.membership_list_view, name="list"),
    path("memberships/new/", views.membership_create_view, name="create"),
    path("memberships/<int:membership_id>/", views.membership_detail_view, name="detail"),
    path("memberships/<int:membership_id>/notice/", views.membership_notice_view, name="notice"),
    path(
        "memberships/<int:membership_id>/withdraw-notice/",
        views.membership_withdraw_notice_view,
        name="withdraw_notice",
    ),
    path("memberships/<int:membership_id>/change/", views.membership_change_view, name="change"),
    path("memberships/<int:membership_id>/end/", views.membership_end_view, name="end"),
]
