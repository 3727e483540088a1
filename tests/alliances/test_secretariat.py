# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The secretariat's pages: preparing votes, tellers at a ceremony, elections that give
mandates, constitution adoption, dues, and the reports exported from them."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from amur.alliances import services
from amur.alliances.models import (
    ConstitutionVersion,
    Dues,
    Mandate,
    Position,
    Vote,
)
from tests.factories.alliances import AllianceFactory, BodyFactory, MembershipFactory, VoteFactory
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    organisation = OrganisationFactory()
    user = UserFactory()
    give_role(user, organisation, "editor")
    alliance = AllianceFactory(secretariat=organisation)
    return alliance, user


def units(alliance, n):
    delegates = [UserFactory() for _ in range(n)]
    for delegate in delegates:
        MembershipFactory(alliance=alliance, delegate=delegate)
    return delegates


def chair_of(body):
    return Position.objects.create(
        body=body,
        key="chair",
        title_zh="理事长",
        title_ru="Председатель",
        title_en="Chair",
        max_holders=1,
    )


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_an_election_prepared_on_the_pages_gives_the_elected_their_mandates(client, secretariat):
    alliance, user = secretariat
    body = BodyFactory(alliance=alliance)
    chair = chair_of(body)
    sitting = Mandate.objects.create(position=chair, person=PersonFactory(), start=date(2023, 8, 3))
    delegates = units(alliance, 5)
    wang, ivanova = PersonFactory(name="王建国"), PersonFactory(name="Иванова Анна")
    member_org = MembershipFactory(alliance=alliance).organisation
    client.force_login(user)

    created = client.post(
        f"/alliances/{alliance.slug}/votes/new/",
        {
            "kind": "election",
            "title_en": "Election of the chair",
            "electorate": "units",
            "quorum": "0.5",
            "majority": "absolute",
            "seats": 1,
            "position": chair.pk,
            "term_end": "2030-08-02",
        },
    )
    vote = Vote.objects.get(title_en="Election of the chair")
    manage = f"/alliances/{alliance.slug}/votes/{vote.pk}/manage/"
    client.post(manage, {"form": "candidate", "person": wang.pk, "organisation": member_org.pk})
    client.post(manage, {"form": "candidate", "person": ivanova.pk})
    client.post(manage, {"form": "open"})
    vote.refresh_from_db()
    keys = list(vote.options.values_list("key", flat=True))
    for n, delegate in enumerate(delegates):
        services.ballot_cast(vote=vote, user=delegate, choices=[keys[0] if n < 4 else keys[1]])
    client.post(f"/alliances/{alliance.slug}/votes/{vote.pk}/close/")

    vote.refresh_from_db()
    sitting.refresh_from_db()
    new = Mandate.objects.get(vote=vote)
    today = timezone.localdate()
    assert created.status_code == 302
    assert vote.status == "closed"
    assert vote.result["elected"] == [f"candidate-{wang.pk}"]
    assert (new.person, new.organisation, new.start, new.end) == (
        wang,
        member_org,
        today,
        date(2030, 8, 2),
    )
    assert sitting.end == today - timedelta(days=1)  # kept as history
    page = client.get(f"/alliances/{alliance.slug}/votes/{vote.pk}/").content.decode()
    assert "王建国" in page
    roster = rows_of(client.get(f"/alliances/{alliance.slug}/bodies/{body.pk}/roster.csv"))
    assert roster[0] == ["position", "person", "organisation", "from", "until", "vote", "current"]
    assert [r[1] for r in roster[1:]] == [str(wang), str(sitting.person)]
    assert [r[-1] for r in roster[1:]] == ["True", "False"]


def test_an_election_cannot_offer_more_seats_than_the_position_has(secretariat):
    alliance, user = secretariat
    chair = chair_of(BodyFactory(alliance=alliance))
    other_body = BodyFactory()  # of another alliance

    with pytest.raises(services.AlliancesError, match="more seats"):
        services.vote_create(
            alliance=alliance,
            by=user,
            kind="election",
            electorate="units",
            majority="simple",
            seats=2,
            position=chair,
        )
    with pytest.raises(services.AlliancesError, match="another alliance"):
        services.vote_create(
            alliance=alliance,
            by=user,
            kind="motion",
            electorate="body",
            majority="simple",
            body=other_body,
        )
    assert not Vote.objects.exists()


def test_a_tie_elects_nobody_and_gives_no_mandate(secretariat):
    alliance, user = secretariat
    chair = chair_of(BodyFactory(alliance=alliance))
    a, b = units(alliance, 2)
    vote = services.vote_create(
        alliance=alliance,
        by=user,
        kind="election",
        electorate="units",
        majority="simple",
        position=chair,
    )
    first = services.vote_candidate_add(vote=vote, person=PersonFactory(), by=user)
    second = services.vote_candidate_add(vote=vote, person=PersonFactory(), by=user)
    services.vote_open(vote=vote, by=user)
    services.ballot_cast(vote=vote, user=a, choices=[first.key])
    services.ballot_cast(vote=vote, user=b, choices=[second.key])

    services.vote_close(vote=vote, by=user)

    vote.refresh_from_db()
    assert vote.result["elected"] == []
    assert set(vote.result["tied"]) == {first.key, second.key}
    assert not Mandate.objects.exists()


def test_ceremony_vote_with_tellers_on_the_pages(client, secretariat):
    alliance, user = secretariat
    units(alliance, 150)
    tellers = [UserFactory() for _ in range(3)]
    for teller in tellers:
        give_role(teller, alliance.secretariat, "member")
    vote = services.vote_create(
        alliance=alliance,
        by=user,
        kind="constitution",
        title_en="Adopt the constitution",
        electorate="units",
        majority="two_thirds",
        in_person=True,
    )
    version = ConstitutionVersion.objects.create(
        alliance=alliance, number=1, text_en="Art. 1", vote=vote
    )
    client.force_login(user)
    manage = f"/alliances/{alliance.slug}/votes/{vote.pk}/manage/"
    client.post(manage, {"form": "tellers", "tellers": [t.pk for t in tellers]})
    client.post(manage, {"form": "open"})
    tally = f"/alliances/{alliance.slug}/votes/{vote.pk}/tally/"

    client.force_login(tellers[0])
    client.post(
        tally,
        {"form": "enter", "participants": 140, "option_yes": 130, "option_no": 6, "abstain": 4},
    )
    refused_self = client.post(tally, {"form": "confirm"}, follow=True).content.decode()
    for teller in tellers[1:]:
        client.force_login(teller)
        client.post(tally, {"form": "confirm"})
    client.force_login(user)
    client.post(f"/alliances/{alliance.slug}/votes/{vote.pk}/close/")

    vote.refresh_from_db()
    version.refresh_from_db()
    assert "cannot confirm" in refused_self
    assert vote.status == "closed"
    assert vote.result["counts"] == {"yes": 130, "no": 6}
    assert vote.result["adopted"] is True
    assert version.adopted_on == timezone.localdate()
    book = load_workbook(
        io.BytesIO(client.get(f"/alliances/{alliance.slug}/votes/{vote.pk}/results.xlsx").content)
    )
    cells = {row[1]: row for row in book.active.iter_rows(values_only=True)}
    assert cells["yes"][2] == 130
    assert cells["abstain"][2] == 4
    assert cells["participants"][2] == 140


def test_a_draft_vote_and_its_results_stay_hidden(client, secretariat):
    alliance, _user = secretariat
    draft = VoteFactory(alliance=alliance)
    open_vote = services.vote_open(vote=VoteFactory(alliance=alliance), by=None)

    assert client.get(f"/alliances/{alliance.slug}/votes/{draft.pk}/").status_code == 404
    assert (
        client.get(f"/api/v1/alliances/alliances/{alliance.slug}/votes/{draft.pk}").status_code
        == 404
    )
    assert (
        client.get(f"/alliances/{alliance.slug}/votes/{open_vote.pk}/results.csv").status_code
        == 404
    )


def test_dues_asked_paid_and_reported(client, secretariat):
    alliance, user = secretariat
    payer, late = MembershipFactory(alliance=alliance), MembershipFactory(alliance=alliance)
    MembershipFactory(alliance=alliance, category="observer")
    MembershipFactory(alliance=alliance, category="prospective", status="applied")
    admin_of_payer = UserFactory()
    give_role(admin_of_payer, payer.organisation, "admin")
    client.force_login(user)

    client.post(
        f"/alliances/{alliance.slug}/dues/", {"year": 2026, "amount": "3000", "currency": "CNY"}
    )
    paid = Dues.objects.get(membership=payer)
    client.post(f"/alliances/{alliance.slug}/dues/{paid.pk}/", {"paid": "1"})
    changed = services.dues_set(alliance=alliance, year=2026, amount=3500, currency="CNY", by=user)
    export = rows_of(client.get(f"/alliances/{alliance.slug}/dues/?format=csv&year=2026"))
    client.force_login(admin_of_payer)
    own_page = client.get(f"/alliances/{alliance.slug}/").content.decode()

    paid.refresh_from_db()
    assert Dues.objects.filter(year=2026).count() == 2  # member units only
    assert (paid.paid, paid.paid_on, paid.amount) == (True, timezone.localdate(), 3000)
    assert changed == 1
    assert Dues.objects.get(membership=late).amount == 3500
    assert sorted(r[4] for r in export[1:]) == ["False", "True"]
    assert "2026 3000.00 CNY" in own_page


def test_application_with_a_pdf_document_seen_by_secretariat_and_applicant_only(
    client, secretariat
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from amur.alliances.models import Membership

    alliance, secretary = secretariat
    applicant_org, other_org = OrganisationFactory(), OrganisationFactory()
    admin, outsider = UserFactory(), UserFactory()
    give_role(admin, applicant_org, "admin")
    give_role(outsider, other_org, "admin")
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    client.force_login(admin)

    refused = client.post(
        f"/alliances/{alliance.slug}/apply/",
        {
            "organisation": applicant_org.pk,
            "category": "member",
            "document": SimpleUploadedFile("form.pdf", b"<html>not a pdf</html>"),
        },
        follow=True,
    )
    assert "is not a PDF file" in refused.content.decode()
    assert not Membership.objects.filter(organisation=applicant_org).exists()

    client.post(
        f"/alliances/{alliance.slug}/apply/",
        {
            "organisation": applicant_org.pk,
            "category": "member",
            "text": "Мы готовим механиков.",
            "document": SimpleUploadedFile("form.pdf", pdf),
        },
    )
    membership = Membership.objects.get(organisation=applicant_org)
    url = f"/alliances/{alliance.slug}/members/{membership.pk}/application.pdf"
    own = client.get(url)
    client.force_login(secretary)
    review = client.get(f"/alliances/{alliance.slug}/review/").content.decode()
    by_secretariat = client.get(url)
    client.force_login(outsider)
    by_outsider = client.get(url)

    assert b"".join(own.streaming_content) == pdf
    assert url in review
    assert b"".join(by_secretariat.streaming_content) == pdf
    # Another organisation's application is not even shown to exist (membership_get_for).
    assert by_outsider.status_code == 404


def test_report_by_dimension_counts_active_members(client, secretariat):
    alliance, _user = secretariat
    for year in (2023, 2023, 2024):
        MembershipFactory(alliance=alliance, joined_on=date(year, 8, 3))
    MembershipFactory(alliance=alliance, status="applied", category="prospective")

    rows = rows_of(client.get(f"/alliances/{alliance.slug}/report.csv"))
    book = load_workbook(io.BytesIO(client.get(f"/alliances/{alliance.slug}/report.xlsx").content))
    page = client.get(f"/alliances/{alliance.slug}/").content.decode()

    by = {(r[0], r[1]): int(r[2]) for r in rows[1:]}
    assert by[("year", "2023")] == 2
    assert by[("year", "2024")] == 1
    assert by[("category", "Member unit")] == 3
    assert by[("members_total_by_year", "2024")] == 3
    assert len(list(book.active.iter_rows())) == len(rows)
    assert "Year joined" in page


def test_the_applicant_attaches_its_form_through_the_api_and_nobody_else_can(client, secretariat):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from amur.accounts.services import api_token_create

    alliance, secretary = secretariat
    applicant = MembershipFactory(alliance=alliance, status="applied")
    admin, outsider = UserFactory(), UserFactory()
    give_role(admin, applicant.organisation, "admin")
    give_role(outsider, OrganisationFactory(), "admin")
    url = f"/api/v1/alliances/alliances/{alliance.slug}/memberships/{applicant.pk}/document"
    pdf = b"%PDF-1.7\n%%EOF\n"

    def post(user, content):
        token = api_token_create(user=user, name="t")[1]
        return client.post(
            url,
            {"document": SimpleUploadedFile("f.pdf", content)},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    by_outsider = post(outsider, pdf)
    by_secretary = post(secretary, pdf)
    not_pdf = post(admin, b"GIF89a")
    accepted = post(admin, pdf)

    applicant.refresh_from_db()
    assert by_outsider.status_code == 404  # another organisation's application is hidden
    assert by_secretary.status_code == 403  # the secretariat decides, it does not apply
    assert not_pdf.status_code == 409
    assert accepted.status_code == 200
    with applicant.document.open("rb") as stored:
        assert stored.read() == pdf
