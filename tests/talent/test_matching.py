# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amur.core.models import FieldOfExchange
from amur.talent import levels, matching, services
from amur.talent.models import Profile
from amur.talent.selectors import profiles_listed_to
from tests.factories.core import PlaceFactory, moscow
from tests.factories.directory import OrganisationFactory, UserFactory
from tests.factories.talent import SkillFactory, need, talent

pytestmark = pytest.mark.django_db


def test_profile_below_a_required_credential_is_never_listed():
    strong = talent(credentials=[("ru", "torfl", "TORFL-3")])
    talent(credentials=[("ru", "torfl", "TORFL-1")])
    a_need = need(requirements=[{"language": "ru", "min_level": "B2"}])

    matches = matching.candidates_for(a_need, Profile.objects.all())

    assert [m.profile for m in matches] == [strong]


def test_unavailable_in_the_dates_is_never_listed():
    free = talent()
    busy = talent()
    busy.available_until = date(2027, 1, 31)
    busy.save()
    a_need = need(start=date(2027, 2, 1), end=date(2027, 6, 30))

    matches = matching.candidates_for(a_need, Profile.objects.all())

    assert [m.profile for m in matches] == [free]


def test_hsk_requirement_follows_the_organisations_chosen_table():
    organisation = OrganisationFactory()
    hsk6 = talent(credentials=[("zh", "hsk2", "6")])
    a_need = need(organisation=organisation, requirements=[{"language": "zh", "min_level": "C1"}])
    assert [m.profile for m in matching.candidates_for(a_need, Profile.objects.all())] == [hsk6]

    services.preference_set(organisation=organisation, table="teachers", by=None)

    assert matching.candidates_for(a_need, Profile.objects.all()) == []


def test_explanation_lists_exactly_the_met_and_missing_items():
    field = FieldOfExchange.objects.get_or_create(
        key="music", defaults={"name_zh": "音乐", "name_ru": "Музыка", "name_en": "Music"}
    )[0]
    piano, vocal = SkillFactory(name_en="Piano"), SkillFactory(name_en="Vocal pedagogy")
    profile = talent(credentials=[("ru", "native", "native")], skills=[piano])
    profile.place = moscow()
    profile.save()
    a_need = need(
        field=field,
        place=PlaceFactory(),
        requirements=[
            {"language": "ru", "min_level": "C1"},
            {"language": "zh", "min_level": "A2", "required": False},
        ],
        preferred_skills=[piano, vocal],
    )

    [match] = matching.candidates_for(a_need, Profile.objects.all())

    assert [i.label for i in match.met] == [
        "ru Overall ≥ C1 (native)",
        "Piano",
        "below the rotation cap",
    ]
    assert [i.label for i in match.missing] == [
        "zh Overall ≥ A2",
        "Vocal pedagogy",
        "works in the field",
        "place or willing to travel",
    ]
    assert match.points == {
        "preferred_skills": 15.0,
        "field": 0.0,
        "place": 0.0,
        "preferred_languages": 0.0,
        "ratings": 6.0,
        "load": 5.0,
    }
    assert match.score == 26.0


def test_ranking_is_by_score_then_id():
    piano = SkillFactory(name_en="Piano")
    plain_first = talent()
    skilled = talent(skills=[piano])
    plain_second = talent()
    a_need = need(preferred_skills=[piano])

    matches = matching.candidates_for(a_need, Profile.objects.all())

    assert [m.profile for m in matches] == [skilled, plain_first, plain_second]


def test_hidden_profile_is_never_matched_and_members_only_not_for_anonymous():
    from django.contrib.auth.models import AnonymousUser

    public = talent(visibility="public")
    members = talent(visibility="members")
    talent(visibility="hidden")
    a_need = need()

    for_anonymous = matching.candidates_for(a_need, profiles_listed_to(AnonymousUser()))
    for_member = matching.candidates_for(a_need, profiles_listed_to(UserFactory()))

    assert [m.profile for m in for_anonymous] == [public]
    assert [m.profile for m in for_member] == [public, members]


def test_openings_for_a_person_lists_only_what_they_qualify_for():
    from amur.talent.models import Need, Task

    profile = talent(credentials=[("ru", "torfl", "TORFL-2")])
    fits = need(title_en="fits", requirements=[{"language": "ru", "min_level": "B1"}])
    need(title_en="too high", requirements=[{"language": "ru", "min_level": "C2"}])

    openings = matching.openings_for(profile, Need.objects.all(), Task.objects.none())

    assert [obj for obj, _match in openings] == [fits]


CREDENTIALS = st.lists(
    st.tuples(
        st.sampled_from(["ru", "zh"]),
        st.sampled_from(["torfl", "hsk2", "cefr", "self"]),
        st.integers(0, 5),
        st.sampled_from(["overall", "reading", "translation"]),
    ),
    max_size=3,
)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    pool=st.lists(CREDENTIALS, min_size=1, max_size=5),
    requirement=st.tuples(
        st.sampled_from(["ru", "zh"]),
        st.integers(1, 6),
        st.sampled_from(["overall", "reading", "translation"]),
    ),
    table=st.sampled_from(["official", "teachers"]),
)
def test_hard_requirements_are_never_violated_and_every_qualifier_is_listed(
    pool, requirement, table
):
    Profile.objects.all().delete()
    organisation = OrganisationFactory()
    services.preference_set(organisation=organisation, table=table, by=None)
    profiles = []
    for credentials in pool:
        chosen = []
        for language, scheme, index, skill in credentials:
            codes = levels.scheme_levels(scheme)
            chosen.append((language, scheme, codes[min(index, len(codes) - 1)], skill))
        profiles.append(talent(credentials=chosen))
    language, min_level, skill = requirement
    a_need = need(
        organisation=organisation,
        requirements=[{"language": language, "min_level": min_level, "skill": skill}],
    )

    listed = {m.profile.pk for m in matching.candidates_for(a_need, Profile.objects.all())}

    expected = {
        p.pk
        for p in profiles
        if (services.credential_level_for(p.person, language, skill=skill, table=table) or -1)
        >= min_level
    }
    assert listed == expected
