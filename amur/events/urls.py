# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="index"),
    path("calendar/", views.event_calendar, name="calendar"),
    path("new/", views.event_edit, name="create"),
    path("feed.ics", views.event_feed, name="feed"),
    path("cancel/<str:token>/", views.registration_cancel, name="cancel"),
    path("confirm/<str:token>/", views.registration_confirm, name="confirm"),
    path("speakers/<int:pk>/", views.speaker, name="speaker"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.event_register, name="register"),
    path("<slug:slug>/programme/", views.programme, name="programme"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/message/", views.event_message, name="message"),
    path("<slug:slug>/sessions/<int:pk>/join/", views.session_join, name="session_join"),
    path("<slug:slug>/event.ics", views.event_ics, name="ics"),
    path("<slug:slug>/registrations/", views.event_registrations, name="registrations"),
    path("<slug:slug>/check-in/", views.check_in_by_code, name="check_in"),
    path("<slug:slug>/delegations/new/", views.delegation_register, name="delegation_register"),
    path("<slug:slug>/delegations/<int:pk>/", views.delegation_detail, name="delegation"),
    path(
        "<slug:slug>/delegations/<int:pk>/letter-<str:language>.pdf",
        views.delegation_letter,
        name="delegation_letter",
    ),
    path("<slug:slug>/photos/", views.event_photos, name="photos"),
    path("<slug:slug>/photos/<int:pk>/", views.event_photo, name="photo"),
    path("<slug:slug>/photos/<int:pk>/delete/", views.event_photo_delete, name="photo_delete"),
    path(
        "<slug:slug>/registrations/<int:pk>/<str:action>/",
        views.registration_action,
        name="registration_action",
    ),
]
