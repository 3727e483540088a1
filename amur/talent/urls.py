# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.talent import views

app_name = "talent"
urlpatterns = [
    path("", views.index, name="index"),
    path("profiles/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("profiles/<int:pk>/merge/", views.profile_merge, name="profile_merge"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("me/", views.profile_edit, name="profile_edit"),
    path("me/credentials/", views.credential_add, name="credential_add"),
    path("me/credentials/<int:pk>/remove/", views.credential_remove, name="credential_remove"),
    path("me/matches/", views.matches, name="matches"),
    path("needs/", views.need_list, name="need_list"),
    path("needs/new/", views.need_create, name="need_create"),
    path("needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("needs/<int:pk>/shortlist/", views.shortlist, name="shortlist"),
    path("candidates/<int:pk>/advance/", views.candidate_advance, name="candidate_advance"),
    path("candidates/<int:pk>/declaration/", views.declaration, name="declaration"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/new/", views.task_create, name="task_create"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/offer/", views.task_offer, name="task_offer"),
    path("tasks/<int:pk>/accept/", views.task_accept, name="task_accept"),
    path("tasks/<int:pk>/decline/", views.task_decline, name="task_decline"),
    path("tasks/<int:pk>/deliver/", views.task_deliver, name="task_deliver"),
    path("tasks/<int:pk>/rate/", views.task_rate, name="task_rate"),
    path("tasks/<int:pk>/cancel/", views.task_cancel, name="task_cancel"),
    path("tasks/<int:pk>/reviewer/", views.review_assign, name="review_assign"),
    path("tasks/<int:pk>/review/", views.translation_review, name="translation_review"),
    path("translations/", views.translations, name="translations"),
    path("events/<slug:slug>/interpreting/", views.event_interpreting, name="event_interpreting"),
    path("organisations/<int:pk>/hsk-table/", views.preference, name="preference"),
    path("reports/", views.reports, name="reports"),
    path("reports/<str:table>.<str:fmt>", views.report_export, name="report_export"),
    path("training/", views.training_list, name="training_list"),
    path("training/new/", views.training_create, name="training_create"),
    path("training/<int:pk>/", views.training_detail, name="training_detail"),
    path("training/<int:pk>/enrol/", views.training_enrol, name="training_enrol"),
    path("enrolments/<int:pk>/withdraw/", views.training_withdraw, name="training_withdraw"),
    path("enrolments/<int:pk>/complete/", views.training_complete, name="training_complete"),
]
