# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The resources' vocabularies: kinds, licences, audiences, levels, statuses, TBX picklists."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ResourceKind(models.TextChoices):
    """The LRMI ``learningResourceType`` (Dublin Core ``type`` gives the DCMI type)."""

    COURSE_PACK = "course_pack", _("Course pack")
    SYLLABUS = "syllabus", _("Syllabus")
    TEACHING_PLAN = "teaching_plan", _("Teaching plan")
    TEXTBOOK_CHAPTER = "textbook_chapter", _("Textbook chapter")
    EXERCISES = "exercises", _("Exercise set")
    RECORDING = "recording", _("Video or recording")
    REPORT = "report", _("Research report")
    CASE_STUDY = "case_study", _("Case study")
    GLOSSARY = "glossary", _("Glossary")


# DCMI Type Vocabulary term of each kind, for the Dublin Core export.
DCMI_TYPE = {
    ResourceKind.RECORDING: "MovingImage",
    ResourceKind.GLOSSARY: "Dataset",
}


class Licence(models.TextChoices):
    CC_BY = "cc-by", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa", "CC BY-NC-SA 4.0"
    CC_BY_ND = "cc-by-nd", "CC BY-ND 4.0"
    CC_BY_NC_ND = "cc-by-nc-nd", "CC BY-NC-ND 4.0"
    CC0 = "cc0", "CC0 1.0"
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")
    OWN_TERMS = "own-terms", _("The owner's own terms")


LICENCE_URL = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}

# Licences that allow others to make and share a translation (a derivative work).
DERIVATIVES_ALLOWED = {
    Licence.CC_BY,
    Licence.CC_BY_SA,
    Licence.CC_BY_NC,
    Licence.CC_BY_NC_SA,
    Licence.CC0,
}
# Licences under which people of the audience other than the owner's may only look
# (preview in the browser), not take a copy.
PREVIEW_ONLY = {Licence.ALL_RIGHTS}


class Audience(models.TextChoices):
    """Who may see a published resource (the owner's people always may)."""

    PUBLIC = "public", _("Everyone")
    ALLIANCE = "alliance", _("Members of an alliance")
    PARTNERS = "partners", _("Named partner organisations")
    OWNER = "owner", _("The owner only")


class ResourceStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("resource", "Draft")
    PUBLISHED = "published", pgettext_lazy("resource", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("resource", "Withdrawn")


class VersionStatus(models.TextChoices):
    """A language version: a translation is reviewed before it is published."""

    DRAFT = "draft", pgettext_lazy("resource", "Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", pgettext_lazy("resource", "Published")


class EducationalRole(models.TextChoices):
    """LRMI ``educationalRole`` / ``audience``: the intended audience."""

    STUDENT = "student", _("Students")
    TEACHER = "teacher", _("Teachers")
    TRAINER = "trainer", _("Trainers in enterprises")
    RESEARCHER = "researcher", _("Researchers")
    LIBRARIAN = "librarian", _("Librarians")
    GENERAL = "general", _("General public")


class LevelCN(models.TextChoices):
    """Chinese level names, each with the EQF level it is compared to."""

    SECONDARY_VOCATIONAL = "cn-zhongzhi", "中等职业教育"
    HIGHER_VOCATIONAL = "cn-gaozhi", "高等职业教育（专科）"
    VOCATIONAL_BACHELOR = "cn-zhiye-benke", "职业本科"
    BACHELOR = "cn-benke", "本科"
    MASTER = "cn-shuoshi", "硕士研究生"
    DOCTOR = "cn-boshi", "博士研究生"
    TRAINING = "cn-peixun", "职业培训"


class LevelRU(models.TextChoices):
    """Russian level names, each with the EQF level it is compared to."""

    SPO = "ru-spo", "Среднее профессиональное образование"
    BACHELOR = "ru-bakalavriat", "Бакалавриат"
    SPECIALIST = "ru-specialitet", "Специалитет"
    MASTER = "ru-magistratura", "Магистратура"
    POSTGRADUATE = "ru-aspirantura", "Аспирантура"
    DPO = "ru-dpo", "Дополнительное профессиональное образование"


EQF_OF_LEVEL = {
    LevelCN.SECONDARY_VOCATIONAL: 4,
    LevelCN.HIGHER_VOCATIONAL: 5,
    LevelCN.VOCATIONAL_BACHELOR: 6,
    LevelCN.BACHELOR: 6,
    LevelCN.MASTER: 7,
    LevelCN.DOCTOR: 8,
    LevelRU.SPO: 5,
    LevelRU.BACHELOR: 6,
    LevelRU.SPECIALIST: 7,
    LevelRU.MASTER: 7,
    LevelRU.POSTGRADUATE: 8,
}


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    IN_TRANSLATION = "in_translation", _("Being translated")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", pgettext_lazy("resource", "Published")
    DECLINED = "declined", _("Declined")


class ConceptStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("term", "Proposed")
    APPROVED = "approved", pgettext_lazy("term", "Approved")


class PartOfSpeech(models.TextChoices):
    """The TBX-Basic picklist of partOfSpeech."""

    NOUN = "noun", _("noun")
    VERB = "verb", _("verb")
    ADJECTIVE = "adjective", _("adjective")
    ADVERB = "adverb", _("adverb")
    PROPER_NOUN = "properNoun", _("proper noun")
    OTHER = "other", pgettext_lazy("part of speech", "other")


class TermStatus(models.TextChoices):
    """The TBX-Basic picklist of administrativeStatus."""

    PREFERRED = "preferredTerm-admn-sts", _("preferred")
    ADMITTED = "admittedTerm-admn-sts", _("admitted")
    DEPRECATED = "deprecatedTerm-admn-sts", _("deprecated")
    SUPERSEDED = "supersededTerm-admn-sts", _("superseded")
