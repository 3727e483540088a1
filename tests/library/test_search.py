# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Catalogue search: ranking, facets, and the index each database uses (the cross-script
pairs of the issue are in test_import.py and run on both databases)."""

from pathlib import Path

import pytest
from django.db import connection

from amur.library import services
from amur.library.models import Record
from amur.library.selectors import records_facets, records_search
from tests.factories.directory import OrganisationFactory
from tests.factories.library import HoldingFactory, RecordFactory
from tests.pg import postgres_only

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
PUSHKIN = [{"name": "Pushkin, Aleksandr Sergeevich", "original": "Пушкин, А. С.", "role": "author"}]
OTHER = [{"name": "Lotman, I︠U︡. M", "original": "", "role": "author"}]


def run(name: str):
    data = (DATA / name).read_bytes()
    library = OrganisationFactory(kind="library")
    job = services.import_job_create(library=library, filename=name, data=data)
    return services.import_run(job=job, data=data)


@pytest.fixture
def shelf():
    """Four records that mention Pushkin in four different places."""
    return {
        "subject": RecordFactory(
            title="Russkaia poeziia", authors=OTHER, subjects=["Pushkin, Aleksandr Sergeevich"]
        ),
        "in_title": RecordFactory(title="Pushkin i ego vremia", authors=OTHER),
        "author": RecordFactory(title="Stikhotvoreniia", authors=PUSHKIN),
        "exact": RecordFactory(title="Pushkin", title_original="Пушкин", authors=OTHER),
    }


@pytest.mark.parametrize("query", ["Pushkin", "Пушкин", "PUSHKIN"])
def test_exact_title_first_then_author_then_title_then_the_rest(shelf, query):
    found = list(records_search(query))

    assert found == [shelf["exact"], shelf["author"], shelf["in_title"], shelf["subject"]]
    assert [r.rank for r in found] == [0, 1, 2, 3]


def test_a_han_title_typed_in_traditional_is_an_exact_match_of_the_simplified_one():
    exact = RecordFactory(title="Hong lou meng", title_original="红楼梦", authors=OTHER)
    longer = RecordFactory(
        title="Hong lou meng yan jiu", title_original="红楼梦研究", authors=OTHER
    )

    assert list(records_search("紅樓夢")) == [exact, longer]
    assert list(records_search("hong lou meng")) == [exact, longer]


def test_facets_count_languages_libraries_subjects_years_and_availability():
    first, second = OrganisationFactory(kind="library"), OrganisationFactory(kind="library")
    a = RecordFactory(library=first, languages="rus", year=1999, subjects=["Poets, Russian"])
    RecordFactory(library=first, languages="rus,chi", year=2008, subjects=["Poets, Russian"])
    RecordFactory(library=second, languages="chi", year=1937, subjects=["Translations"])
    HoldingFactory(record=a, status="available")

    facets = records_facets(records_search("Onegin"))

    assert facets.languages == [("chi", 2), ("rus", 2)]
    assert facets.libraries == [(first, 2), (second, 1)]
    assert facets.subjects == [("Poets, Russian", 2), ("Translations", 1)]
    assert (facets.year_min, facets.year_max, facets.available) == (1937, 2008, 1)


def test_facet_filters_narrow_the_results():
    first, second = OrganisationFactory(kind="library"), OrganisationFactory(kind="library")
    old = RecordFactory(library=first, year=1937, subjects=["Поэзия"], languages="rus")
    new = RecordFactory(library=second, year=2008, subjects=["Translations"], languages="chi")
    HoldingFactory(record=new, status="available")
    HoldingFactory(record=old, status="on_loan")

    assert list(records_search("onegin", year_to=1950)) == [old]
    assert list(records_search("onegin", library=second.pk)) == [new]
    assert list(records_search("onegin", available=True)) == [new]
    assert list(records_search("onegin", language="rus")) == [old]
    assert list(records_search("onegin", subject="поэзия")) == [old]
    assert list(records_search("onegin", subject="Poeziia")) == [old]
    assert list(records_search(None, subject="Translation")) == []


def test_catalogue_page_shows_facets_and_filters_by_them(client):
    library = OrganisationFactory(kind="library")
    RecordFactory(library=library, subjects=["Poets, Russian"], year=1999)
    RecordFactory(subjects=["Translations"])

    page = client.get("/library/", {"q": "Онегин"})
    narrowed = client.get("/library/", {"q": "Онегин", "library": library.pk})

    assert page.context["facets"].subjects == [("Poets, Russian", 1), ("Translations", 1)]
    assert f"library={library.pk}" in page.content.decode()
    assert [r.library for r in narrowed.context["page"]] == [library]


def test_api_search_takes_the_facets_and_ranks(client, shelf):
    response = client.get("/api/v1/library/records", {"q": "Пушкин", "available": "false"})
    facets = client.get("/api/v1/library/records/facets", {"q": "Пушкин"})

    assert [r["id"] for r in response.json()["items"]][:2] == [
        shelf["exact"].pk,
        shelf["author"].pk,
    ]
    assert facets.json()["languages"] == [{"value": "rus", "count": 4}]


def test_short_and_long_terms_together():
    RecordFactory(title="Li Bai shi xuan", title_original="李白诗选", authors=OTHER)

    assert [r.title for r in records_search("li bai")] == ["Li Bai shi xuan"]
    assert [r.title for r in records_search("libai")] == ["Li Bai shi xuan"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_sqlite_fts5_index_follows_inserts_updates_and_deletes():
    record = RecordFactory(title="Mednyi vsadnik", authors=PUSHKIN)

    def indexed(term):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM library_record_fts WHERE library_record_fts MATCH %s",
                [f'"{term}"'],
            )
            return [row[0] for row in cursor.fetchall()]

    assert indexed("vsadnik") == [record.pk]
    Record.objects.filter(pk=record.pk).update(search_keys="tsygany")
    assert (indexed("vsadnik"), indexed("tsygany")) == ([], [record.pk])
    record.delete()
    assert indexed("tsygany") == []


@postgres_only
def test_postgresql_has_the_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'library_record_keys_trgm'"
        )
        (definition,) = cursor.fetchone()

    assert "gin_trgm_ops" in definition


@postgres_only
@pytest.mark.parametrize("misspelt", ["Pushkn", "Puschkin", "Pushkim"])
def test_a_misspelt_latin_author_still_finds_pushkin_on_postgresql(misspelt):
    run("lc_booksall2016p01_chi_rus_subset.mrc")
    pushkin = set(
        Record.objects.filter(author_keys__contains="pushkin").values_list("pk", flat=True)
    )

    found = {r.pk for r in records_search(misspelt)}

    assert len(pushkin) >= 8
    assert pushkin <= found


@postgres_only
def test_a_passport_spelling_of_an_ala_lc_name_finds_it_on_postgresql():
    run("lc_booksall2016p01_chi_rus_subset.mrc")

    found = records_search("Drobyazko")

    assert {a["name"] for r in found for a in r.authors} >= {"Drobi︠a︡zko, S. I"}


@postgres_only
def test_the_misspelling_fallback_is_only_for_empty_results():
    RecordFactory(title="Pushkin", authors=OTHER)
    RecordFactory(title="Pushkina ulitsa", authors=OTHER)

    assert [r.title for r in records_search("Pushkina")] == ["Pushkina ulitsa"]
    assert records_search("Pushkn", fuzzy=False).count() == 0


@pytest.mark.parametrize(
    ("typed", "author"),
    [
        ("Drobyazko", "Drobi︠a︡zko, S. I"),  # popular English ya for я
        ("Tolstoy", "Tolstoĭ, Lev"),  # popular y for final й
        ("Dostoyevsky", "Dostoevskiĭ, Fedor Mikhaĭlovich"),  # -sky for -ский, ye after a vowel
        ("Habarovsk", "Khabarovskiĭ kraevedcheskiĭ muzeĭ"),  # GOST h for х
    ],
)
def test_popular_and_gost_spellings_find_ala_lc_names_on_both_databases(typed, author):
    """Records carrying only the Library of Congress romanisation (no Cyrillic) are found
    by the spellings readers type: the query is also tried in passport (ICAO) form, which
    equals folded ALA-LC."""
    wanted = RecordFactory(
        title="Sochineniia", authors=[{"name": author, "original": "", "role": "author"}]
    )
    RecordFactory(title="Sochineniia", authors=OTHER)

    assert list(records_search(typed, fuzzy=False)) == [wanted]


@postgres_only
def test_postgresql_orders_matches_of_one_rank_by_full_text_relevance():
    """Both records match "pushkin lirika" only outside title and authors (the same rank);
    PostgreSQL's ts_rank_cd puts the one with the two words together first, although the
    other comes first by title."""
    close = RecordFactory(title="Zapiski", authors=OTHER, subjects=["Pushkin lirika"])
    apart = RecordFactory(
        title="Almanakh",
        authors=OTHER,
        publisher="Lirika",
        subjects=["Russkaia literatura", "Istoriia", "Kritika", "Poeziia XIX veka", "Pushkin"],
    )

    found = list(records_search("pushkin lirika", fuzzy=False))

    assert found == [close, apart]
    assert found[0].relevance > found[1].relevance


@postgres_only
def test_no_full_text_index_is_kept_up_to_date_for_nothing():
    """The relevance is computed from each found row's keys; an index on their tsvector
    only slowed every import down (migration 0013)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'library_record_keys_fts'")

        assert cursor.fetchone() is None


def test_facets_of_a_search_that_finds_nothing_are_empty(shelf):
    facets = records_facets(records_search("Flurbenstock"))

    assert (facets.languages, facets.libraries, facets.subjects) == ([], [], [])
    assert (facets.available, facets.year_min, facets.year_max) == (0, None, None)


def test_a_search_counts_what_it_found_without_looking_it_up_again(
    shelf, django_assert_num_queries
):
    shelf["in_title"].delete()
    found = records_search("Pushkin")

    with django_assert_num_queries(0):
        assert found.count() == 3
    assert found.count() == len(list(found)) == 3
    # Narrowed, here or by the caller, the records are counted.
    assert found.filter(title__startswith="Pushkin").count() == 1
    assert records_search("Pushkin", subject="Pushkin, Aleksandr Sergeevich").count() == 1
