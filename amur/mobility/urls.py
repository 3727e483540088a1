# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.mobility import views

app_name = "mobility"
urlpatterns = [
    path("", views.index, name="index"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("calls/<int:pk>/apply/", views.apply, name="apply"),
    path("calls/<int:pk>/rank/", views.call_rank, name="rank"),
    path("applications/<int:pk>/step/", views.application_step, name="step"),
]
