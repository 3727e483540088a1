# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Accepted forum papers and shared resources counted on the observatory's board."""

from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils import timezone

from amur.core.models import FieldOfExchange, Place
from amur.forum import outputs, services
from amur.observatory import selectors as sel
from amur.observatory.selectors import Slice
from amur.observatory.summary import Dashboard, dashboard_for
from tests.factories import forum as f
from tests.factories.directory import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.now().year


def _decide(submission, decision, chair):
    services.decision_propose(submission=submission, decision=decision, by=chair)
    services.decision_sign_off(submission=submission, by=chair, notify=False)


@pytest.fixture
def papers(db):
    """Four accepted papers, hand-counted:

    music      1 China→Russia (folk, Harbin)   1 Russia→China (public, Moscow)
    libraries  1 joint (folk first, Moscow co-author)   1 Russia→China (no affiliation)
    and a rejected paper and a draft that never count.
    """
    call_command("demo", only=["core"], verbosity=0)
    harbin, moscow = Place.objects.get(key="harbin"), Place.objects.get(key="moscow")
    folk = OrganisationFactory(slug="folk-cn", sector="folk", kind="association", place=harbin)
    public_ru = OrganisationFactory(slug="uni-ru", sector="public", kind="university", place=moscow)
    s = f.scene(host=OrganisationFactory(slug="host", sector="public", place=harbin))
    music, libraries = s.tracks
    music.field = FieldOfExchange.objects.get(key="music")
    libraries.field = FieldOfExchange.objects.get(key="libraries-archives")
    music.save()
    libraries.save()
    colleague = f.person("Петров Пётр", latin="Petr Petrov", nationality="RU")
    accepted = [
        f.submission(s.edition, music, organisation=public_ru),
        f.submission(s.edition, music, language="zh", organisation=folk),
        f.submission(
            s.edition,
            libraries,
            language="zh",
            organisation=folk,
            coauthors=[(colleague, public_ru)],
        ),
        f.submission(s.edition, libraries),
    ]
    rejected = f.submission(s.edition, music, organisation=folk)
    f.submission(s.edition, music, organisation=folk, submit=False)
    services.edition_update(edition=s.edition, by=None, phase="decision")
    for paper in accepted:
        _decide(paper, "accept", s.chair)
    _decide(rejected, "reject", s.chair)
    return SimpleNamespace(scene=s, folk=folk, public_ru=public_ru)


def test_accepted_papers_counted_by_field_and_direction(papers):
    counts = sel.paper_counts(sel.papers_in(Slice(year=YEAR)))

    assert counts["fields"] == {
        ("music", "cn_ru"): 1,
        ("music", "ru_cn"): 1,
        ("libraries-archives", "joint"): 1,
        ("libraries-archives", "ru_cn"): 1,
    }
    assert counts["sectors"] == {
        ("folk", "cn_ru"): 1,
        ("folk", "joint"): 1,
        ("public", "ru_cn"): 1,
        ("", "ru_cn"): 1,
    }


def test_the_forum_counts_its_papers_the_way_the_observatory_does(papers):
    assert outputs.accepted_counts(papers.scene.edition) == [
        {"field": "libraries-archives", "direction": "joint", "sector": "folk", "count": 1},
        {"field": "libraries-archives", "direction": "ru_cn", "sector": "", "count": 1},
        {"field": "music", "direction": "cn_ru", "sector": "folk", "count": 1},
        {"field": "music", "direction": "ru_cn", "sector": "public", "count": 1},
    ]


def test_paper_slices_add_up_to_the_whole(papers):
    def n(**kw):
        return sel.papers_in(Slice(**{"year": YEAR, **kw})).count()

    assert n() == 4
    assert [n(direction=d) for d in sel.DIRECTIONS] == [1, 2, 1]
    assert [n(sector=s) for s in ("government", "public", "enterprise", "folk")] == [0, 1, 0, 2]
    assert n(field="music") + n(field="libraries-archives") == 4
    assert n(place="harbin") == 4  # the forum meets in Harbin
    assert n(kind="association") == 2
    assert n(year=YEAR - 1) == 0


def test_forum_cards_show_the_hand_counted_table(papers):
    board = Dashboard(Slice(year=YEAR), UserFactory())

    fields, sectors = board.forum_papers(), board.forum_sectors()

    rows = {row[0]: row[1:] for row in fields.rows}
    assert (fields.value, fields.n) == (4, 4)
    assert rows["Music"] == [1, 1, 0, 2]
    assert rows["Libraries and archives"] == [0, 1, 1, 2]
    assert sum(r[-1] for r in fields.rows) == 4
    assert fields.extra["grubel_lloyd"] == pytest.approx(1 - (0 + 1) / (2 + 1))
    assert sectors.value == 0.5  # two of four presented from folk organisations
    assert {r[0]: r[1:] for r in sectors.rows}["Sector not recorded"] == [0, 1, 0, 1]


def test_an_edition_still_in_draft_counts_only_for_those_who_may_see_it(papers):
    event = papers.scene.edition.event
    event.status = "draft"
    event.save()
    staff = UserFactory(is_staff=True)

    public = sel.papers_in(Slice(year=YEAR)).count()
    private = sel.papers_in(Slice(year=YEAR, private=True), staff).count()
    outsider = sel.papers_in(Slice(year=YEAR, private=True), UserFactory()).count()

    assert (public, private, outsider) == (0, 4, 0)


def test_no_papers_reads_no_data_yet_never_zero(db):
    call_command("demo", only=["core"], verbosity=0)

    board = Dashboard(Slice(year=YEAR), UserFactory())
    card = board.forum_papers()
    resources = board.resources()

    assert (card.value, card.rows, card.reading) == (None, [], "No accepted forum papers yet.")
    assert (resources.value, resources.rows) == (None, [])


def test_a_newly_accepted_paper_retires_the_cached_board(papers, client):
    before = {c.key: c.value for c in dashboard_for(Slice(year=YEAR), UserFactory())[0]}
    paper = f.submission(papers.scene.edition, papers.scene.tracks[0], organisation=papers.folk)
    paper.status = "accepted"
    paper.save()

    after = {c.key: c.value for c in dashboard_for(Slice(year=YEAR), UserFactory())[0]}

    assert (before["forum_papers"], after["forum_papers"]) == (4, 5)


def test_shared_resources_reach_the_board_from_the_resources_reports(db):
    from amur.resources.models import Adoption
    from tests.factories.resources import ResourceFactory, VersionFactory

    call_command("demo", only=["core"], verbosity=0)
    harbin, moscow = Place.objects.get(key="harbin"), Place.objects.get(key="moscow")
    chinese = OrganisationFactory(slug="cn-college", place=harbin)
    russian = OrganisationFactory(slug="ru-college", place=moscow)
    music = FieldOfExchange.objects.get(key="music")
    both = ResourceFactory(organisation=chinese, field=music)
    VersionFactory(resource=both, language="zh")
    VersionFactory(resource=both, language="ru", title="Курс")
    one = ResourceFactory(organisation=russian, original_language="ru", eqf_level=None)
    VersionFactory(resource=one, language="ru", title="Пособие")
    ResourceFactory(organisation=russian, status="draft")  # not shared: never counted
    Adoption.objects.create(resource=both, organisation=russian)

    card = Dashboard(Slice(), UserFactory()).resources()

    assert (card.n, card.value) == (2, 0.5)  # one of two in both Chinese and Russian
    assert [r[1:] for r in card.rows if r[0] == "Adopted"] == [["China → Russia", 1]]
    assert [r[1:] for r in card.rows if r[0] == "Field"] == [["—", 1], ["Music", 1]]
    assert [r[1:] for r in card.rows if r[0] == "Language"] == [["ru", 2], ["zh", 1]]
    assert [r[2] for r in card.rows if r[0] == "Translation coverage"] == [1, 1, 0]
