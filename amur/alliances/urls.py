# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.alliances import views

app_name = "alliances"
urlpatterns = [
    path("", views.alliance_list, name="index"),
    path("<slug:slug>/", views.alliance_detail, name="detail"),
    path("<slug:slug>/members.csv", views.members_export, name="members_export"),
    path("<slug:slug>/apply/", views.membership_apply, name="apply"),
    path(
        "<slug:slug>/members/<int:pk>/certificate.pdf",
        views.membership_certificate,
        name="certificate",
    ),
    path("<slug:slug>/review/", views.review_queue, name="review"),
    path("<slug:slug>/review/<int:pk>/", views.membership_decide, name="decide"),
    path("<slug:slug>/bodies/<int:pk>/", views.body_detail, name="body"),
    path("<slug:slug>/constitution/", views.constitution, name="constitution"),
    path("<slug:slug>/votes/<int:pk>/", views.vote_detail, name="vote"),
    path("<slug:slug>/votes/<int:pk>/ballot/", views.ballot_cast, name="ballot"),
    path("<slug:slug>/votes/<int:pk>/close/", views.vote_close, name="vote_close"),
]
