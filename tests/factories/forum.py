# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A forum edition with an open call, two tracks and reviewers from both sides."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from amur.directory.models import Affiliation, Person
from amur.forum import services
from amur.forum.models import Edition, Reviewer, Track
from tests.factories.directory import OrganisationFactory, UserFactory
from tests.factories.events import EventFactory

CATEGORIES = [
    ("relevance", {"zh": "相关性", "ru": "Актуальность", "en": "Relevance"}, 2),
    ("originality", {"zh": "原创性", "ru": "Новизна", "en": "Originality"}, 1),
]


def person(
    name: str,
    *,
    latin: str = "",
    zh: str = "",
    ru: str = "",
    nationality="CN",
    user=None,
    organisation=None,
) -> Person:
    script = (
        "han"
        if any("\u4e00" <= c <= "\u9fff" for c in name)
        else ("cyrillic" if any("\u0400" <= c <= "\u04ff" for c in name) else "latin")
    )
    p = Person.objects.create(
        name=name,
        script=script,
        name_latin=latin,
        name_zh=zh,
        name_ru=ru,
        nationality=nationality,
        user=user,
        listed=True,
    )
    if organisation is not None:
        Affiliation.objects.create(person=p, organisation=organisation)
    return p


def user_with_person(username: str, name: str, **kwargs):
    user = UserFactory(username=username)
    return user, person(name, user=user, **kwargs)


@dataclass
class Scene:
    edition: Edition
    tracks: list[Track]
    host: object
    chair: object
    extra: dict = field(default_factory=dict)


def edition(
    *, k: int = 3, opens=-10, closes=10, translation=20, blind=True, phase="call", host=None
) -> Edition:
    host = host or OrganisationFactory()
    forum = services.forum_ensure(
        slug=f"forum-{host.pk}",
        organisation=host,
        names={
            "zh": "中俄人文合作论坛",
            "ru": "Российско-китайский гуманитарный форум",
            "en": "Sino-Russian Humanities Forum",
        },
    )
    now = timezone.now()
    return services.edition_save(
        forum=forum,
        event=EventFactory(host=host),
        year=now.year,
        cfp_opens=now + timedelta(days=opens),
        cfp_closes=now + timedelta(days=closes),
        translation_due=now + timedelta(days=translation),
        reviewers_per_submission=k,
        blind=blind,
        phase=phase,
    )


def track(edition: Edition, key: str = "music", position: int = 0) -> Track:
    titles = {
        "music": {"zh": "音乐与艺术", "ru": "Музыка и искусство", "en": "Music and arts"},
        "libraries": {
            "zh": "图书馆与图书",
            "ru": "Библиотеки и книги",
            "en": "Libraries and books",
        },
    }.get(key, {"en": key})
    return services.track_save(
        edition=edition, key=key, titles=titles, position=position, categories=CATEGORIES
    )


def scene(**kwargs) -> Scene:
    e = edition(**kwargs)
    tracks = [track(e, "music", 0), track(e, "libraries", 1)]
    chair_user, chair = user_with_person("chair", "王主席", latin="Wang Zhuxi")
    services.committee_add(edition=e, person=chair, role="chair", side="cn")
    return Scene(edition=e, tracks=tracks, host=e.forum.organisation, chair=chair_user)


def reviewer(
    track: Track,
    username: str,
    name: str,
    *,
    side: str,
    cap: int = 6,
    languages=(),
    organisation=None,
    **names,
) -> Reviewer:
    _user, p = user_with_person(username, name, organisation=organisation, **names)
    return services.reviewer_add(
        track=track,
        person=p,
        side=side,
        country="CN" if side == "cn" else "RU",
        cap=cap,
        languages=list(languages),
    )


ZH_NATIVE_RU_B2 = [("zh", "native", "native"), ("ru", "torfl", "TORFL-2")]
RU_NATIVE_HSK5 = [("ru", "native", "native"), ("zh", "hsk", "5")]
ZH_ONLY = [("zh", "native", "native")]
RU_ONLY = [("ru", "native", "native")]


def submission(
    edition: Edition,
    track: Track,
    author=None,
    *,
    language="ru",
    both=True,
    submit=True,
    organisation=None,
    coauthors=(),
    **texts,
):
    if author is None:
        author, author_person = user_with_person(
            f"author{Person.objects.count()}",
            "Иванов Иван Петрович",
            latin="Ivan Ivanov",
            nationality="RU",
            organisation=organisation,
        )
    else:
        author_person = author.person
    values = (
        {
            "title_ru": "Русская музыка в Харбине",
            "abstract_ru": "Исследование музыкальной жизни.",
            "keywords_ru": "музыка; Харбин",
        }
        if language == "ru"
        else {
            "title_zh": "哈尔滨的俄罗斯音乐",
            "abstract_zh": "研究哈尔滨的音乐生活。",
            "keywords_zh": "音乐；哈尔滨",
        }
    )
    values.update(texts)
    s = services.submission_create(
        edition=edition,
        track=track,
        kind="paper",
        author=author,
        author_person=author_person,
        language=language,
        texts=values,
        coauthors=coauthors,
        affiliation=organisation,
    )
    if both:
        other = "zh" if language == "ru" else "ru"
        other_texts = (
            {"title": "哈尔滨的俄罗斯音乐", "abstract": "研究哈尔滨的音乐生活。"}
            if other == "zh"
            else {
                "title": "Русская музыка в Харбине",
                "abstract": "Исследование музыкальной жизни.",
            }
        )
        for name in ("title", "abstract", "keywords"):
            if f"{name}_{other}" in texts:
                other_texts[name] = texts[f"{name}_{other}"]
        services.version_set(
            submission=s, language=other, texts=other_texts, origin="author", by=author
        )
    if submit:
        services.submission_submit(submission=s, by=author)
    s.refresh_from_db()
    return s
