# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.core import phrases
from amur.core.views import module_placeholder

app_name = "resources"
urlpatterns = [
    path("", module_placeholder, {"title": phrases.MODULE_TITLES["resources"]}, name="index"),
]
