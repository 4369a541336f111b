from django.urls import path

from kollega.members import views

urlpatterns = [
    path("<str:token>/", views.invitation_accept, name="accept"),
]
