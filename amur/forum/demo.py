# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forum demo: the 2026 edition of the Sino-Russian humanities cooperation forum, taken
through the forum's own services from the call to the programme.

Four tracks (music and arts, vocational education, libraries and books, folk culture),
sixty submissions whose titles and abstracts are written in Chinese and in Russian
(composed from topic lists per track), second versions written by the author, translated
by a named person, machine drafts checked by a named person, or still missing (then a
translation task of the talent module), co-authors with affiliations, reviewers from both
sides with their reading levels, the real assignment, finished reviews, decisions (three
papers moved to the track they belong to first), a programme with working languages and
interpretation; the book of abstracts is generated from these on request.

Every person and account here is illustrative (``illustrative=True``, e-mail addresses
under example.org).  The loader finds everything by natural keys and each step runs only
while it is still to do, so a second run changes nothing.  ``scale`` is not used.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from pypinyin import Style, lazy_pinyin

from amur.accounts.models import Profile
from amur.core.models import FieldOfExchange, Place
from amur.core.transliterate import cyrillic_to_latin
from amur.directory.models import Affiliation, Organisation
from amur.directory.services import person_ensure
from amur.events.models import Event
from amur.events.services import event_save
from amur.forum import assignment, outputs, scoring, services
from amur.forum.enums import CommitteeRole, Decision, Interpretation, Origin, Phase, Side
from amur.forum.enums import SubmissionStatus as Status
from amur.forum.models import (
    Assignment,
    CommitteeMember,
    Edition,
    InterpreterBooking,
    LanguageVersion,
    ProgrammeSession,
    Reviewer,
    Submission,
    Track,
)

HARBIN = ZoneInfo("Asia/Shanghai")
FORUM_SLUG = "sino-russian-humanities-forum"
EVENT_SLUG = "sino-russian-humanities-forum-2026"
YEAR = 2026
OPENS = datetime(2026, 4, 1, 9, 0, tzinfo=HARBIN)
CLOSES = datetime(2026, 7, 15, 23, 59, tzinfo=HARBIN)
TRANSLATION_DUE = datetime(2026, 8, 31, 23, 59, tzinfo=HARBIN)
FIRST_DAY = date(2026, 12, 16)
ACCEPTED_SHARE = 0.73

NAMES = {
    "zh": "中俄人文合作论坛",
    "ru": "Российско-китайский форум гуманитарного сотрудничества",
    "en": "Sino-Russian Humanities Cooperation Forum",
}
CATEGORIES = [
    (
        "relevance",
        {
            "zh": "对合作的意义",
            "ru": "Значимость для сотрудничества",
            "en": "Relevance to the cooperation",
        },
        2,
    ),
    ("originality", {"zh": "创新性", "ru": "Новизна", "en": "Originality"}, 1.5),
    ("method", {"zh": "方法与资料", "ru": "Метод и источники", "en": "Method and sources"}, 1),
]

# key, field, titles, Chinese organisations, Russian organisations (the first of each side
# hosts the track's conveners and most of its authors)
TRACKS = [
    (
        "music-arts",
        "music",
        {"zh": "音乐与艺术", "ru": "Музыка и искусство", "en": "Music and arts"},
        ["harbin-conservatory", "heihe-university"],
        ["spb-conservatory", "herzen-university"],
    ),
    (
        "vocational",
        "vocational-training",
        {"zh": "职业教育", "ru": "Профессиональное образование", "en": "Vocational education"},
        ["harbin-vocational", "heihe-university"],
        ["khabarovsk-ied", "herzen-university"],
    ),
    (
        "libraries",
        "libraries-archives",
        {"zh": "图书馆与图书", "ru": "Библиотеки и книги", "en": "Libraries and books"},
        ["hl-library", "heihe-university-library"],
        ["fesl-khabarovsk", "amur-regional-library"],
    ),
    (
        "folk",
        "folk-heritage",
        {"zh": "民间文化", "ru": "Народная культура", "en": "Folk culture"},
        ["harbin-folk-centre", "heihe-university"],
        ["amur-regional-library", "herzen-university"],
    ),
]

# Topics per track: (zh, ru as it stands inside a sentence, en, zh keywords, ru keywords).
TOPICS = {
    "music-arts": [
        (
            "哈尔滨俄侨音乐遗产",
            "музыкальное наследие русского Харбина",
            "the musical heritage of Russian Harbin",
            "俄侨；音乐史",
            "эмиграция; история музыки",
        ),
        (
            "俄罗斯钢琴学派在中国的传承",
            "традиции русской фортепианной школы в Китае",
            "the Russian piano school in China",
            "钢琴教育；学派",
            "фортепианная педагогика; школа",
        ),
        (
            "中俄音乐人才联合培养",
            "совместная подготовка музыкантов вузами Китая и России",
            "joint training of musicians",
            "联合培养；音乐学院",
            "совместные программы; консерватория",
        ),
        (
            "“哈尔滨之夏”音乐会",
            "фестиваль «Харбинское лето»",
            "the Harbin Summer music festival",
            "音乐节；哈尔滨",
            "фестиваль; Харбин",
        ),
        (
            "中国民族乐器在俄罗斯舞台上的传播",
            "китайские народные инструменты на российской сцене",
            "Chinese folk instruments on the Russian stage",
            "民族乐器；演出",
            "народные инструменты; концерт",
        ),
        (
            "俄罗斯声乐教学法在中国音乐学院的应用",
            "русская вокальная педагогика в китайских консерваториях",
            "Russian vocal pedagogy in Chinese conservatories",
            "声乐；教学法",
            "вокал; методика",
        ),
        (
            "中俄油画交流",
            "российско-китайские обмены в масляной живописи",
            "Sino-Russian exchanges in oil painting",
            "油画；美术交流",
            "живопись; художественные обмены",
        ),
        (
            "中俄芭蕾舞教育合作",
            "сотрудничество Китая и России в балетном образовании",
            "cooperation in ballet education",
            "芭蕾舞；舞蹈教育",
            "балет; хореографическое образование",
        ),
    ],
    "vocational": [
        (
            "中俄职业教育联盟",
            "Российско-китайский союз профессионального образования",
            "the Sino-Russian vocational education alliance",
            "职业教育联盟；合作机制",
            "союз; механизмы сотрудничества",
        ),
        (
            "焊接技术双语培训",
            "двуязычное обучение сварщиков",
            "bilingual training of welders",
            "焊接；双语教学",
            "сварка; двуязычное обучение",
        ),
        (
            "跨境物流人才培养",
            "подготовка кадров для трансграничной логистики",
            "training for cross-border logistics",
            "物流；人才培养",
            "логистика; подготовка кадров",
        ),
        (
            "职业院校的俄语教学",
            "преподавание русского языка в профессиональных колледжах",
            "teaching Russian in vocational colleges",
            "俄语教学；职业院校",
            "русский язык; колледж",
        ),
        (
            "世界技能大赛标准的引入",
            "внедрение стандартов WorldSkills",
            "adopting WorldSkills standards",
            "技能竞赛；标准",
            "WorldSkills; стандарты",
        ),
        (
            "中俄合作办学的质量保障",
            "обеспечение качества совместных образовательных программ",
            "quality assurance of joint programmes",
            "合作办学；质量保障",
            "совместные программы; качество",
        ),
        (
            "现代学徒制",
            "современная система наставничества на производстве",
            "modern apprenticeship",
            "学徒制；校企合作",
            "наставничество; партнёрство с предприятиями",
        ),
        (
            "对俄旅游服务人才培养",
            "подготовка специалистов туристического сервиса для российских гостей",
            "training tourism staff for Russian visitors",
            "旅游服务；人才培养",
            "туризм; сервис",
        ),
    ],
    "libraries": [
        (
            "中俄图书馆馆际互借",
            "межбиблиотечный абонемент между библиотеками Китая и России",
            "inter-library loan between China and Russia",
            "馆际互借；资源共享",
            "МБА; обмен ресурсами",
        ),
        (
            "黑龙江俄文古籍的数字化",
            "оцифровка русских редких книг в библиотеках Хэйлунцзяна",
            "digitising Russian rare books in Heilongjiang",
            "数字化；古籍",
            "оцифровка; редкие книги",
        ),
        (
            "俄罗斯远东图书馆的中文馆藏",
            "китайские фонды библиотек Дальнего Востока России",
            "Chinese collections of Russian Far Eastern libraries",
            "中文馆藏；远东",
            "китайские фонды; Дальний Восток",
        ),
        (
            "联合编目与元数据标准",
            "совместная каталогизация и стандарты метаданных",
            "shared cataloguing and metadata standards",
            "联合编目；MARC",
            "каталогизация; MARC",
        ),
        (
            "中俄文学作品互译",
            "взаимные переводы русской и китайской литературы",
            "translating Russian and Chinese literature",
            "文学翻译；出版",
            "художественный перевод; книгоиздание",
        ),
        (
            "边境城市图书馆合作",
            "сотрудничество библиотек приграничных городов",
            "cooperation of border-city libraries",
            "边境城市；图书馆合作",
            "приграничье; библиотечное сотрудничество",
        ),
        (
            "儿童阅读推广",
            "продвижение детского чтения",
            "promoting children's reading",
            "儿童阅读；阅读推广",
            "детское чтение; продвижение чтения",
        ),
        (
            "哈尔滨俄侨出版物",
            "издания русской эмиграции в Харбине",
            "publications of the Russian emigration in Harbin",
            "俄侨出版物；文献",
            "эмигрантская печать; источники",
        ),
    ],
    "folk": [
        (
            "赫哲族与那乃族的民间文化",
            "народная культура нанайцев и хэчжэ по обе стороны Амура",
            "Nanai and Hezhe folk culture on both banks of the Amur",
            "赫哲族；那乃族",
            "нанайцы; хэчжэ",
        ),
        (
            "中俄边境地区的民间节庆",
            "народные праздники российско-китайского приграничья",
            "folk festivals of the Sino-Russian border",
            "节庆；边境",
            "праздники; приграничье",
        ),
        (
            "黑河与布拉戈维申斯克的民间交往",
            "народные связи Хэйхэ и Благовещенска",
            "people-to-people ties of Heihe and Blagoveshchensk",
            "黑河；民间交往",
            "Благовещенск; народная дипломатия",
        ),
        (
            "俄罗斯民间工艺在中国",
            "русские народные промыслы в Китае",
            "Russian folk crafts in China",
            "民间工艺；传播",
            "народные промыслы; распространение",
        ),
        (
            "中国剪纸艺术在俄罗斯",
            "китайское искусство вырезания из бумаги в России",
            "Chinese paper-cutting in Russia",
            "剪纸；非遗",
            "вырезание из бумаги; наследие",
        ),
        (
            "非物质文化遗产保护合作",
            "сотрудничество в охране нематериального культурного наследия",
            "cooperation in safeguarding intangible heritage",
            "非物质文化遗产；保护",
            "нематериальное наследие; охрана",
        ),
        (
            "中俄民歌比较",
            "русская и китайская народная песня: опыт сравнения",
            "Russian and Chinese folk song compared",
            "民歌；比较研究",
            "народная песня; сравнение",
        ),
        (
            "冰雪节庆文化",
            "культура праздников льда и снега",
            "the culture of ice and snow festivals",
            "冰雪文化；节庆",
            "лёд и снег; праздники",
        ),
    ],
}

# Title frames: (zh, ru with the topic first, en).
FRAMES = [
    (
        "{zh}研究：历史、现状与前景",
        "{ru}: история, современное состояние, перспективы",
        "{en}: history, present state and prospects",
    ),
    (
        "中俄人文合作视野下的{zh}",
        "{ru} в контексте российско-китайского гуманитарного сотрудничества",
        "{en} in the context of Sino-Russian humanities cooperation",
    ),
    (
        "{zh}：基于2018—2025年合作项目的实证分析",
        "{ru}: анализ проектов 2018–2025 годов",
        "{en}: an analysis of joint projects, 2018–2025",
    ),
    (
        "数字时代的{zh}：挑战与对策",
        "{ru} в цифровую эпоху: вызовы и решения",
        "{en} in the digital age: challenges and answers",
    ),
]

CONTEXT = {
    "music-arts": (
        "哈尔滨素有“音乐之城”之称，中俄音乐交流已有百余年历史。",
        "Харбин называют городом музыки, а российско-китайские музыкальные связи насчитывают более ста лет.",
    ),
    "vocational": (
        "近年来，中俄两国职业院校在专业共建、师资交流和学生实习方面的合作日益密切。",
        "В последние годы колледжи двух стран всё теснее сотрудничают в разработке программ, обмене преподавателями и практике студентов.",
    ),
    "libraries": (
        "图书馆是中俄文化交流的重要平台，边境地区的馆藏建设和资源共享尤为关键。",
        "Библиотеки остаются важной площадкой культурного обмена, особенно в приграничных регионах.",
    ),
    "folk": (
        "黑龙江与俄罗斯远东地区山水相连，民间文化交往源远流长。",
        "Хэйлунцзян и Дальний Восток России связывают давние народные и культурные контакты.",
    ),
}
METHODS = [
    (
        "研究基于哈尔滨、黑河和圣彼得堡等地的档案资料，并结合对{n}位参与者的访谈。",
        "Источниками послужили архивные материалы Харбина, Хэйхэ и Санкт-Петербурга, а также интервью с {n} участниками обменов.",
    ),
    (
        "作者对{n}个中俄合作项目进行了问卷调查和个案分析。",
        "Автор провёл анкетирование и анализ {n} совместных российско-китайских проектов.",
    ),
    (
        "研究采用比较方法，对两国{n}所院校和机构的实践进行了对照。",
        "Применён сравнительный метод: сопоставлена практика {n} учреждений двух стран.",
    ),
    (
        "研究以{n}份教学大纲、节目单和出版物为材料，进行了内容分析。",
        "Материалом исследования стали {n} учебных программ, концертных афиш и изданий, изученных методом контент-анализа.",
    ),
]
FINDINGS = {
    "music-arts": (
        "研究表明，师生互访和联合演出是保持合作连续性的关键，而曲目与教材的互译仍显不足。",
        "Показано, что взаимные визиты и совместные концерты обеспечивают преемственность сотрудничества, тогда как переводов репертуара и учебных пособий по-прежнему недостаточно.",
    ),
    "vocational": (
        "研究发现，双语教材和统一的技能标准能够显著提高联合培养的效果。",
        "Установлено, что двуязычные учебные материалы и единые стандарты квалификаций заметно повышают результативность совместной подготовки.",
    ),
    "libraries": (
        "研究指出，统一的元数据标准和稳定的馆际互借渠道是资源共享的前提。",
        "Сделан вывод, что единые стандарты метаданных и устойчивые каналы межбиблиотечного абонемента — необходимое условие обмена ресурсами.",
    ),
    "folk": (
        "研究表明，民间组织在交流中发挥着不可替代的作用，但其项目常因资金不足而中断。",
        "Показано, что общественные организации играют незаменимую роль в обменах, однако их проекты часто прерываются из-за нехватки средств.",
    ),
}
CLOSINGS = [
    "文章最后提出了进一步深化合作的具体建议。",
    "研究结果可为两国相关机构制定合作规划提供参考。",
    "文章还讨论了疫情后交流恢复的经验。",
]
CLOSINGS_RU = [
    "В заключение предложены конкретные меры по углублению сотрудничества.",
    "Результаты могут быть использованы учреждениями двух стран при планировании совместной работы.",
    "Обсуждается также опыт восстановления обменов после пандемии.",
]

# Where a paper was first filed before its convener moved it: (true track, topic index).
MISFILED = {("folk", 6): "music-arts", ("libraries", 4): "vocational", ("music-arts", 6): "folk"}
# The other language version of submission g is, by g % 8:
ORIGINS = [
    Origin.AUTHOR,
    Origin.TRANSLATED,
    Origin.MACHINE_CHECKED,
    Origin.AUTHOR,
    Origin.TRANSLATED,
    Origin.MISSING,
    Origin.MACHINE_CHECKED,
    Origin.AUTHOR,
]

COMMENTS = {
    "zh": [
        "选题具有现实意义，资料较为扎实，建议进一步说明研究方法。",
        "论述清楚，但对俄方文献的引用不足，建议补充。",
        "与本分论坛主题契合，建议增加具体案例和数据。",
    ],
    "ru": [
        "Тема актуальна, источниковая база достаточная; стоит подробнее описать методику.",
        "Изложение ясное, однако китайская литература вопроса привлечена недостаточно.",
        "Доклад соответствует тематике секции; рекомендуется добавить конкретные примеры.",
    ],
}

# Illustrative names (given names and surnames no other demo uses, so that no loader
# that finds people by name takes one of these for its own).
CN_SURNAMES = [
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "赵",
    "黄",
    "周",
    "吴",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "林",
    "罗",
    "高",
]
CN_GIVEN = [
    "文博",
    "思齐",
    "立言",
    "明远",
    "静姝",
    "书瑶",
    "鸿儒",
    "墨涵",
    "知秋",
    "雅言",
    "怀瑾",
    "景行",
    "若谷",
    "清扬",
    "致远",
    "修远",
    "慕白",
    "听澜",
    "问渠",
    "念慈",
]
RU_SURNAMES = [
    "Белов",
    "Васильев",
    "Григорьев",
    "Дмитриев",
    "Егоров",
    "Жуков",
    "Зайцев",
    "Ильин",
    "Комаров",
    "Лавров",
    "Макаров",
    "Никитин",
    "Осипов",
    "Павлов",
    "Рябов",
    "Сергеев",
    "Тихонов",
    "Устинов",
    "Фролов",
    "Чернов",
]
RU_MALE = [
    "Алексей",
    "Борис",
    "Виктор",
    "Глеб",
    "Денис",
    "Евгений",
    "Кирилл",
    "Леонид",
    "Михаил",
    "Никита",
]
RU_FEMALE = [
    "Анастасия",
    "Вера",
    "Галина",
    "Дарья",
    "Екатерина",
    "Ирина",
    "Ксения",
    "Людмила",
    "Марина",
    "Надежда",
]
RU_PATRONYMIC = [
    "Алексее",
    "Борисо",
    "Викторо",
    "Геннадье",
    "Дмитрие",
    "Ивано",
    "Константино",
    "Николае",
    "Олего",
    "Петро",
]

# Index ranges of each role among the people of a side (one name each).
CHAIR, CONVENERS, REVIEWERS, AUTHORS, TRANSLATORS, INTERPRETER = 0, 1, 5, 25, 55, 57
PER_TRACK_REVIEWERS = 5  # per side


def _name(side: str, index: int) -> tuple[str, str, str]:
    """(native name, script, Latin name) of the index-th illustrative person of a side."""
    if side == Side.CN:
        pair = index * 7 % 400
        name = CN_SURNAMES[pair % 20] + CN_GIVEN[pair // 20]
        syllables = lazy_pinyin(name, style=Style.NORMAL)
        return name, "han", f"{syllables[0].title()} {''.join(syllables[1:]).title()}"
    pair = index * 7 % 200
    female = index % 2 == 1
    surname = RU_SURNAMES[pair % 20] + ("а" if female else "")
    first = (RU_FEMALE if female else RU_MALE)[pair // 20]
    patronymic = RU_PATRONYMIC[(index + index // 20) * 3 % 10] + ("вна" if female else "вич")
    latin = cyrillic_to_latin(f"{first} {surname}".lower()).title()
    return f"{surname} {first} {patronymic}", "cyrillic", latin


def _person(side: str, index: int, organisation: Organisation, *, account: bool = True):
    """The illustrative person (and account) number ``index`` of ``side``."""
    name, script, latin = _name(side, index)
    username = f"forum-demo-{side}-{index}"
    email = f"{username}@example.org"
    user = None
    if account:
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": email}
        )
        Profile.objects.get_or_create(
            user=user, defaults={"language": "zh-hans" if side == Side.CN else "ru"}
        )
    native = {"name_zh": name} if side == Side.CN else {"name_ru": name}
    person = person_ensure(
        name=name,
        email=email,
        script=script,
        name_latin=latin,
        listed=False,
        nationality="CN" if side == Side.CN else "RU",
        illustrative=True,
        user=user,
        **native,
    )
    Affiliation.objects.get_or_create(
        person=person, organisation=organisation, defaults={"start": date(2015, 9, 1)}
    )
    return person


def _author(side: str, number: int, orgs) -> tuple:
    """The number-th author of a side (0 … 29) with their one organisation: the submitting
    author of submission g = 2 × number (Chinese) or 2 × number + 1 (Russian)."""
    g = 2 * number + (0 if side == Side.CN else 1)
    _key, _field, _titles, cn_orgs, ru_orgs = TRACKS[g // 15]
    side_orgs = cn_orgs if side == Side.CN else ru_orgs
    organisation = orgs[side_orgs[0] if g % 3 else side_orgs[1]]
    return _person(side, AUTHORS + number, organisation), organisation


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# The steps ------------------------------------------------------------------------------


def _edition(orgs) -> Edition:
    host = orgs["hl-culture-tourism"]
    forum = services.forum_ensure(slug=FORUM_SLUG, organisation=host, names=NAMES)
    event = Event.objects.filter(slug=EVENT_SLUG).first() or Event(slug=EVENT_SLUG)
    start = datetime.combine(FIRST_DAY, datetime.min.time(), HARBIN) + timedelta(hours=9)
    event.title_zh, event.title_ru, event.title_en = (
        f"{NAMES['zh']}（{YEAR}）",
        f"{NAMES['ru']} — {YEAR}",
        f"{NAMES['en']} {YEAR}",
    )
    event.summary_zh = (
        "音乐与艺术、职业教育、图书馆与图书、民间文化四个分论坛；中俄双语，全体大会同声传译。"
    )
    event.summary_ru = (
        "Четыре секции: музыка и искусство, профессиональное образование, библиотеки и книги, "
        "народная культура; рабочие языки — китайский и русский, на пленарном заседании "
        "синхронный перевод."
    )
    event.summary_en = (
        "Four tracks: music and arts, vocational education, libraries and books, folk "
        "culture; Chinese and Russian, with simultaneous interpretation in the plenary."
    )
    event.kind, event.status = "forum", "published"
    event.place, event.venue = Place.objects.get(key="harbin"), "Harbin Conservatory of Music"
    event.start, event.end, event.timezone = (
        start,
        start + timedelta(days=2, hours=9),
        "Asia/Shanghai",
    )
    event.languages, event.interpretation = "zh,ru", True
    event_save(
        event=event,
        organisers=[
            (host, "host"),
            (orgs["harbin-conservatory"], "co_organiser"),
            (orgs["herzen-university"], "co_organiser"),
            (orgs["hl-library"], "partner"),
        ],
    )
    event.fields.set(FieldOfExchange.objects.filter(key__in=[t[1] for t in TRACKS]))
    edition = Edition.objects.filter(forum=forum, year=YEAR).first()
    if edition is None:
        edition = services.edition_save(
            forum=forum,
            event=event,
            year=YEAR,
            cfp_opens=OPENS,
            cfp_closes=CLOSES,
            translation_due=TRANSLATION_DUE,
            reviewers_per_submission=3,
            blind=True,
            proceedings_library=orgs["hl-library"],
            phase=Phase.CALL,
        )
    return edition


def _committee(edition: Edition, tracks: dict[str, Track], orgs) -> dict:
    """Two chairs, one per side, and a convener from each side for every track."""
    people = {
        "chair-cn": _person(Side.CN, CHAIR, orgs["hl-culture-tourism"]),
        "chair-ru": _person(Side.RU, CHAIR, orgs["herzen-university"]),
    }
    seats = [
        (people["chair-cn"], CommitteeRole.CHAIR, Side.CN, None),
        (people["chair-ru"], CommitteeRole.CHAIR, Side.RU, None),
    ]
    for n, (key, _field, _titles, cn_orgs, ru_orgs) in enumerate(TRACKS):
        for side, slug in ((Side.CN, cn_orgs[0]), (Side.RU, ru_orgs[0])):
            person = _person(side, CONVENERS + n, orgs[slug])
            people[f"{key}-{side}"] = person
            seats.append((person, CommitteeRole.CONVENER, side, tracks[key]))
    for person, role, side, track in seats:
        if not CommitteeMember.objects.filter(
            edition=edition, person=person, role=role, track=track
        ).exists():
            services.committee_add(
                edition=edition, person=person, role=role, side=side, track=track
            )
    return people


# Reading levels per reviewer slot of a side: the Chinese side's Russian, the Russian
# side's Chinese (some below the edition's level, so they read their own language only).
CN_READS_RU = [
    ("torfl", "TORFL-3"),
    ("cefr", "B2"),
    ("torfl", "TORFL-4"),
    ("torfl", "TORFL-1"),
    None,
]
RU_READS_ZH = [("hsk", "6"), ("hsk3", "7"), ("hsk", "5"), ("hsk", "4"), None]


def _reviewers(tracks: dict[str, Track], orgs) -> None:
    cn_all = [t[3] for t in TRACKS]
    ru_all = [t[4] for t in TRACKS]
    for n, (key, _field, _titles, cn_orgs, ru_orgs) in enumerate(TRACKS):
        track = tracks[key]
        for slot in range(PER_TRACK_REVIEWERS):
            for side in (Side.CN, Side.RU):
                # Two from the track's own institutions, three from another track's.
                own = cn_orgs if side == Side.CN else ru_orgs
                other = (cn_all if side == Side.CN else ru_all)[(n + 1 + slot) % 4]
                slug = own[slot % 2] if slot < 2 else other[slot % 2]
                person = _person(side, REVIEWERS + n * PER_TRACK_REVIEWERS + slot, orgs[slug])
                if Reviewer.objects.filter(track=track, person=person).exists():
                    continue
                native, foreign = ("zh", "ru") if side == Side.CN else ("ru", "zh")
                reads = (CN_READS_RU if side == Side.CN else RU_READS_ZH)[slot]
                languages = [(native, "native", "native")]
                if reads:
                    languages.append((foreign, *reads))
                # A Russian sinologist teaching at Heihe reviews for the Russian side.
                country = (
                    "CN"
                    if (side == Side.RU and slot == 4 and key == "folk")
                    else ("CN" if side == Side.CN else "RU")
                )
                services.reviewer_add(
                    track=track,
                    person=person,
                    side=side,
                    country=country,
                    cap=6,
                    languages=languages,
                )


def _texts(key: str, topic: int, frame: int, g: int) -> dict[str, dict[str, str]]:
    zh, ru, en, kw_zh, kw_ru = TOPICS[key][topic]
    f_zh, f_ru, f_en = FRAMES[frame]
    method_zh, method_ru = METHODS[g % len(METHODS)]
    n = 6 + g * 5 % 31
    context_zh, context_ru = CONTEXT[key]
    finding_zh, finding_ru = FINDINGS[key]
    track_zh, track_ru = {t[0]: (t[2]["zh"], t[2]["ru"]) for t in TRACKS}[key]
    return {
        "zh": {
            "title": f_zh.format(zh=zh),
            "abstract": f"本文以{zh}为研究对象。{context_zh}{method_zh.format(n=n)}"
            f"{finding_zh}{CLOSINGS[g % 3]}",
            "keywords": f"{kw_zh}；{track_zh}；中俄合作",
        },
        "ru": {
            "title": _capital(f_ru.format(ru=ru)),
            "abstract": f"Предмет исследования — {ru}. {context_ru} {method_ru.format(n=n)} "
            f"{finding_ru} {CLOSINGS_RU[g % 3]}",
            "keywords": f"{kw_ru}; {track_ru.lower()}; российско-китайское сотрудничество",
        },
        "en": {"title": _capital(f_en.format(en=en))},
    }


def _plan() -> list[dict]:
    """Sixty submissions: 15 a track, eight topics in two frames each (the last one once)."""
    plan = []
    for t, (key, *_rest) in enumerate(TRACKS):
        for j in range(15):
            topic = j % 8
            frame = (j + t + (2 if j >= 8 else 0)) % 4
            g = t * 15 + j
            plan.append(
                {
                    "g": g,
                    "track": key,
                    "topic": topic,
                    "frame": frame,
                    "filed": MISFILED.get((key, topic)) if j < 8 else None,
                    "language": "zh" if g % 2 == 0 else "ru",
                    "origin": ORIGINS[g % 8],
                    "kind": "poster" if g % 6 == 5 else "paper",
                    "texts": _texts(key, topic, frame, g),
                }
            )
    return plan


def _submissions(edition: Edition, tracks: dict[str, Track], orgs, people) -> None:
    translators = {
        # into Russian: Russian sinologists (one also reviews music: a translator's conflict)
        "ru": [
            _person(Side.RU, TRANSLATORS, orgs["herzen-university"]),
            Reviewer.objects.filter(track=tracks["music-arts"], side=Side.RU)
            .order_by("id")
            .first()
            .person,
        ],
        # into Chinese: Chinese Russianists
        "zh": [
            _person(Side.CN, TRANSLATORS, orgs["heihe-university"]),
            _person(Side.CN, TRANSLATORS + 1, orgs["harbin-vocational"]),
        ],
    }
    for item in _plan():
        g, lang = item["g"], item["language"]
        side = Side.CN if lang == "zh" else Side.RU
        own = item["texts"][lang]
        if Submission.objects.filter(edition=edition, **{f"title_{lang}": own["title"]}).exists():
            continue
        author_person, organisation = _author(side, g // 2, orgs)
        coauthors = []
        if g % 3 == 1:  # a colleague of the same side
            coauthors.append(_author(side, (g // 2 + 7) % 30, orgs))
        elif g % 3 == 2:  # a joint paper with the other side
            coauthors.append(
                _author(Side.RU if side == Side.CN else Side.CN, (g // 2 + 11) % 30, orgs)
            )
        moment = OPENS + timedelta(days=7 + g, hours=g % 9)
        filed = tracks[item["filed"] or item["track"]]
        submission = services.submission_create(
            edition=edition,
            track=filed,
            kind=item["kind"],
            author=author_person.user,
            author_person=author_person,
            language=lang,
            affiliation=organisation,
            coauthors=coauthors,
            now=moment,
            texts={f"{field}_{lang}": value for field, value in own.items()}
            | {"title_en": item["texts"]["en"]["title"]},
        )
        other = submission.other_language
        if item["origin"] != Origin.MISSING:
            helper = None
            if item["origin"] != Origin.AUTHOR:
                helper = translators[other][g // 2 % 2]
            services.version_set(
                submission=submission,
                language=other,
                texts=item["texts"][other],
                origin=item["origin"],
                person=helper,
                by=author_person.user,
                now=moment + timedelta(days=3),
            )
        services.submission_submit(
            submission=submission, by=author_person.user, now=moment + timedelta(days=4)
        )


PHASES = list(Phase.values)


def _advance(edition: Edition, phase: str, by) -> None:
    if PHASES.index(edition.phase) < PHASES.index(phase):
        services.edition_update(edition=edition, by=by, phase=phase)


def _moves(edition: Edition, tracks: dict[str, Track], people) -> None:
    """The conveners send the misfiled papers to their track; the chair signs off."""
    chair = people["chair-cn"].user
    for item in _plan():
        if not item["filed"]:
            continue
        lang = item["language"]
        submission = Submission.objects.get(
            edition=edition, **{f"title_{lang}": item["texts"][lang]["title"]}
        )
        if submission.status != Status.SUBMITTED or submission.track.key == item["track"]:
            continue
        convener = people[f"{submission.track.key}-{Side.CN if lang == 'zh' else Side.RU}"]
        services.decision_propose(
            submission=submission,
            decision=Decision.MOVE,
            by=convener.user,
            track=tracks[item["track"]],
        )
        services.decision_sign_off(submission=submission, by=chair, notify=False)


def _assign(edition: Edition, by) -> None:
    k = edition.reviewers_per_submission
    live = edition.submissions.filter(status=Status.SUBMITTED)
    if all(s.assignments.count() >= k for s in live):
        return
    outcomes = assignment.assign_edition(edition, by=by)
    causes = [cause for outcome in outcomes.values() for cause in outcome.causes]
    if causes:
        raise RuntimeError(f"forum demo: the assignment failed: {causes}")


def _reviews(edition: Edition) -> None:
    assignments = (
        Assignment.objects.filter(submission__edition=edition)
        .select_related("submission", "reviewer__person__user")
        .order_by("submission_id", "id")
    )
    keys = [c[0] for c in CATEGORIES]
    for a in assignments:
        if hasattr(a, "review") and a.review.submitted_at:
            continue
        s, reviewer = a.submission, a.reviewer
        quality = 2 + (s.pk * 37 + len(s.title_zh + s.title_ru)) % 4  # 2 … 5
        bias = (-1, 0, 0, 1)[reviewer.pk % 4]  # strict, fair or generous readers
        scores = {
            key: max(1, min(5, quality + bias + ((s.pk + i) % 3 == 0) - ((s.pk + i) % 5 == 0)))
            for i, key in enumerate(keys)
        }
        version = s.versions.filter(language=a.language).first()
        weak = (
            a.language != s.language
            and version is not None
            and version.origin == Origin.MACHINE_CHECKED
        )
        language = "zh" if reviewer.side == Side.CN else "ru"
        services.review_save(
            assignment=a,
            by=reviewer.person.user,
            scores=scores,
            language_quality="weak" if weak else "good",
            comment=COMMENTS[language][(s.pk + reviewer.pk) % 3],
            submit=True,
        )


def _decisions(edition: Edition, people) -> None:
    """Each track's conveners propose by the normalised ranking; the chairs sign off."""
    for n, track in enumerate(edition.tracks.order_by("position")):
        ranked = scoring.ranking(edition, track)
        accept = round(len(ranked) * ACCEPTED_SHARE)
        for rank, (submission, _row) in enumerate(ranked):
            if submission.status != Status.SUBMITTED:
                continue
            side = Side.CN if submission.language == "zh" else Side.RU
            services.decision_propose(
                submission=submission,
                by=people[f"{track.key}-{side}"].user,
                decision=Decision.ACCEPT if rank < accept else Decision.REJECT,
            )
            chair = people["chair-cn" if (n + rank) % 2 else "chair-ru"]
            services.decision_sign_off(submission=submission, by=chair.user, notify=False)


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(FIRST_DAY + timedelta(days=day), datetime.min.time(), HARBIN) + (
        timedelta(hours=hour, minutes=minute)
    )


def _programme(edition: Edition, orgs, people) -> None:
    """A plenary with the best paper of each track (simultaneous interpretation), then two
    sessions per track; music and folk culture with consecutive interpretation."""
    interpreters = [
        _person(Side.CN, INTERPRETER, orgs["heihe-university"]),
        _person(Side.RU, INTERPRETER, orgs["amur-regional-library"]),
    ]
    tracks = list(edition.tracks.order_by("position"))
    accepted = {
        t.pk: [s for s, _row in scoring.ranking(edition, t) if s.status == Status.ACCEPTED]
        for t in tracks
    }
    plenary = [papers[0] for papers in accepted.values() if papers]
    sessions = [
        (
            {"zh": "全体大会", "ru": "Пленарное заседание", "en": "Plenary session"},
            _at(0, 9, 30),
            _at(0, 12),
            "Concert Hall",
            None,
            Interpretation.SIMULTANEOUS,
            plenary,
            interpreters,
        )
    ]
    rooms = ["Hall A", "Hall B", "Hall C", "Hall D"]
    for n, track in enumerate(tracks):
        rest = accepted[track.pk][1:]
        half = (len(rest) + 1) // 2
        mode = (
            Interpretation.CONSECUTIVE
            if track.key in ("music-arts", "folk")
            else (Interpretation.NONE)
        )
        booked = [interpreters[0 if track.key == "music-arts" else 1]] if mode != "none" else []
        for part, (papers, start, end) in enumerate(
            [(rest[:half], _at(0, 14), _at(0, 17, 30)), (rest[half:], _at(1, 9), _at(1, 12))], 1
        ):
            titles = {
                "zh": f"分论坛“{track.title_zh}”第{'一二'[part - 1]}场",
                "ru": f"Секция «{track.title_ru}», заседание {part}",
                "en": f"{track.title_en}, session {part}",
            }
            sessions.append((titles, start, end, rooms[n], track, mode, papers, booked))
    for titles, start, end, room, track, mode, papers, booked in sessions:
        item = ProgrammeSession.objects.filter(edition=edition, session__title_en=titles["en"])
        item = item.first()
        if item is None:
            item = outputs.session_create(
                edition=edition,
                titles=titles,
                start=start,
                end=end,
                room=room,
                track=track,
                languages="zh,ru",
                interpretation=mode,
                submissions=papers,
                by=people["chair-cn"].user,
            )
        for person in booked:
            if not InterpreterBooking.objects.filter(session=item, person=person).exists():
                outputs.interpreter_book(item=item, person=person, by=people["chair-cn"].user)


def load(*, scale: int, log) -> None:
    orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=_slugs())}
    edition = _edition(orgs)
    fields = {f.key: f for f in FieldOfExchange.objects.all()}
    tracks = {
        key: services.track_save(
            edition=edition,
            key=key,
            titles=titles,
            field=fields.get(field),
            position=n,
            categories=CATEGORIES,
        )
        for n, (key, field, titles, _cn, _ru) in enumerate(TRACKS)
    }
    people = _committee(edition, tracks, orgs)
    _reviewers(tracks, orgs)
    chair = people["chair-cn"].user
    _submissions(edition, tracks, orgs, people)
    lacking = LanguageVersion.objects.filter(
        submission__edition=edition,
        submission__status=Status.SUBMITTED,
        origin=Origin.MISSING,
        talent_task_id__isnull=True,
    )
    if lacking.exists():
        services.translations_request(edition=edition, by=chair)
    _advance(edition, Phase.REVIEW, chair)
    _moves(edition, tracks, people)
    _assign(edition, chair)
    _reviews(edition)
    _advance(edition, Phase.DECISION, chair)
    _decisions(edition, people)
    _advance(edition, Phase.PROGRAMME, chair)
    _programme(edition, orgs, people)
    submissions = edition.submissions
    log(
        f"  forum {YEAR}: {submissions.count()} submissions, "
        f"{submissions.filter(status=Status.ACCEPTED).count()} accepted, "
        f"{ProgrammeSession.objects.filter(edition=edition).count()} sessions"
    )


def _slugs() -> set[str]:
    slugs = {
        "hl-culture-tourism",
        "harbin-conservatory",
        "herzen-university",
        "hl-library",
        "heihe-university",
        "harbin-vocational",
        "amur-regional-library",
    }
    for _key, _field, _titles, cn, ru in TRACKS:
        slugs |= set(cn) | set(ru)
    return slugs
