# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.library import views

app_name = "library"
urlpatterns = [
    path("", views.catalogue, name="index"),
    path("records/<int:pk>/", views.record_detail, name="record"),
    path("records/<int:pk>/marcxml", views.record_marcxml, name="record_marcxml"),
    path("imports/new/", views.import_upload, name="import_upload"),
    path("loans/", views.ill_queue, name="ill_queue"),
    path("records/<int:pk>/request/", views.ill_request, name="ill_request"),
    path("imports/<int:pk>/", views.import_job, name="import_job"),
    path("records/<int:pk>/holdings/new/", views.holding_add, name="holding_add"),
    path("holdings/<int:pk>/edit/", views.holding_edit, name="holding_edit"),
    path("holdings/<int:pk>/status/", views.holding_status, name="holding_status"),
]
