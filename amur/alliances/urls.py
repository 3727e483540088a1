# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.alliances import views

app_name = "alliances"
urlpatterns = [
    path("", views.alliance_list, name="index"),
    path("<slug:slug>/", views.alliance_detail, name="detail"),
    path("<slug:slug>/members.csv", views.members_export, name="members_export"),
    path("<slug:slug>/report.<str:fmt>", views.breakdown_export, name="report_export"),
    path("<slug:slug>/logo/", views.alliance_logo, name="logo"),
    path("<slug:slug>/apply/", views.membership_apply, name="apply"),
    path(
        "<slug:slug>/members/<int:pk>/certificate.pdf",
        views.membership_certificate,
        name="certificate",
    ),
    path(
        "<slug:slug>/members/<int:pk>/application.pdf",
        views.membership_document,
        name="membership_document",
    ),
    path("<slug:slug>/review/", views.review_queue, name="review"),
    path("<slug:slug>/review/<int:pk>/", views.membership_decide, name="decide"),
    path("<slug:slug>/bodies/<int:pk>/", views.body_detail, name="body"),
    path("<slug:slug>/constitution/", views.constitution, name="constitution"),
    path("<slug:slug>/votes/<int:pk>/", views.vote_detail, name="vote"),
    path("<slug:slug>/votes/<int:pk>/ballot/", views.ballot_cast, name="ballot"),
    path("<slug:slug>/votes/<int:pk>/close/", views.vote_close, name="vote_close"),
    path("<slug:slug>/votes/new/", views.vote_create, name="vote_create"),
    path("<slug:slug>/votes/<int:pk>/manage/", views.vote_manage, name="vote_manage"),
    path("<slug:slug>/votes/<int:pk>/tally/", views.vote_tally, name="vote_tally"),
    path(
        "<slug:slug>/votes/<int:pk>/results.<str:fmt>",
        views.vote_results_export,
        name="vote_results_export",
    ),
    path(
        "<slug:slug>/bodies/<int:pk>/roster.<str:fmt>",
        views.body_roster_export,
        name="body_roster_export",
    ),
    path("<slug:slug>/dues/", views.dues, name="dues"),
    path("<slug:slug>/dues/<int:pk>/", views.dues_mark, name="dues_mark"),
]
