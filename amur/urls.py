# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin
from django.urls import include, path

from amur.api import api

urlpatterns = [
    path("", include("amur.portal.urls")),
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
    path("resources/", include("amur.resources.urls")),
    path("forum/", include("amur.forum.urls")),
    path("talent/", include("amur.talent.urls")),
    path("observatory/", include("amur.observatory.urls")),
]

handler500 = "amur.core.views.server_error"

# No /media/ route, not even in DEBUG: every uploaded file is served by a view that applies
# its owner's visibility (application documents are private).
