# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from amur.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("me/", views.mine, name="mine"),
    # Browsers ask for /favicon.ico on pages that name no icon (the API docs, files).
    path("favicon.ico", RedirectView.as_view(url=static("core/favicon.svg"), permanent=True)),
    path("healthz", views.healthz, name="healthz"),
]
