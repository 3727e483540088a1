# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Merging two profiles of one person keeps everything: every credential, skill, task and
rating, candidacy, enrolment and expert engagement ends up with the kept profile.  Only
staff merge, on the page and in the API; nobody else can."""

import json
from datetime import date

import pytest

from amur.accounts.services import api_token_create
from amur.mobility.models import ExpertEngagement
from amur.talent import services
from amur.talent.models import Candidate, LanguageCredential, Profile, Task, TaskRating
from amur.talent.services import TalentError
from tests.factories.core import FieldOfExchangeFactory
from tests.factories.directory import UserFactory
from tests.factories.talent import SkillFactory, need, talent, training_offer
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db


def _credentials(person):
    return sorted(
        (c.language, c.scheme, c.level, c.evidence)
        for c in LanguageCredential.objects.filter(person=person)
    )


def _set_evidence(person, scheme, evidence):
    LanguageCredential.objects.filter(person=person, scheme=scheme).update(evidence=evidence)


@pytest.fixture
def pair():
    """王丽娜 entered twice: once with her account, once by a host from a paper form."""
    people = cast()
    keep_user, drop_user = UserFactory(), UserFactory()
    welding, logistics = SkillFactory(key="welding"), SkillFactory(key="logistics")
    keep = talent(
        user=keep_user,
        name="王丽娜",
        visibility="public",
        credentials=[("ru", "torfl", "TORFL-2"), ("zh", "native", "native")],
        skills=[welding],
    )
    drop = talent(
        user=drop_user,
        name="Wang Lina",
        visibility="members",
        credentials=[
            ("ru", "torfl", "TORFL-3"),
            ("en", "cefr", "C1"),
            ("ru", "catti", "2", "translation"),
            ("zh", "hsk2", "6"),
        ],
        skills=[logistics],
    )
    _set_evidence(keep.person, "torfl", "TORFL certificate 2019")
    _set_evidence(drop.person, "torfl", "TORFL certificate 2023")
    keep.headline_en = ""
    keep.save()
    drop.headline_en = "Russian translator"
    drop.experience_years = 7
    drop.save()
    drop.fields.add(FieldOfExchangeFactory())
    return people, keep, keep_user, drop, drop_user


def _history(people, drop, drop_user):
    """What the dropped profile holds besides credentials and skills."""
    org = people.org_a
    delivered = services.task_create(
        organisation=org,
        by=people.editor_a,
        kind="translation",
        source_language="ru",
        target_language="zh",
        title_en="Concert programme",
    )
    services.task_offer(task=delivered, profile=drop, by=people.editor_a)
    services.task_accept(task=delivered, by=drop_user)
    services.task_deliver(task=delivered, by=drop_user, text="音乐会")
    services.task_rate(task=delivered, by=people.editor_a, score=5)
    services.task_rate(task=delivered, by=drop_user, score=4)
    reviewed = services.task_create(
        organisation=org,
        by=people.editor_a,
        kind="translation",
        source_language="ru",
        target_language="zh",
        title_en="Brochure",
    )
    Task.objects.filter(pk=reviewed.pk).update(reviewer=drop)
    alone = need(organisation=org, title_en="Piano experts")
    both = need(organisation=org, title_en="Vocal experts")
    services.candidate_shortlist(need=alone, profile=drop, by=people.editor_a)
    further = services.candidate_shortlist(need=both, profile=drop, by=people.editor_a)
    services.declaration_confirm(candidate=further, by=drop_user, text="none")
    services.candidate_advance(candidate=further, stage="contacted", by=people.editor_a)
    services.candidate_advance(candidate=further, stage="interested", by=people.editor_a)
    enrolment = services.training_enrol(offer=training_offer(), profile=drop, by=drop_user)
    engagement = ExpertEngagement.objects.create(
        person=drop.person, host=org, position_en="Piano professor", start=date(2026, 9, 1)
    )
    return delivered, reviewed, alone, both, enrolment, engagement


def test_merge_keeps_everything_the_dropped_profile_held(pair):
    people, keep, _keep_user, drop, drop_user = pair
    delivered, reviewed, alone, both, enrolment, engagement = _history(people, drop, drop_user)
    services.candidate_shortlist(need=both, profile=keep, by=people.editor_a)
    drop_person = drop.person

    kept = services.profile_merge(keep=keep, drop=drop, by=people.staff)

    assert not Profile.objects.filter(pk=drop.pk).exists()
    assert _credentials(kept.person) == [
        ("en", "cefr", "C1", ""),
        ("ru", "catti", "2", ""),
        ("ru", "torfl", "TORFL-3", "TORFL certificate 2023 · TORFL certificate 2019"),
        ("zh", "hsk2", "6", ""),
        ("zh", "native", "native", ""),
    ]
    # the lower certificate of the same scheme is not destroyed: it stays on the other record
    assert _credentials(drop_person) == [("ru", "torfl", "TORFL-2", "TORFL certificate 2019")]
    assert {s.key for s in kept.skills.all()} == {"welding", "logistics"}
    assert kept.fields.count() == 1
    assert Task.objects.get(pk=delivered.pk).assignee == kept
    assert Task.objects.get(pk=reviewed.pk).reviewer == kept
    assert TaskRating.objects.filter(task=delivered).count() == 2
    assert (kept.rating_count, float(kept.rating_average)) == (1, 5.0)
    candidacies = {c.need_id: c for c in Candidate.objects.filter(profile=kept)}
    assert set(candidacies) == {alone.pk, both.pk}
    assert candidacies[both.pk].stage == "interested"
    assert candidacies[both.pk].declaration_text == "none"
    assert Candidate.objects.count() == 2
    enrolment.refresh_from_db()
    assert enrolment.profile == kept
    engagement.refresh_from_db()
    assert engagement.person == kept.person
    assert (kept.headline_en, kept.experience_years) == ("Russian translator", 7)
    assert kept.visibility == "members"  # the stricter of the two


def test_merge_refuses_to_make_a_translator_their_own_reviewer(pair):
    people, keep, _ku, drop, _du = pair
    task = services.task_create(
        organisation=people.org_a,
        by=None,
        kind="translation",
        source_language="ru",
        target_language="zh",
    )
    Task.objects.filter(pk=task.pk).update(assignee=keep, reviewer=drop)
    before = Snapshot(Profile)

    with pytest.raises(TalentError, match="reviewed the same task"):
        services.profile_merge(keep=keep, drop=drop, by=people.staff)

    assert before.unchanged()
    with pytest.raises(TalentError, match="into itself"):
        services.profile_merge(keep=keep, drop=keep, by=people.staff)


def test_staff_see_the_flagged_pair_and_merge_it_on_the_page(client, pair):
    people, keep, _ku, drop, _du = pair
    Profile.objects.filter(pk=drop.pk).update(duplicate_of=keep)
    client.force_login(people.staff)

    listing = client.get("/talent/duplicates/").content.decode()
    page = client.get(f"/talent/profiles/{drop.pk}/merge/").content.decode()
    response = client.post(f"/talent/profiles/{drop.pk}/merge/", {"keep": keep.pk})

    assert f"/talent/profiles/{drop.pk}/merge/" in listing
    assert "王丽娜" in page
    assert "Wang Lina" in page
    assert response.status_code == 302
    assert response["Location"] == f"/talent/profiles/{keep.pk}/"
    assert not Profile.objects.filter(pk=drop.pk).exists()
    assert ("en", "cefr", "C1", "") in _credentials(keep.person)


def test_a_keep_that_is_neither_profile_is_a_clear_400(client, pair):
    people, keep, _ku, drop, _du = pair
    client.force_login(people.staff)
    before = Snapshot(Profile)

    response = client.post(
        f"/talent/profiles/{drop.pk}/merge/",
        {"keep": "999999", "with": keep.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert "Choose which of the two profiles to keep." in response.content.decode()
    assert before.unchanged()


def test_nobody_but_staff_can_merge_on_the_page(client, pair):
    people, keep, keep_user, drop, drop_user = pair
    Profile.objects.filter(pk=drop.pk).update(duplicate_of=keep)
    before = Snapshot(Profile)

    for user in (None, keep_user, drop_user, people.admin_a, people.editor_a):
        client.logout()
        if user is not None:
            client.force_login(user)
        listing = client.get("/talent/duplicates/")
        page = client.get(f"/talent/profiles/{drop.pk}/merge/")
        response = client.post(f"/talent/profiles/{drop.pk}/merge/", {"keep": keep.pk})
        for answer in (listing, page, response):
            assert asks_to_log_in(answer) if user is None else denied(answer), user

    assert before.unchanged()


def test_a_hidden_profile_is_not_offered_for_merging(client, pair):
    people, keep, _ku, drop, _du = pair
    Profile.objects.filter(pk=drop.pk).update(duplicate_of=keep, visibility="hidden")
    client.force_login(people.staff)

    assert "Wang Lina" not in client.get("/talent/duplicates/").content.decode()
    assert client.get(f"/talent/profiles/{drop.pk}/merge/").status_code == 404


def _api_merge(client, pk, keep, user):
    headers = {}
    if user is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {api_token_create(user=user, name='t')[1]}"
    return client.post(
        f"/api/v1/talent/profiles/{pk}/merge",
        json.dumps({"keep": keep}),
        content_type="application/json",
        **headers,
    )


def test_api_merge_by_staff_only(client, pair):
    people, keep, keep_user, drop, _du = pair
    before = Snapshot(Profile)

    assert _api_merge(client, drop.pk, keep.pk, None).status_code == 401
    for user in (keep_user, people.admin_a, UserFactory()):
        assert _api_merge(client, drop.pk, keep.pk, user).status_code == 403
    assert before.unchanged()
    assert _api_merge(client, keep.pk, keep.pk, people.staff).status_code == 409

    response = _api_merge(client, drop.pk, keep.pk, people.staff)

    assert response.status_code == 200
    assert response.json()["id"] == keep.pk
    assert not Profile.objects.filter(pk=drop.pk).exists()
