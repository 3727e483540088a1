# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Imports of the real records in tests/library/data (see SOURCE.md there)."""

from pathlib import Path

import pymarc
import pytest
from django.db import connection

from amur.core.search import query_alternatives, query_terms, romanised_syllables, search_keys
from amur.library import marc, services
from amur.library.models import Authority, Record, SearchWord
from amur.library.selectors import records_search
from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def run(name: str, data: bytes | None = None, batch: int = services.BATCH, library=None):
    library = library or OrganisationFactory(kind="library")
    data = data if data is not None else (DATA / name).read_bytes()
    job = services.import_job_create(library=library, filename=name, data=data)
    return services.import_run(job=job, data=data, batch=batch)


def test_library_of_congress_subset_imports_all_653_records():
    job = run("lc_booksall2016p01_chi_rus_subset.mrc")

    assert (job.source_format, job.read, job.imported, job.rejected) == ("marc21", 653, 653, 0)
    assert Record.objects.count() == 653
    assert sum(len(r.authors) for r in Record.objects.all()) > 653


def test_linked_880_keeps_original_script_beside_the_romanisation():
    run("lc_booksall2016p01_chi_rus_subset.mrc")

    record = Record.objects.get(title="Tou dai zhi ying kui")

    assert record.title_original == "頭戴之硬盔"
    assert record.authors[0]["original"] == "吳正德"


def test_han_880_titles_and_cyrillic_880_titles_are_counted_exactly():
    run("lc_booksall2016p01_chi_rus_subset.mrc")

    han = [
        r
        for r in Record.objects.exclude(title_original="")
        if any("\u4e00" <= c <= "\u9fff" for c in r.title_original)
    ]
    cyrillic = [
        r
        for r in Record.objects.exclude(title_original="")
        if any("\u0400" <= c <= "\u04ff" for c in r.title_original)
    ]

    assert len(han) == 353
    assert len(cyrillic) == 37


def test_evergreen_utf8_file_with_blank_leader_reads_as_cyrillic():
    job = run("evergreen_FSL_rus_arm.marc")

    assert (job.read, job.imported, job.rejected) == (52, 52, 0)
    assert Record.objects.filter(title__startswith="Люди с чистой совестью").exists()


def test_rusmarc_xml_maps_unimarc_fields():
    job = run("marcrecord_rusmarc_12.xml")

    record = Record.objects.get(title="Любовь в седьмом вагоне")
    assert (job.source_format, job.read, job.imported) == ("unimarc", 12, 12)
    assert record.isbn == "9785170545377"
    assert (record.place, record.year, record.other_title) == ("Москва", 2008, "[рассказы]")
    assert record.authors[0]["name"] == "Славникова, О. А"


def iso2709(fields: list[tuple[str, bytes]]) -> bytes:
    """A minimal ISO 2709 record built byte by byte, in whatever encoding the bytes are."""
    directory, body = b"", b""
    for tag, data in fields:
        data += b"\x1e"
        directory += tag.encode() + f"{len(data):04d}{len(body):05d}".encode()
        body += data
    directory += b"\x1e"
    base = 24 + len(directory)
    length = base + len(body) + 1
    leader = f"{length:05d}nam  22{base:05d} a 4500".encode()
    return leader + directory + body + b"\x1d"


def test_cp1251_file_is_recognised():
    title = "Люди с чистой совестью".encode("cp1251")
    data = iso2709([("001", b"cp-1"), ("245", b"10\x1fa" + title)])

    job = run("cp1251.mrc", data)

    assert job.imported == 1
    assert Record.objects.get().title.startswith("Люди с чистой совестью")


def test_broken_record_is_reported_with_its_position_and_the_rest_imported():
    data = bytearray((DATA / "evergreen_FSL_rus_arm.marc").read_bytes())
    # Corrupt the third record's leader (its length digits) so that it cannot be parsed.
    starts = [0]
    while len(starts) < 3:
        starts.append(starts[-1] + int(data[starts[-1] : starts[-1] + 5]))
    data[starts[2] + 12 : starts[2] + 17] = b"99999"

    job = run("broken.marc", bytes(data))

    assert job.rejected == 1
    assert job.errors[0]["position"] == 3
    assert job.imported == 51


def test_reimport_updates_instead_of_duplicating():
    library = OrganisationFactory(kind="library")
    data = (DATA / "marcrecord_rusmarc_12.xml").read_bytes()
    for _ in range(2):
        job = services.import_job_create(library=library, filename="r.xml", data=data)
        services.import_run(job=job, data=data)

    assert Record.objects.count() == 12
    assert (job.imported, job.updated) == (0, 12)


@pytest.mark.parametrize("query", ["Пушкин", "Pushkin", "pushkin aleksandr"])
def test_pushkin_is_found_in_cyrillic_and_latin(query):
    run("lc_booksall2016p01_chi_rus_subset.mrc")

    found = records_search(query)

    assert found.count() >= 40


def test_chinese_title_in_simplified_and_traditional_finds_the_same_record():
    run("lc_booksall2016p01_chi_rus_subset.mrc")

    simplified = list(records_search("头戴之硬盔"))
    traditional = list(records_search("頭戴之硬盔"))

    assert simplified == traditional
    assert [r.title for r in simplified] == ["Tou dai zhi ying kui"]


@pytest.mark.parametrize("query", ["Пушкин", "Pushkin", "普希金", "pu xi jin"])
def test_pushkin_authority_lets_every_script_find_the_same_works(query):
    run("lc_booksall2016p01_chi_rus_subset.mrc")
    services.authority_save(
        authorised="Pushkin, Aleksandr Sergeevich",
        variants=["Пушкин, Александр Сергеевич", "普希金", "亚历山大·谢尔盖耶维奇·普希金"],
    )
    # SOURCE.md: 40 records carry "Pushkin, Aleksandr Sergeevich" in 100, 600 or 700.
    marked = Record.objects.filter(marcxml__contains="Pushkin, Aleksandr Sergeevich")
    pushkin = set(marked.values_list("pk", flat=True))

    found = {r.pk for r in records_search(query)}

    assert len(pushkin) == 40
    assert pushkin <= found


def test_authority_variants_survive_a_reimport():
    services.authority_save(authorised="Pushkin, Aleksandr Sergeevich", variants=["普希金"])

    run("lc_booksall2016p01_chi_rus_subset.mrc")

    assert records_search("普希金").count() >= 40


def test_russian_title_in_ala_lc_and_gost_spelling():
    run("evergreen_FSL_rus_arm.marc")

    ala_lc = {r.pk for r in records_search("Liudi s chistoi sovest'iu")}
    gost = {r.pk for r in records_search("Lyudi s chistoj sovestyu")}

    assert ala_lc == gost
    assert len(ala_lc) == 1


# Batched imports -----------------------------------------------------------------------

COLUMNS = [f.name for f in Record._meta.concrete_fields if f.name not in ("id", "modified_at")]


def one_by_one(data: bytes, library) -> dict[str, dict]:
    """What saving each record on its own stores: every column of every record, computed
    record by record from the file as the import did before it wrote in batches."""
    authorities = list(Authority.objects.all())
    expected = {}
    for item in marc.read_iso2709(data):
        values = marc.marc21_fields(item.record)
        expected[values["control_number"]] = {
            **values,
            "library": library.pk,
            "source_format": "marc21",
            "marcxml": pymarc.record_to_xml(item.record).decode("utf-8"),
            "cluster_key": marc.cluster_key(values),
            **marc.record_keys(values, extra=services.authority_forms(values, authorities)),
        }
    return expected


def stored(library) -> dict[str, dict]:
    rows = Record.objects.filter(library=library).values(*COLUMNS)
    return {row["control_number"]: row for row in rows}


@pytest.mark.parametrize("batch", [1, 7, services.BATCH])
def test_a_batched_import_stores_what_saving_one_by_one_stores(batch):
    data = (DATA / "lc_booksall2016p01_chi_rus_subset.mrc").read_bytes()
    services.authority_save(authorised="Pushkin, Aleksandr Sergeevich", variants=["普希金"])
    library = OrganisationFactory(kind="library")

    job = run("lc.mrc", data, batch=batch, library=library)

    expected = one_by_one(data, library)
    assert (job.read, job.imported, job.updated, job.rejected) == (653, 653, 0, 0)
    assert len(expected) == 653
    assert stored(library) == expected
    words = {w for row in expected.values() for w in row["search_keys"].split()}
    assert {w for w in words if w.isascii() and len(w) <= services.WORD_MAX} <= set(
        SearchWord.objects.values_list("word", flat=True)
    )
    assert records_search("普希金").count() >= 40  # the authority's variant is in the keys


def marc_file(*records: tuple[str, str]) -> bytes:
    """ISO 2709 records of (control number, title); a title of "" makes a record with none."""
    return b"".join(
        iso2709(
            [("001", number.encode()), *([("245", b"10\x1fa" + title.encode())] if title else [])]
        )
        for number, title in records
    )


@pytest.mark.parametrize("batch", [1, 2, 3, 100])
def test_a_control_number_met_twice_is_updated_by_the_later_record_whatever_the_batch(batch):
    data = marc_file(
        ("a", "Anna Karenina"),
        ("b", "Voina i mir"),
        ("c", "Ottsy i deti"),
        ("b", "Voĭna i mir, second edition"),
        ("d", "Mertvye dushi"),
    )

    job = run("twice.mrc", data, batch=batch)

    assert (job.read, job.imported, job.updated, job.rejected) == (5, 4, 1, 0)
    assert sorted(Record.objects.values_list("control_number", "title")) == [
        ("a", "Anna Karenina"),
        ("b", "Voĭna i mir, second edition"),
        ("c", "Ottsy i deti"),
        ("d", "Mertvye dushi"),
    ]
    assert records_search("voina second").count() == 1


def test_a_reimport_in_batches_updates_every_record_and_keeps_its_identity():
    library = OrganisationFactory(kind="library")
    data = (DATA / "evergreen_FSL_rus_arm.marc").read_bytes()
    first = run("fsl.marc", data, batch=10, library=library)
    before = dict(Record.objects.values_list("control_number", "pk"))

    again = run("fsl.marc", data, batch=10, library=library)

    assert (first.imported, first.updated) == (52, 0)
    assert (again.read, again.imported, again.updated, again.rejected) == (52, 0, 52, 0)
    assert dict(Record.objects.values_list("control_number", "pk")) == before
    assert stored(library) == one_by_one(data, library)


def _refuse_title(title: str) -> None:
    """Make the database itself refuse a record with this title (as it would a record
    that breaks a constraint), on either database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"ALTER TABLE library_record ADD CONSTRAINT test_refused CHECK (title <> '{title}')"
            )
        else:
            cursor.execute(
                "CREATE TEMP TRIGGER test_refused BEFORE INSERT ON library_record "
                f"WHEN NEW.title = '{title}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )


@pytest.mark.parametrize("batch", [2, 100])
def test_a_record_the_database_refuses_is_reported_with_its_position_and_its_batch_kept(batch):
    _refuse_title("Refused")
    data = marc_file(
        ("a", "Anna Karenina"),
        ("b", "Voina i mir"),
        ("c", "Refused"),
        ("d", "Mertvye dushi"),
        ("e", ""),
        ("f", "Ottsy i deti"),
    )

    job = run("refused.mrc", data, batch=batch)

    assert (job.read, job.imported, job.updated, job.rejected) == (6, 4, 0, 2)
    assert [e["position"] for e in job.errors] == [3, 5]
    assert job.errors[1]["reason"] == "no title (245 $a / 200 $a)"
    assert sorted(Record.objects.values_list("control_number", flat=True)) == ["a", "b", "d", "f"]


def test_a_value_longer_than_its_column_is_refused_by_name_on_either_database():
    publisher = b"  \x1faMoskva :\x1fb" + ("Izdatelstvo " * 30).encode()
    data = marc_file(("a", "Anna Karenina")) + iso2709(
        [("001", b"b"), ("245", b"10\x1faVoina i mir"), ("260", publisher)]
    )

    job = run("long.mrc", data)

    assert (job.imported, job.rejected) == (1, 1)
    assert job.errors == [{"position": 2, "reason": "publisher is longer than 300 characters"}]


@pytest.mark.parametrize(
    ("authorised", "variants"),
    [
        ("Pushkin, Aleksandr Sergeevich", ["Пушкин, Александр Сергеевич", "普希金"]),
        ("Tolstoy, Leo", ["Толстой, Лев"]),  # names no record here
        ("Lu, Xun", ["鲁迅"]),
    ],
)
def test_an_authority_rekeys_exactly_what_rekeying_every_record_would(authorised, variants):
    data = (DATA / "lc_booksall2016p01_chi_rus_subset.mrc").read_bytes()
    library = OrganisationFactory(kind="library")
    run("lc.mrc", data, library=library)
    services.authority_save(authorised="Gogol, Nikolai", variants=["Гоголь"])

    services.authority_save(authorised=authorised, variants=variants)

    assert stored(library) == one_by_one(data, library)


def test_query_terms_are_the_first_spellings_of_the_query_alternatives():
    texts = ["", "Пушкин", "哈尔滨abc", "Xi'an", "普希金 Pushkin", "Ёлка", "t͡sar'"]
    for item in marc.read_iso2709((DATA / "lc_booksall2016p01_chi_rus_subset.mrc").read_bytes()):
        values = marc.marc21_fields(item.record)
        texts += [values["title"], values["title_original"], *values["subjects"]]
        texts += [a["name"] for a in values["authors"]] + [a["original"] for a in values["authors"]]

    differ = [t for t in texts if query_terms(t) != [g[0] for g in query_alternatives(t)]]

    assert differ == []


def test_marcxml_is_written_as_pymarc_writes_it():
    record = pymarc.Record(leader="00000nam a2200000 a 4500")
    record.add_field(
        pymarc.Field(tag="001", data="a&b<c>"),
        pymarc.Field(tag="005", data=""),
        pymarc.Field(
            tag="245",
            indicators=pymarc.Indicators("1", '"'),
            subfields=[
                pymarc.Subfield("a", 'Война & "мир" <1869>\t\n'),
                pymarc.Subfield("b", ""),
                pymarc.Subfield("&", "普希金 \U0001f4d6"),
            ],
        ),
        pymarc.Field(tag="500", indicators=pymarc.Indicators(" ", " "), subfields=[]),
    )
    data = (DATA / "lc_booksall2016p01_chi_rus_subset.mrc").read_bytes()
    records = [record, *(item.record for item in marc.read_iso2709(data))]

    differ = [r for r in records if marc.record_xml(r) != pymarc.record_to_xml(r).decode()]

    assert differ == []
    written = marc.record_xml(record)
    assert written.count("&amp;") == 3
    assert "&#1042;&#1086;" in written


def test_records_are_keyed_as_with_their_own_readings_whether_they_hold_han_or_not():
    """The import keys a record without Han text without its readings; its keys are
    those keying it with its readings gives."""
    authorities = ["Pushkin, Aleksandr Sergeevich", "普希金", "Lu, Xun", "鲁迅"]
    values = [
        marc.marc21_fields(item.record)
        for name in ("lc_booksall2016p01_chi_rus_subset.mrc", "evergreen_FSL_rus_arm.marc")
        for item in marc.read_iso2709((DATA / name).read_bytes())
    ]

    def with_readings(v: dict, extra: list[str]) -> dict:
        readings = romanised_syllables(
            v["title"], v["other_title"], v["responsibility"], *(a["name"] for a in v["authors"])
        )
        names = [a["name"] for a in v["authors"]] + [a["original"] for a in v["authors"]]
        titles = [v["title"], v["title_original"]]
        texts = [*titles, v["other_title"], v["responsibility"], *names, v["publisher"]]
        return {
            "search_keys": search_keys(
                *texts, *v["subjects"], v["isbn"], *extra, readings=readings
            ),
            "title_keys": search_keys(*titles, v["other_title"], readings=readings),
            "author_keys": search_keys(*names, *extra, readings=readings),
        }

    differ = [
        v["control_number"]
        for v in values
        for extra in ([], authorities)
        if {k: marc.record_keys(v, extra)[k] for k in ("search_keys", "title_keys", "author_keys")}
        != with_readings(v, extra)
    ]

    assert len(values) == 653 + 52
    assert differ == []


# Records prepared by worker processes ---------------------------------------------------


def _broken_at(data: bytes, position: int) -> tuple[bytes, int]:
    """``data`` with the record at ``position`` (1-based) given a length that is not one,
    and where that record starts."""
    starts = [0]
    while len(starts) < position:
        starts.append(starts[-1] + int(data[starts[-1] : starts[-1] + 5]))
    return data[: starts[-1]] + b"x" + data[starts[-1] + 1 :], starts[-1]


def test_a_file_cut_into_pieces_is_read_as_the_whole_file_is():
    data = (DATA / "lc_booksall2016p01_chi_rus_subset.mrc").read_bytes()
    broken, _start = _broken_at(data, 420)

    for whole in (data, broken):
        pieces = marc.iso2709_pieces(whole, 100)
        read = [
            (item.position, item.error, item.record and item.record.as_marc())
            for first, piece in pieces
            for item in marc.read_iso2709(piece, options=marc.reader_options(whole), first=first)
        ]
        expected = [
            (item.position, item.error, item.record and item.record.as_marc())
            for item in marc.read_iso2709(whole)
        ]

        assert b"".join(piece for _first, piece in pieces) == whole
        assert read == expected
    # Cut every 100 records up to the broken one; the rest is read as one piece.
    assert [first for first, _piece in marc.iso2709_pieces(broken, 100)] == [1, 101, 201, 301, 401]


@pytest.mark.parametrize("workers", [0, 2])
def test_records_prepared_by_worker_processes_are_stored_as_records_prepared_here(
    workers, monkeypatch
):
    data, start = _broken_at((DATA / "lc_booksall2016p01_chi_rus_subset.mrc").read_bytes(), 600)
    services.authority_save(authorised="Pushkin, Aleksandr Sergeevich", variants=["普希金"])
    library = OrganisationFactory(kind="library")
    monkeypatch.setattr(services.catalogue, "_workers", lambda: workers)
    monkeypatch.setattr(services.catalogue, "PIECE", 100)

    job = run("lc.mrc", data, library=library)

    # Reading stops at the broken record, as pymarc's reader does.
    assert (job.read, job.imported, job.rejected) == (600, 599, 1)
    assert job.errors[0]["position"] == 600
    assert stored(library) == one_by_one(data[:start], library)
