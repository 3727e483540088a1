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
    path("records/<int:pk>/ask/", views.patron_request_new, name="patron_request_new"),
    path("my-requests/", views.patron_requests, name="patron_requests"),
    path("my-requests/<int:pk>/cancel/", views.patron_request_cancel, name="patron_request_cancel"),
    path("readers/<int:pk>/answer/", views.patron_request_answer, name="patron_request_answer"),
    path("imports/<int:pk>/", views.import_job, name="import_job"),
    path("records/<int:pk>/holdings/new/", views.holding_add, name="holding_add"),
    path("holdings/<int:pk>/edit/", views.holding_edit, name="holding_edit"),
    path("holdings/<int:pk>/status/", views.holding_status, name="holding_status"),
    path("loans/<int:pk>/iso18626.zip", views.ill_iso18626_export, name="ill_iso18626_export"),
    path("loans/iso18626/", views.ill_iso18626_import, name="ill_iso18626_import"),
    path("oai", views.oai_pmh, name="oai"),
    path("exchange/", views.exchange_index, name="exchange_index"),
    path("exchange/new/", views.exchange_offer_new, name="exchange_offer_new"),
    path("exchange/<int:pk>/", views.exchange_offer, name="exchange_offer"),
    path("exchange/<int:pk>/close/", views.exchange_offer_close, name="exchange_offer_close"),
    path("exchange/<int:pk>/request/", views.exchange_request_new, name="exchange_request_new"),
    path("exchange/requests/<int:pk>/step/", views.exchange_step, name="exchange_step"),
]
