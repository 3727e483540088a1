# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Visibility(models.TextChoices):
    """Chosen by the person: who may see their talent profile."""

    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in members only")
    HIDDEN = "hidden", _("Nobody (hidden)")


class Scheme(models.TextChoices):
    """A language credential's own scheme; each keeps its own level names."""

    NATIVE = "native", _("Native")
    CEFR = "cefr", _("CEFR")
    HSK2 = "hsk2", _("HSK 2.0 (1–6)")
    HSK3 = "hsk3", _("HSK 3.0 (1–9)")
    TORFL = "torfl", _("TORFL (ТРКИ)")
    CATTI = "catti", _("CATTI")
    CRT = "crt", _("China's university Russian tests")
    SELF = "self", _("Self-assessed (CEFR grid)")


class CredentialSkill(models.TextChoices):
    """The skill a credential covers."""

    OVERALL = "overall", _("Overall")
    READING = "reading", _("Reading")
    LISTENING = "listening", _("Listening")
    SPEAKING = "speaking", _("Speaking")
    WRITING = "writing", _("Writing")
    TRANSLATION = "translation", pgettext_lazy("talent", "Translation")
    INTERPRETING = "interpreting", _("Interpreting")


class InterpretingMode(models.TextChoices):
    NONE = "", _("—")
    CONSECUTIVE = "consecutive", _("Consecutive")
    SIMULTANEOUS = "simultaneous", _("Simultaneous")


class EquivalenceTable(models.TextChoices):
    """Which HSK-to-CEFR table an organisation trusts (the two disagree)."""

    OFFICIAL = "official", _("Official claim (HSK 6 = C2)")
    TEACHERS = "teachers", _("Teachers' association (HSK 6 ≈ B2)")


class NeedKind(models.TextChoices):
    EXPERT = "expert", _("Foreign expert")
    TEACHING = "teaching", _("Teaching post")
    JOB = "job", _("Job")
    INTERNSHIP = "internship", _("Internship")
    VOLUNTEER = "volunteer", _("Volunteer role at an event")


class NeedStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("need", "Open")
    CLOSED = "closed", pgettext_lazy("need", "Closed")


class Stage(models.TextChoices):
    """A candidate's pipeline for one need, in order."""

    SHORTLISTED = "shortlisted", _("Shortlisted")
    CONTACTED = "contacted", _("Contacted")
    INTERESTED = "interested", _("Interested")
    AGREED = "agreed", _("Agreed")
    CONTRACTED = "contracted", _("Contracted")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def order(cls) -> list[str]:
        return [cls.SHORTLISTED, cls.CONTACTED, cls.INTERESTED, cls.AGREED, cls.CONTRACTED]


class TaskKind(models.TextChoices):
    TRANSLATION = "translation", pgettext_lazy("talent", "Translation")
    CONSECUTIVE = "consecutive", _("Consecutive interpreting")
    SIMULTANEOUS = "simultaneous", _("Simultaneous interpreting")
    ESCORT = "escort", _("Escort interpreting")


class VolumeUnit(models.TextChoices):
    NONE = "", _("—")
    ZH_CHARACTERS = "zh_chars", _("Chinese characters")
    RU_WORDS = "ru_words", _("Russian words")
    EN_WORDS = "en_words", _("English words")
    HOURS = "hours", _("hours")


class TaskStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", pgettext_lazy("task", "Accepted")
    DELIVERED = "delivered", _("Delivered")
    REVIEWED = "reviewed", _("Reviewed")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def active(cls) -> tuple[str, ...]:
        """States in which a task counts towards its person's load."""
        return (cls.OFFERED.value, cls.ACCEPTED.value)


class RatingSide(models.TextChoices):
    REQUESTER = "requester", _("by the requester, of the work")
    PROVIDER = "provider", _("by the translator, of the briefing and payment")
