# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.forum import views

app_name = "forum"
urlpatterns = [
    path("", views.index, name="index"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/version/", views.version_set, name="version"),
    path("submissions/<int:pk>/review/", views.review, name="review"),
    path("submissions/<int:pk>/decide/", views.decide, name="decide"),
    path("submissions/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("submissions/<int:pk>/assign/", views.assignment_set, name="assignment_set"),
    path("submissions/<int:pk>/<str:action>/", views.submission_action, name="submission_action"),
    path("<slug:slug>/", views.edition_detail, name="edition"),
    path("<slug:slug>/submit/", views.submission_create, name="submit"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/assign/", views.assign, name="assign"),
    path("<slug:slug>/publish/", views.publish, name="publish"),
    path("<slug:slug>/programme/", views.programme, name="programme"),
    path("<slug:slug>/programme.ics", views.programme_ics, name="programme_ics"),
    path("<slug:slug>/abstracts.pdf", views.abstracts_pdf, name="abstracts"),
]
