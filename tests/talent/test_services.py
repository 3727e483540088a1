# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from amur.mobility.models import ExpertEngagement
from amur.talent import services
from amur.talent.enums import Stage, TaskStatus
from amur.talent.services import TalentError
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.factories.talent import need, talent

pytestmark = pytest.mark.django_db


def test_credential_add_derives_both_comparable_levels():
    person = PersonFactory()

    credential = services.credential_add(person=person, language="zh", scheme="hsk2", level="6")

    assert (credential.level_official, credential.level_teachers) == (6, 4)


def test_credential_add_refuses_a_level_outside_the_scheme_and_names_it():
    with pytest.raises(TalentError, match=r"“7” is not a level of HSK 2\.0"):
        services.credential_add(person=PersonFactory(), language="zh", scheme="hsk2", level="7")


def test_credential_level_for_takes_the_best_covering_credential_and_table():
    person = PersonFactory()
    services.credential_add(person=person, language="zh", scheme="hsk2", level="6")
    services.credential_add(
        person=person, language="zh", scheme="self", level="B1", skill="reading"
    )

    assert services.credential_level_for(person, "zh", skill="reading") == 6
    assert services.credential_level_for(person, "zh", skill="reading", table="teachers") == 4
    assert services.credential_level_for(person, "zh", skill="translation") is None
    assert services.credential_level_for(person, "ru") is None
    assert services.level_label(4) == "B2"


def test_profile_is_kept_only_by_the_person_themself():
    person = PersonFactory()
    stranger = UserFactory()

    with pytest.raises(TalentError):
        services.profile_save(person=person, by=stranger, visibility="public")


def test_one_availability_date_changed_is_judged_with_the_stored_other():
    from datetime import date

    person = PersonFactory()
    services.profile_save(
        person=person, by=None, available_from=date(2027, 3, 1), available_until=date(2027, 6, 1)
    )

    with pytest.raises(TalentError, match="ends before it starts"):
        services.profile_save(person=person, by=None, available_until=date(2027, 2, 1))
    with pytest.raises(TalentError, match="ends before it starts"):
        services.profile_save(person=person, by=None, available_from=date(2027, 7, 1))
    profile = services.profile_save(person=person, by=None, available_from=date(2027, 4, 1))
    assert (profile.available_from, profile.available_until) == (date(2027, 4, 1), date(2027, 6, 1))


def test_same_person_in_chinese_and_latin_is_flagged_as_duplicate():
    first = services.profile_save(person=PersonFactory(name="王丽娜", name_latin=""), by=None)
    latin = PersonFactory(name="Wang Lina", script="latin", name_latin="Wang Lina", name_ru="")

    second = services.profile_save(person=latin, by=None)

    assert second.duplicate_of == first


def test_merge_keeps_credentials_and_skills_of_both():
    keep = talent(credentials=[("ru", "torfl", "TORFL-2")])
    drop = talent(credentials=[("en", "cefr", "C1")])

    services.profile_merge(keep=keep, drop=drop, by=None)

    assert sorted(keep.person.languages.values_list("language", flat=True)) == ["en", "ru"]


def test_declaration_can_only_be_confirmed_by_the_shortlisted_person():
    owner = UserFactory()
    profile = talent(user=owner, credentials=[("ru", "native", "native")])
    a_need = need(headcount=20, in_post=8)
    candidate = services.candidate_shortlist(need=a_need, profile=profile, by=None)
    organiser = UserFactory()
    give_role(organiser, a_need.organisation, "admin")

    with pytest.raises(TalentError, match="Only the shortlisted person"):
        services.declaration_confirm(candidate=candidate, by=organiser)
    services.declaration_confirm(candidate=candidate, by=owner, text="none")

    candidate.refresh_from_db()
    assert candidate.declaration_confirmed_at is not None


def test_contracting_an_expert_creates_the_mobility_engagement_and_fills_the_need():
    owner = UserFactory()
    profile = talent(user=owner)
    a_need = need(headcount=20, in_post=8)
    candidate = services.candidate_shortlist(need=a_need, profile=profile, by=None)
    services.declaration_confirm(candidate=candidate, by=owner)

    for stage in (Stage.CONTACTED, Stage.INTERESTED, Stage.AGREED, Stage.CONTRACTED):
        candidate = services.candidate_advance(candidate=candidate, stage=stage, by=None)

    assert ExpertEngagement.objects.get().person == profile.person
    assert services.need_filled(a_need) == 9


def test_agreeing_needs_the_declaration_first():
    a_need = need()
    candidate = services.candidate_shortlist(need=a_need, profile=talent(), by=None)

    with pytest.raises(TalentError, match="declaration"):
        services.candidate_advance(candidate=candidate, stage=Stage.AGREED, by=None)


def test_shortlisting_refuses_a_profile_below_a_required_credential():
    a_need = need(requirements=[{"language": "zh", "min_level": "B2"}])
    weak = talent(credentials=[("zh", "hsk2", "3")])

    with pytest.raises(TalentError, match="does not meet"):
        services.candidate_shortlist(need=a_need, profile=weak, by=None)


def _task(**kw):
    return services.task_create(
        organisation=kw.pop("organisation", None) or OrganisationFactory(),
        by=None,
        kind="translation",
        source_language="ru",
        target_language="zh",
        **kw,
    )


def _translator(user=None):
    return talent(
        user=user,
        credentials=[("ru", "torfl", "TORFL-3", "translation"), ("zh", "native", "native")],
    )


def test_task_flow_to_mutual_rating_updates_the_translators_average():
    translator_user, requester = UserFactory(), UserFactory()
    profile = _translator(translator_user)
    task = _task()
    give_role(requester, task.organisation, "editor")

    services.task_offer(task=task, profile=profile, by=requester)
    services.task_accept(task=task, by=translator_user)
    services.task_deliver(task=task, by=translator_user)
    services.task_rate(task=task, by=translator_user, score=4)
    services.task_rate(task=task, by=requester, score=5)

    task.refresh_from_db()
    profile.refresh_from_db()
    assert task.status == TaskStatus.REVIEWED
    assert (profile.rating_average, profile.rating_count) == (5, 1)
    assert sorted(task.ratings.values_list("side", "score")) == [
        ("provider", 4),
        ("requester", 5),
    ]


def test_offers_above_the_rotation_cap_need_a_reason():
    profile = _translator()
    profile.max_concurrent = 1
    profile.save()
    services.task_offer(task=_task(), profile=profile, by=None)

    with pytest.raises(TalentError, match="cap"):
        services.task_offer(task=_task(), profile=profile, by=None)
    task = services.task_offer(task=_task(), profile=profile, by=None, override_reason="urgent")

    assert task.cap_override_reason == "urgent"


def test_task_cannot_be_accepted_by_someone_else():
    profile = _translator(UserFactory())
    task = services.task_offer(task=_task(), profile=profile, by=None)

    with pytest.raises(TalentError):
        services.task_accept(task=task, by=UserFactory())


def test_reading_levels_name_the_source_of_each_equivalence():
    person = PersonFactory()
    services.credential_add(person=person, language="zh", scheme="hsk2", level="5")
    services.credential_add(person=person, language="ru", scheme="torfl", level="TORFL-2")

    assert services.reading_levels(person) == {
        "ru": (4, "ТРКИ maps one-to-one to CEFR (ТЭУ = A1 … ТРКИ-4 = C2)"),
        "zh": (5, "official HSK claim (HSK 1–6 = A1–C2)"),
    }
    assert services.reading_levels(person, table="teachers")["zh"][0] == 3


def test_translation_task_for_content_counts_the_volume_and_is_made_once():
    organisation = OrganisationFactory(description_zh="哈尔滨音乐学院欢迎你", description_ru="")

    task = services.translation_task_for(obj=organisation, source="zh", target="ru", by=None)
    again = services.translation_task_for(obj=organisation, source="zh", target="ru", by=None)

    assert again == task
    assert (task.content_type, task.content_field, task.organisation) == (
        "directory.organisation",
        "description",
        organisation,
    )
    assert (task.volume, task.volume_unit, task.source_text) == (
        10,
        "zh_chars",
        "哈尔滨音乐学院欢迎你",
    )
