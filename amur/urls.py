# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from amur.api import api

urlpatterns = [
    path("", include("amur.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("amur.accounts.urls")),
    path("directory/", include("amur.directory.urls")),
    path("alliances/", include("amur.alliances.urls")),
    path("events/", include("amur.events.urls")),
    path("competitions/", include("amur.competitions.urls")),
    path("mobility/", include("amur.mobility.urls")),
    path("library/", include("amur.library.urls")),
    path("talent/", include("amur.talent.urls")),
    path("observatory/", include("amur.observatory.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
