from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from kollega.api.api import api
from kollega.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("kollega.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("calendar/", include("kollega.bookings.calendar_urls")),
    path("calendar/", include("kollega.events.calendar_urls")),
    path("invite/", include(("kollega.members.invite_urls", "invite"))),
    path("c/", include("kollega.bookings.checkin_urls")),
    path("e/", include("kollega.events.checkin_urls")),
    path("s/<slug:slug>/", include("kollega.members.urls")),
    path("s/<slug:slug>/", include("kollega.matching.urls")),
    path("s/<slug:slug>/", include("kollega.bookings.urls")),
    path("s/<slug:slug>/", include("kollega.bookings.presence_urls")),
    path("s/<slug:slug>/", include("kollega.events.urls")),
    path("manage/<slug:slug>/matchmaking/", include("kollega.matching.manage_urls")),
    path("manage/<slug:slug>/bookings/", include("kollega.bookings.manage_urls")),
    path("manage/<slug:slug>/events/", include("kollega.events.manage_urls")),
    path("manage/", include("kollega.spaces.urls")),
    path("manage/<slug:slug>/companies/", include("kollega.companies.urls")),
    path("manage/<slug:slug>/", include("kollega.memberships.urls")),
]

if settings.DEBUG:
    from django.views.static import serve

    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
