# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    EXHIBITION = "exhibition", _("Exhibition")
    FESTIVAL = "festival", _("Festival")
    CULTURE_WEEK = "culture_week", _("Culture week")
    EXPO = "expo", _("Expo / fair")
    CONCERT = "concert", _("Concert / performance")
    SEMINAR = "seminar", _("Seminar")
    CONFERENCE = "conference", _("Conference")
    FORUM = "forum", _("Forum")
    MASTER_CLASS = "master_class", _("Master class")
    LECTURE = "lecture", _("Lecture")
    WORKSHOP = "workshop", _("Workshop")
    FILM = "film", _("Film screening")
    TOURNAMENT = "tournament", _("Sports tournament")
    YOUTH_CAMP = "youth_camp", _("Youth camp")
    STUDY_TOUR = "study_tour", _("Study tour")
    CEREMONY = "ceremony", _("Ceremony")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    COMPLETED = "completed", _("Completed")


class OrganiserRole(models.TextChoices):
    HOST = "host", _("Host")
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    SUPPORTER = "supporter", _("Supporter")
    PARTNER = "partner", _("Partner")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    # An anonymous registrant's seat, held until they open the link sent to their address.
    UNCONFIRMED = "unconfirmed", _("Awaiting e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


class Direction(models.TextChoices):
    """What moves: people or works from China shown in Russia are China→Russia."""

    CN_RU = "cn_ru", _("China → Russia")
    RU_CN = "ru_cn", _("Russia → China")
    JOINT = "joint", _("Joint (co-produced or online)")
