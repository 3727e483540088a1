# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the union catalogue: search across scripts with facets and ranking."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet, ObjectDoesNotExist
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.db.models import Value as V
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.http import Http404

from amur.core.permissions import EDITOR, organisations_acting_for, organisations_where
from amur.core.search import query_alternatives
from amur.library.enums import HoldingStatus
from amur.library.marc import exact_key
from amur.library.models import Holding, Record

# Trigram indexes (SQLite FTS5, PostgreSQL pg_trgm) look up terms of three letters or more;
# shorter ones are compared directly.
TRIGRAM = 3
# A query term this long or longer that finds nothing is tried in the spellings one letter
# away from it (one letter dropped, added, changed or two swapped) that are words of the
# catalogue: "Pushkn", "Pushkim", "Dostoevksii".  Shorter terms have too many neighbours.
NEAR_MIN = 4
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _indexed(spellings: list[str]) -> bool:
    return all(len(term) >= TRIGRAM for term in spellings)


def _fts_match(groups: list[list[str]]) -> str:
    """An FTS5 query: every group, in one of its spellings, a substring of the keys."""
    return " AND ".join("(" + " OR ".join(_fts_phrase(t) for t in g) + ")" for g in groups)


FTS_IDS = "SELECT rowid FROM library_record_fts WHERE library_record_fts MATCH %s"


def _terms_condition(groups: list[list[str]], field_name: str = "search_keys") -> Q:
    """Every term (in one of its spellings) a substring of ``field_name``: the same answer
    on both databases; on SQLite the search keys go through the FTS5 trigram index
    (migration 0006), on PostgreSQL through the pg_trgm index of the same migration."""
    condition = Q()
    if field_name == "search_keys" and connection.vendor == "sqlite":
        indexed = [g for g in groups if _indexed(g)]
        if indexed:
            condition &= Q(pk__in=RawSQL(FTS_IDS, [_fts_match(indexed)]))
        groups = [g for g in groups if g not in indexed]
    if field_name == "search_keys" and connection.vendor == "postgresql" and len(groups) == 1:
        # A term of several spellings as one lookup of the trigram index per spelling: as
        # one condition ORing them, the planner prices each lookup so high that from about
        # five spellings it reads the whole table instead ("Shanghai", eight spellings:
        # 290 ms at 40,000 records, against 3 ms through the index).  Only for a query of
        # one term: with several terms of common syllables ("zhong guo jia wu nian ..."),
        # each term's thousands of ids joined to the others' took seconds at 250,000
        # records, where the planner's AND of the ORed conditions does not.
        several = [g for g in groups if len(g) > 1 and all(len(t) >= TRIGRAM for t in g)]
        for spellings in several:
            arms = " UNION ALL ".join(
                "SELECT id FROM library_record WHERE search_keys LIKE %s" for _ in spellings
            )
            like = connection.ops.prep_for_like_query
            condition &= Q(pk__in=RawSQL(arms, [f"%{like(term)}%" for term in spellings]))
        groups = [g for g in groups if g not in several]
    for spellings in groups:
        either = Q()
        for term in spellings:
            either |= Q(**{f"{field_name}__contains": term})
        condition &= either
    return condition


# The letters of a Cyrillic word in passport spelling: a slip in Cyrillic (two letters
# swapped, one changed) is one edit of these units, not always of the Latin letters
# ("Информцаиология" is informtsaiologiia, two letters away from informatsiologiia).
UNITS = ["shch", "zh", "kh", "ts", "ch", "sh", "ie", "iu", "ia", *LETTERS]
_UNIT = re.compile("|".join(UNITS))
# ... also read without the vowel pairs, which would take и of "chie" (чие, a slip for
# чие ↔ ич) as part of ie.
_CONSONANT_UNIT = re.compile("|".join(u for u in UNITS if not u.startswith("i") or u == "i"))
# Candidates are looked up this many at a time (SQLite's limit on a statement's values).
LOOKUP_BATCH = 5000


def _edits(parts: list[str], alphabet: list[str]) -> set[str]:
    """Every spelling one edit from ``parts`` (Damerau: drop, swap, change, add a part)."""
    splits = [(parts[:i], parts[i:]) for i in range(len(parts) + 1)]
    near = {"".join(a + b[1:]) for a, b in splits if b}
    near |= {"".join(a + b[1:2] + b[:1] + b[2:]) for a, b in splits if len(b) > 1}
    near |= {"".join([*a, c, *b[1:]]) for a, b in splits if b for c in alphabet}
    near |= {"".join([*a, c, *b]) for a, b in splits for c in alphabet}
    return near


def _matching(groups: list[list[str]]) -> list[int]:
    """The ids of the records matching every term: looked up once, so that the count, the
    page and each facet read only these records instead of searching the index again."""
    if connection.vendor == "sqlite" and all(_indexed(g) for g in groups):
        # The index answers alone: its rowids are the records' ids (the triggers of
        # migration 0006 keep it in step), so they are not looked up in the records'
        # table one by one (7,906 of 250,000 LC records for "history").
        with connection.cursor() as cursor:
            cursor.execute(FTS_IDS, [_fts_match(groups)])
            return [pk for (pk,) in cursor.fetchall()]
    matching = Record.objects.filter(_terms_condition(groups)).order_by()
    return list(matching.values_list("pk", flat=True))


def _among(ids: list[int]) -> Q:
    """Records whose id is one of ``ids``, passed as one value (a JSON array on SQLite, an
    array on PostgreSQL) however many there are."""
    if not ids:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        return Q(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
    return Q(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)]))


def _one_letter_away(term: str) -> set[str]:
    """Every spelling one edit from ``term``, in Latin letters and in the units of a
    transliterated Cyrillic letter."""
    near = _edits(list(term), list(LETTERS)) | _edits(_UNIT.findall(term), UNITS)
    near |= _edits(_CONSONANT_UNIT.findall(term), UNITS)
    near.discard(term)
    return near


def _known_words(words: set[str]) -> set[str]:
    from amur.library.models import SearchWord

    ordered, known = sorted(words), set()
    for start in range(0, len(ordered), LOOKUP_BATCH):
        batch = ordered[start : start + LOOKUP_BATCH]
        known.update(SearchWord.objects.filter(word__in=batch).values_list("word", flat=True))
    return known


def _correctable(term: str) -> bool:
    return len(term) >= NEAR_MIN and term.isascii() and term.isalpha()


def _corrected(groups: list[list[str]]) -> list[list[str]] | None:
    """The groups none of whose spellings is a word of the catalogue, widened by the
    catalogue's words one letter away from their spellings; None when nothing could be
    corrected (a query that is near nothing finds nothing)."""
    spelt = {term for group in groups for term in group if _correctable(term)}
    if not spelt:
        return None
    known_terms = _known_words(spelt)
    wanted = {
        term: _one_letter_away(term)
        for group in groups
        if not any(term in known_terms for term in group)
        for term in group
        if _correctable(term)
    }
    if not wanted:
        return None
    known = _known_words(set().union(*wanted.values()))
    result, changed = [], False
    for group in groups:
        spellings = list(group)
        for term in group:
            if term in wanted:
                spellings += [w for w in sorted(wanted[term] & known) if w not in spellings]
        changed |= len(spellings) > len(group)
        result.append(spellings)
    return result if changed else None


def _tsquery(groups: list[list[str]]) -> str:
    """A prefix query for to_tsquery: every term (any of its spellings) as a word start."""

    def word(term: str) -> str:
        return "'" + term.replace("'", "''").replace("\\", "") + "':*"

    return " & ".join("(" + " | ".join(word(t) for t in g) + ")" for g in groups)


def _available():
    return Exists(Holding.objects.filter(record_id=OuterRef("pk"), status=HoldingStatus.AVAILABLE))


def _phrases(groups: list[list[str]]) -> list[str]:
    """The query's terms run together, as typed and in passport spelling: adjacent words
    (or syllables) of a field hold them, scattered ones do not."""
    typed = "".join(g[0] for g in groups)
    icao = "".join(g[1] if len(g) > 1 and g[1].isascii() else g[0] for g in groups)
    return list(dict.fromkeys([typed, icao]))


def _holds(field_name: str, value: str) -> GreaterThan:
    """``value`` is a substring of the column: instr/strpos, cheaper than LIKE '%…%' for
    ranking every record found (the keys are folded already, so no case to ignore)."""
    return GreaterThan(StrIndex(field_name, V(value)), 0)


def _contains_any(field_name: str, values: list[str]) -> Q:
    either = Q()
    for value in values:
        either |= Q(_holds(field_name, value))
    return either


def _holds_all(groups: list[list[str]], field_name: str) -> Q:
    condition = Q()
    for spellings in groups:
        condition &= _contains_any(field_name, spellings)
    return condition


def _rank(groups: list[list[str]], terms: list[str]) -> Case:
    """0 an exact title; then the whole query as a phrase in the authors (1), the titles
    (2), anywhere (3); then its words scattered in the authors (4), the titles (5); 6 the
    rest.  With one word, the phrase and the word are the same, so ranks 4 and 5 stay
    empty."""
    phrases = _phrases(groups)
    return Case(
        When(_holds("title_exact", f"|{' '.join(terms)}|"), then=V(0)),
        When(_contains_any("author_keys", phrases), then=V(1)),
        When(_contains_any("title_keys", phrases), then=V(2)),
        When(_contains_any("search_keys", phrases), then=V(3)),
        When(_holds_all(groups, "author_keys"), then=V(4)),
        When(_holds_all(groups, "title_keys"), then=V(5)),
        default=V(6),
        output_field=IntegerField(),
    )


class FoundRecords(QuerySet):
    """The records a search found.  Their number is known from the ids the search looked
    up (``found``), so counting them (a page's paginator does) does not look every one up
    again: 7,906 of 250,000 LC records for "history".  A query set made from this one,
    narrowed or not, forgets it and counts."""

    found: int | None = None

    def count(self) -> int:
        if self.found is not None and self._result_cache is None:
            return self.found
        return super().count()


def records_search(
    query: str | None,
    *,
    language: str | None = None,
    library: int | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    available: bool | None = None,
    subject: str | None = None,
    fuzzy: bool = True,
) -> QuerySet[Record]:
    """Records matching a query in any script, with the catalogue's facets, ranked: an
    exact title first, then the query as a phrase (authors, titles, anywhere), then its
    words scattered.  When nothing matches, a misspelt word is tried in the catalogue's
    words one letter away from it — the same on both databases."""
    qs = FoundRecords(Record).select_related("library")
    groups = query_alternatives(query)
    terms = [g[0] for g in groups]
    if groups:
        ids = _matching(groups)
        corrected = _corrected(groups) if fuzzy and not ids else None
        if corrected is not None:
            groups = corrected
            ids = _matching(groups)
        qs = qs.filter(_among(ids))
    if language:
        qs = qs.filter(languages__contains=language)
    if library:
        qs = qs.filter(library_id=library)
    if year_from:
        qs = qs.filter(year__gte=year_from)
    if year_to:
        qs = qs.filter(year__lte=year_to)
    if available:
        qs = qs.filter(_available())
    if subject:
        qs = qs.filter(subject_keys__contains=f"|{exact_key(subject)}|")
    if not groups:
        return qs.order_by("title", "id")
    narrowed = any((language, library, year_from, year_to, available, subject))
    order = ["rank", "title", "id"]
    if connection.vendor == "postgresql":
        # Within a rank, PostgreSQL's full-text ranking puts records holding more of the
        # query's words, closer together, first.
        qs = qs.annotate(
            relevance=RawSQL(
                # The keys' tsvector, stored (migration 0014).
                "ts_rank_cd(library_record.search_vector, to_tsquery('simple', %s))",
                [_tsquery(groups)],
            )
        )
        order = ["rank", "-relevance", "title", "id"]
    found = qs.annotate(rank=_rank(groups, terms)).order_by(*order)
    if not narrowed:
        found.found = len(ids)
    return found


@dataclass
class Facets:
    languages: list[tuple[str, int]] = field(default_factory=list)
    libraries: list[tuple[object, int]] = field(default_factory=list)
    subjects: list[tuple[str, int]] = field(default_factory=list)
    available: int = 0
    year_min: int | None = None
    year_max: int | None = None


FACET_SIZE = 12


def _most_common(counter: Counter[str]) -> list[tuple[str, int]]:
    """Largest first, ties by value: the same order on every database."""
    return sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))[:FACET_SIZE]


def _subject_counts(records: QuerySet[Record]) -> list[tuple[str, int]]:
    """The most common subjects of the found records, counted by the database (each record
    once per subject): largest first, ties in code-point order on both databases."""
    try:
        sql, params = records.values("pk").query.sql_with_params()
    except EmptyResultSet:  # a search that found nothing
        return []
    if connection.vendor == "postgresql":
        elements, order = "jsonb_array_elements_text(r.subjects) AS s(value)", 's.value COLLATE "C"'
    else:
        elements, order = "json_each(r.subjects) AS s", "s.value"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.value, COUNT(DISTINCT r.id) FROM library_record r, {elements} "
            f"WHERE r.id IN ({sql}) GROUP BY s.value ORDER BY 2 DESC, {order} LIMIT %s",
            [*params, FACET_SIZE],
        )
        return [(value, n) for value, n in cursor.fetchall()]


def records_facets(records: QuerySet[Record]) -> Facets:
    """Counts of the found records by language, library, subject and availability, and
    their year range: what the catalogue page offers to narrow the search.  The database
    counts (one grouped read of the libraries, languages and years, one of the subjects,
    one of the available copies), so the cost does not grow with Python loops over every
    record found."""
    from amur.directory.models import Organisation

    records = records.order_by()
    languages: Counter[str] = Counter()
    by_library: Counter[int] = Counter()
    low = high = None
    grouped = (
        records.values_list("library", "languages")
        .annotate(n=Count("pk"), low=Min("year"), high=Max("year"))
        .values_list("library", "languages", "n", "low", "high")
    )
    for library, langs, n, first, last in grouped:
        by_library[library] += n
        languages.update({code: n for code in dict.fromkeys(langs.split(",")) if code.strip()})
        low = first if low is None or (first is not None and first < low) else low
        high = last if high is None or (last is not None and last > high) else high
    names = Organisation.objects.in_bulk(list(by_library))
    return Facets(
        languages=_most_common(languages),
        libraries=sorted(
            ((names[pk], n) for pk, n in by_library.items()),
            key=lambda pair: (-pair[1], pair[0].pk),
        ),
        subjects=_subject_counts(records),
        available=records.filter(_available()).count(),
        year_min=low,
        year_max=high,
    )


def holdings_of_work(record: Record) -> QuerySet[Holding]:
    """Every library's copies of the work ``record`` belongs to (its whole cluster)."""
    return (
        Holding.objects.filter(record__cluster_key=record.cluster_key)
        .select_related("library", "record")
        .order_by("library__name_en", "barcode")
    )


def exchange_offers_open():
    from amur.library.models import ExchangeOffer

    return ExchangeOffer.objects.filter(closed_at__isnull=True).select_related("library")


def exchange_requests_for(user):
    """Requests in which a library the user acts for as an editor takes part, on either
    side (staff see all of them)."""
    from amur.library.models import ExchangeRequest

    qs = ExchangeRequest.objects.select_related("offer__library", "requester").prefetch_related(
        "wanted__record"
    )
    if user.is_staff:
        return qs
    mine = organisations_acting_for(user, EDITOR).values("pk")
    return qs.filter(Q(offer__library_id__in=mine) | Q(requester_id__in=mine))


def exchange_request_get_for(user, *, pk: int):
    """One exchange request the user's libraries take part in; 404 for anyone else."""
    try:
        return exchange_requests_for(user).get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def loan_get_for(user, *, pk: int):
    """A loan as seen by a librarian of its requester or its current supplier; 404 for
    anyone else."""
    from amur.library.models import LoanRequest

    loan = (
        LoanRequest.objects.select_related("record", "requester__library", "supplier__library")
        .filter(pk=pk)
        .first()
    )
    if loan is None or not (
        user.has_perm("library.change_record", loan.requester)
        or user.has_perm("library.change_record", loan.supplier)
    ):
        raise Http404
    return loan


# Inter-library loans and readers' requests ----------------------------------------------


def loans_for(user):
    """(supplying, requesting, every): the loans the user's libraries answer and ask for,
    and, for platform staff (who need no role in each library), every library's loans."""
    from amur.library.models import LoanRequest

    loans = LoanRequest.objects.select_related("record", "requester", "supplier")
    mine = organisations_where(user, EDITOR)
    every = loans if user.has_perm("library.view_all_loans") else loans.none()
    return loans.filter(supplier_id__in=mine), loans.filter(requester_id__in=mine), every


def patron_requests_visible(user):
    """The reader's own requests, their libraries' readers' requests for librarians, and
    every request for platform staff."""
    from amur.library.models import PatronRequest

    requests = PatronRequest.objects.select_related("record", "library", "loan", "reader")
    if user.is_staff:
        return requests
    return requests.filter(
        Q(reader_id=user.pk) | Q(library_id__in=organisations_where(user, EDITOR))
    )


def reader_stage(patron_request) -> str:
    """Where the request stands for the reader (a ReaderStage), from its loan's status."""
    from amur.library import ill
    from amur.library.enums import PatronRequestStatus, ReaderStage

    if patron_request.status != PatronRequestStatus.ORDERED or patron_request.loan is None:
        return {
            PatronRequestStatus.SUBMITTED: ReaderStage.WAITING,
            PatronRequestStatus.DECLINED: ReaderStage.DECLINED,
            PatronRequestStatus.CANCELLED: ReaderStage.CANCELLED,
        }.get(patron_request.status, ReaderStage.WAITING)
    loan, s = patron_request.loan, ill.Status
    if loan.status in (s.LOANED, s.OVERDUE, s.RECALLED, s.COPY_COMPLETED):
        return ReaderStage.READY if loan.received else ReaderStage.ON_ITS_WAY
    if loan.status in (s.LOAN_COMPLETED, s.COMPLETED_WITHOUT_RETURN):
        return ReaderStage.RETURNED
    if loan.status == s.UNFILLED:
        return ReaderStage.UNAVAILABLE
    if loan.status == s.CANCELLED:
        return ReaderStage.CANCELLED
    return ReaderStage.REQUESTED


def patron_request_get_for(user, *, pk: int):
    """A reader's request, for the reader and their library's librarians (and staff);
    404 for anyone else."""
    from amur.library.models import PatronRequest

    try:
        return patron_requests_visible(user).get(pk=pk)
    except PatronRequest.DoesNotExist:
        raise Http404 from None


# Records, holdings and exchange offers are public: their selectors only say 404 for an
# unknown id, so that every address of them is fetched in one place.


def record_get_for(user, *, pk: int) -> Record:
    record = Record.objects.select_related("library").filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def holding_get_for(user, *, pk: int) -> Holding:
    holding = Holding.objects.select_related("record", "library").filter(pk=pk).first()
    if holding is None:
        raise Http404
    return holding


def exchange_offer_get_for(user, *, pk: int):
    from amur.library.models import ExchangeOffer

    offer = ExchangeOffer.objects.select_related("library").filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer
