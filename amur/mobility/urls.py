# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.mobility.views import (
    agreements,
    applications,
    calls,
    ewp,
    home,
    learning_agreements,
    programmes,
    reports,
    transcripts,
)

app_name = "mobility"
urlpatterns = [
    path("", home.index, name="index"),
    path("agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path(
        "agreements/<int:pk>/documents/", agreements.agreement_documents, name="agreement_documents"
    ),
    path("agreement-documents/<int:pk>/", agreements.agreement_document, name="agreement_document"),
    path("agreements/<int:pk>/conditions/new/", agreements.condition_add, name="condition_add"),
    path("conditions/<int:pk>/edit/", agreements.condition_edit, name="condition_edit"),
    path("conditions/<int:pk>/delete/", agreements.condition_delete, name="condition_delete"),
    path("agreements/<int:pk>/calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/", calls.call_detail, name="call"),
    path("calls/<int:pk>/apply/", calls.apply, name="apply"),
    path("calls/<int:pk>/rank/", calls.call_rank, name="rank"),
    path("applications/<int:pk>/step/", applications.application_step, name="step"),
    path("applications/<int:pk>/scores/", applications.application_scores, name="scores"),
    path(
        "application-documents/<int:pk>/",
        applications.application_document,
        name="application_document",
    ),
    path("mobilities/", learning_agreements.mobility_list, name="mobilities"),
    path("mobilities/<int:pk>/", learning_agreements.mobility_detail, name="mobility"),
    path(
        "mobilities/<int:pk>/learning-agreement/", learning_agreements.la_propose, name="la_propose"
    ),
    path("mobilities/<int:pk>/ewp/", learning_agreements.mobility_ewp, name="mobility_ewp"),
    path("learning-agreements/<int:pk>/sign/", learning_agreements.la_sign, name="la_sign"),
    path("learning-agreements/<int:pk>/answer/", learning_agreements.la_answer, name="la_answer"),
    path("mobilities/<int:pk>/transcript/", transcripts.transcript_issue, name="transcript"),
    path("mobilities/<int:pk>/recognition/", transcripts.recognition_decide, name="recognition"),
    path("programmes/", programmes.programme_list, name="programmes"),
    path("programmes/<int:pk>/", programmes.programme_detail, name="programme"),
    path(
        "programmes/<int:pk>/courses/", programmes.programme_course_add, name="programme_course_add"
    ),
    path("programmes/<int:pk>/enrol/", programmes.programme_enrol, name="programme_enrol"),
    path("reports/", reports.reports, name="reports"),
    path("reports/<slug:table>.<slug:fmt>", reports.report_export, name="report_export"),
    path("organisations/<slug:slug>/dashboard/", reports.dashboard, name="dashboard"),
    path(
        "organisations/<int:pk>/agreements/",
        agreements.organisation_agreements,
        name="organisation_agreements",
    ),
    path("organisations/<slug:slug>/ewp/iias.xml", ewp.ewp_iias, name="ewp_iias"),
    path("ewp/receive/", ewp.ewp_receive, name="ewp_receive"),
    path(
        "organisations/<slug:slug>/ewp/omobilities.xml",
        ewp.ewp_omobilities,
        name="ewp_omobilities",
    ),
    path("organisations/<slug:slug>/ewp/learning-agreements.xml", ewp.ewp_las, name="ewp_las"),
]
