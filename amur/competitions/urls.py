# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.competitions import views

app_name = "competitions"
urlpatterns = [
    path("", views.index, name="index"),
    path("editions/<int:pk>/", views.edition_detail, name="edition"),
    path("disciplines/<int:pk>/apply/", views.apply, name="apply"),
    path("applications/<int:pk>/", views.application, name="application"),
    path(
        "applications/<int:pk>/rounds/<int:round_pk>/repertoire/",
        views.repertoire,
        name="repertoire",
    ),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("editions/<int:pk>/office/", views.office, name="office"),
    path("applications/<int:pk>/fee/", views.fee_paid, name="fee_paid"),
    path("applications/<int:pk>/status/", views.application_status, name="application_status"),
    path("rounds/<int:pk>/office/", views.round_office, name="round_office"),
    path(
        "rounds/<int:pk>/confirm/",
        views.round_office_action,
        {"action": "confirm"},
        name="round_confirm",
    ),
    path("rounds/<int:pk>/open/", views.round_office_action, {"action": "open"}, name="round_open"),
    path("rounds/<int:pk>/reveal/", views.reveal_names, name="reveal"),
    path("rounds/<int:pk>/prizes/", views.prizes, name="prizes"),
    path("rounds/<int:pk>/prizes/propose/", views.prize_propose, name="prize_propose"),
    path("prizes/<int:pk>/vote/", views.prize_vote, name="prize_vote"),
    path("rounds/<int:pk>/results/", views.round_results, name="results"),
    path("rounds/<int:pk>/integrity/", views.round_integrity, name="integrity"),
    path(
        "rounds/<int:pk>/integrity/publish/",
        views.round_integrity_publish,
        name="integrity_publish",
    ),
    path("rounds/<int:pk>/sheet/", views.jury_sheet, name="sheet"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
]
