# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from amur.events import services
from amur.events.letters import invitation_letter_pdf
from amur.events.models import Delegation
from tests.factories.events import EventFactory
from tests.pdf import assert_reads_everywhere
from tests.permissions import cast, denied

pytestmark = pytest.mark.django_db
TITLES = {"zh-hans": "邀请函", "ru": "Письмо-приглашение", "en": "Letter of invitation"}
MEMBERS = "王建国; WANG JIANGUO; CN; head of delegation\nЛи Чанни; LI CHANNI; CN; interpreter"


@pytest.fixture
def scene():
    c = cast()
    event = EventFactory(host=c.org_a)
    return c, event


def test_head_registers_the_delegation_and_the_organiser_confirms(client, scene):
    c, event = scene
    client.force_login(c.member_a)
    client.post(
        f"/events/{event.slug}/delegations/new/", {"organisation": c.org_a.pk, "members": MEMBERS}
    )
    delegation = Delegation.objects.get()
    client.force_login(c.editor_a)

    client.post(f"/events/{event.slug}/delegations/{delegation.pk}/")

    delegation.refresh_from_db()
    assert delegation.confirmed_at is not None
    assert list(delegation.members.values_list("passport_name", flat=True)) == [
        "WANG JIANGUO",
        "LI CHANNI",
    ]


@pytest.mark.parametrize("language", ["zh-hans", "ru", "en"])
def test_invitation_letter_pdf_in_each_language(scene, language):
    c, event = scene
    delegation = services.delegation_create(
        event=event, organisation=c.org_a, head=c.member_a, members=services.parse_members(MEMBERS)
    )

    pdf = invitation_letter_pdf(delegation, language)

    title = {"zh-hans": "邀请函", "ru": "Письмо-приглашение", "en": "Letter of invitation"}[
        language
    ]
    assert_reads_everywhere(pdf, title, "王建国", "Ли Чанни", "WANG JIANGUO")


def test_letters_in_different_languages_differ(scene):
    c, event = scene
    delegation = services.delegation_create(
        event=event, organisation=c.org_a, head=c.member_a, members=services.parse_members(MEMBERS)
    )

    assert (
        len({invitation_letter_pdf(delegation, lang)[-800:] for lang in ("zh-hans", "ru", "en")})
        == 3
    )


def test_no_letter_before_confirmation_and_none_for_outsiders(client, scene):
    c, event = scene
    delegation = services.delegation_create(
        event=event, organisation=c.org_a, head=c.member_a, members=services.parse_members(MEMBERS)
    )
    client.force_login(c.member_a)
    early = client.get(f"/events/{event.slug}/delegations/{delegation.pk}/letter-ru.pdf")
    services.delegation_confirm(delegation=delegation, by=c.editor_a)
    ready = client.get(f"/events/{event.slug}/delegations/{delegation.pk}/letter-ru.pdf")
    client.force_login(c.editor_b)
    outsider = client.get(f"/events/{event.slug}/delegations/{delegation.pk}/letter-ru.pdf")
    confirm = client.post(f"/events/{event.slug}/delegations/{delegation.pk}/")

    assert early.status_code == 404
    assert ready["Content-Type"] == "application/pdf"
    assert denied(outsider)
    assert denied(confirm)


def test_only_members_of_an_organisation_register_its_delegation(scene):
    c, event = scene

    with pytest.raises(services.EventsError, match="only for your own organisation"):
        services.delegation_create(
            event=event,
            organisation=c.org_a,
            head=c.editor_b,
            members=services.parse_members(MEMBERS),
        )


def test_passport_names_must_be_latin_and_lines_well_formed(scene):
    c, event = scene

    member = {"name": "王", "passport_name": "王", "nationality": "CN"}
    with pytest.raises(services.EventsError, match="Latin letters"):
        services.delegation_create(
            event=event, organisation=c.org_a, head=c.member_a, members=[member]
        )
    with pytest.raises(services.EventsError, match="Line 2"):
        services.parse_members("a; A; CN\nbroken line")
