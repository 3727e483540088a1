# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Imports of the real records in tests/library/data (see SOURCE.md there)."""

from pathlib import Path

import pytest

from amur.library import services
from amur.library.models import Record
from amur.library.selectors import records_search
from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def run(name: str, data: bytes | None = None):
    library = OrganisationFactory(kind="library")
    data = data if data is not None else (DATA / name).read_bytes()
    job = services.import_job_create(library=library, filename=name, data=data)
    return services.import_run(job=job, data=data)


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
