# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.mobility import views

app_name = "mobility"
urlpatterns = [
    path("", views.index, name="index"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/documents/", views.agreement_documents, name="agreement_documents"),
    path("agreement-documents/<int:pk>/", views.agreement_document, name="agreement_document"),
    path("agreements/<int:pk>/conditions/new/", views.condition_add, name="condition_add"),
    path("conditions/<int:pk>/edit/", views.condition_edit, name="condition_edit"),
    path("conditions/<int:pk>/delete/", views.condition_delete, name="condition_delete"),
    path("agreements/<int:pk>/calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("calls/<int:pk>/apply/", views.apply, name="apply"),
    path("calls/<int:pk>/rank/", views.call_rank, name="rank"),
    path("applications/<int:pk>/step/", views.application_step, name="step"),
    path("applications/<int:pk>/scores/", views.application_scores, name="scores"),
    path(
        "application-documents/<int:pk>/", views.application_document, name="application_document"
    ),
    path("mobilities/", views.mobility_list, name="mobilities"),
    path("mobilities/<int:pk>/", views.mobility_detail, name="mobility"),
    path("mobilities/<int:pk>/learning-agreement/", views.la_propose, name="la_propose"),
    path("mobilities/<int:pk>/ewp/", views.mobility_ewp, name="mobility_ewp"),
    path("learning-agreements/<int:pk>/sign/", views.la_sign, name="la_sign"),
    path("learning-agreements/<int:pk>/answer/", views.la_answer, name="la_answer"),
    path("mobilities/<int:pk>/transcript/", views.transcript_issue, name="transcript"),
    path("mobilities/<int:pk>/recognition/", views.recognition_decide, name="recognition"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/courses/", views.programme_course_add, name="programme_course_add"),
    path("programmes/<int:pk>/enrol/", views.programme_enrol, name="programme_enrol"),
    path("reports/", views.reports, name="reports"),
    path("reports/<slug:table>.<slug:fmt>", views.report_export, name="report_export"),
    path("organisations/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path(
        "organisations/<int:pk>/agreements/",
        views.organisation_agreements,
        name="organisation_agreements",
    ),
    path("organisations/<slug:slug>/ewp/iias.xml", views.ewp_iias, name="ewp_iias"),
    path("ewp/receive/", views.ewp_receive, name="ewp_receive"),
    path(
        "organisations/<slug:slug>/ewp/omobilities.xml",
        views.ewp_omobilities,
        name="ewp_omobilities",
    ),
    path("organisations/<slug:slug>/ewp/learning-agreements.xml", views.ewp_las, name="ewp_las"),
]
