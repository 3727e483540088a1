# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A registration rush: many clients register for one event at once.

The generic part, ``run(tasks, clients=N)``, runs callables from N threads, each thread with
its own HTTP session (keep-alive, cookies), and times them; a task does one registrant's
whole flow (one request or several) and returns an outcome label. Peers' flows (a pretix
cart, an Indico form) are tasks like Amur's.

Amur's flow, as a visitor on the public API: ``POST /api/v1/events/events/<slug>/
registrations``. An anonymous registration holds a seat until its address is confirmed, so
the rush then opens each held registration's confirmation link (GET the page, POST its
button), as the registrants would from their mail. The server must count clients by
X-Forwarded-For (``server.start(proxy_count=1)``): each simulated registrant comes from its
own address, and the limit of registrations per client and hour applies to each, not to all.
The counts (confirmed per mode, oversold) are read from the database, never from answers.

    event = amur_event(online=5000, in_person=200)  # Django set up on the server's database
    tasks = amur_registration_tasks(server.url, event, {"online": 5500, "in_person": 220})
    registering = run(tasks, clients=64)
    confirming = run(amur_confirmation_tasks(server.url, event), clients=64)
    counts = amur_counts(event)  # {"online": {"capacity": 5000, "confirmed": 5000, …}, …}
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import timedelta

import requests

from amur.bench.load import latency_summary

Task = Callable[[requests.Session], str]
TIMEOUT = 60


@dataclass
class RushResult:
    tasks: int
    clients: int
    seconds: float
    per_second: float  # tasks done per second, whatever their outcome
    outcomes: dict[str, int] = field(default_factory=dict)  # label → count
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    examples: dict[str, str] = field(default_factory=dict)  # label → one error's text

    def rate(self, *labels: str) -> float:
        """Tasks per second that ended with one of ``labels``."""
        count = sum(self.outcomes.get(label, 0) for label in labels)
        return round(count / self.seconds, 1) if self.seconds else 0.0

    def as_dict(self) -> dict:
        return asdict(self)


def run(tasks: Sequence[Task], *, clients: int) -> RushResult:
    """Run every task once, ``clients`` at a time; each thread keeps its own Session.

    A task returns its outcome label; an exception becomes the label ``error:<type>`` (its
    text kept as that label's example), so one failure does not stop the rush."""
    local = threading.local()
    outcomes: Counter[str] = Counter()
    examples: dict[str, str] = {}
    times: list[float] = []
    lock = threading.Lock()

    def one(task: Task) -> None:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        started = time.perf_counter()
        try:
            label = task(session)
            text = ""
        except Exception as exc:  # any failure is an outcome to count
            label, text = f"error:{type(exc).__name__}", str(exc)[:300]
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            outcomes[label] += 1
            times.append(elapsed)
            if text:
                examples.setdefault(label, text)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, tasks))
    seconds = time.perf_counter() - started
    return RushResult(
        tasks=len(tasks),
        clients=clients,
        seconds=round(seconds, 3),
        per_second=round(len(tasks) / seconds, 1) if seconds else 0.0,
        outcomes=dict(sorted(outcomes.items())),
        examples=examples,
        **latency_summary(times),
    )


def address(index: int) -> str:
    """A distinct private address for registrant ``index`` (10.0.0.1 onwards)."""
    number = index + 1
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


def _label(response: requests.Response) -> str:
    """A registration answer's outcome: the registration's status on 201, else the HTTP
    status with the error's code when the body names one (``409``, ``422:…``)."""
    if response.status_code == 201:
        return response.json().get("status", "201")
    try:
        code = response.json().get("code", "")
    except ValueError:
        code = ""
    return f"{response.status_code}:{code}" if code else str(response.status_code)


def registration_task(base_url: str, slug: str, mode_id: int, index: int, tag: str) -> Task:
    """One anonymous registrant posting to the API from their own address."""
    url = f"{base_url}/api/v1/events/events/{slug}/registrations"
    payload = {
        "mode": mode_id,
        "name": f"Rush registrant {index}",
        "email": f"rush-{tag}-{index}@bench.amur.localhost",
        "language": "en",
    }
    headers = {"X-Forwarded-For": address(index)}

    def task(session: requests.Session) -> str:
        return _label(session.post(url, json=payload, headers=headers, timeout=TIMEOUT))

    return task


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def confirmation_task(base_url: str, token: str, index: int) -> Task:
    """One registrant opening the link from their mail: the page, then its button."""
    url = f"{base_url}/events/confirm/{token}/"
    headers = {"X-Forwarded-For": address(index)}

    def task(session: requests.Session) -> str:
        page = session.get(url, headers=headers, timeout=TIMEOUT)
        found = _CSRF.search(page.text)
        if page.status_code != 200 or found is None:
            return f"page:{page.status_code}"
        answer = session.post(
            url,
            data={"csrfmiddlewaretoken": found.group(1)},
            headers={**headers, "Referer": url},
            timeout=TIMEOUT,
        )
        return "confirmed" if answer.status_code == 200 else f"refused:{answer.status_code}"

    return task


# The Amur side: these need Django set up on the server's database (the bench command runs
# them in its own process).


def amur_event(*, online: int, in_person: int, slug: str | None = None):
    """A published hybrid event of the first organisation, with ``in_person`` seats and
    ``online`` places, registration open, a month from now; a fresh slug each call."""
    from django.utils import timezone

    from amur.directory.models import Organisation
    from amur.events import services
    from amur.events.models import Event

    host = Organisation.objects.order_by("pk").first()
    if host is None:
        raise RuntimeError("no organisation: load the dataset first")
    start = timezone.now().replace(microsecond=0) + timedelta(days=30)
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
    event = Event(
        slug=slug or f"bench-rush-{stamp}",
        title_en="Benchmark registration rush",
        title_ru="Нагрузочный тест регистрации",
        title_zh="报名压力测试",
        kind=Event._meta.get_field("kind").choices[0][0],
        status="published",
        place=host.place,
        venue="Benchmark hall",
        online_url="https://bench.amur.localhost/stream",
        start=start,
        end=start + timedelta(hours=3),
        timezone="Asia/Shanghai",
    )
    return services.event_save_with_modes(
        event=event, host=host, in_person=in_person, online=online, offer_online=True
    )


def amur_registration_tasks(base_url: str, event, registrants: dict[str, int]) -> list[Task]:
    """``registrants[attendance]`` anonymous registrants per mode (``"online"``,
    ``"in_person"``), interleaved so that both modes are rushed at the same time; each has
    its own address and e-mail."""
    modes = {mode.attendance: mode.pk for mode in event.modes.all()}
    queues = [
        [(modes[attendance], n) for n in range(count)] for attendance, count in registrants.items()
    ]
    order = []
    while any(queues):
        for queue in queues:
            if queue:
                order.append(queue.pop(0))
    return [
        registration_task(base_url, event.slug, mode_id, index, event.slug)
        for index, (mode_id, _n) in enumerate(order)
    ]


def amur_confirmation_tasks(base_url: str, event) -> list[Task]:
    """A confirmation task for every registration of ``event`` still awaiting its address's
    confirmation (the token is what the mail would carry)."""
    from amur.events.models import Registration

    tokens = (
        Registration.objects.filter(event=event, status="unconfirmed")
        .order_by("pk")
        .values_list("confirm_token", flat=True)
    )
    return [confirmation_task(base_url, token, index) for index, token in enumerate(tokens)]


def amur_counts(event) -> dict[str, dict[str, int | None]]:
    """Per mode, from the database: capacity, seats taken, registrations by status, and
    ``oversold``, the registrations holding a seat (confirmed, awaiting approval or e-mail
    confirmation, attended) beyond the capacity, which must be 0."""
    from django.db.models import Count

    from amur.events.models import ParticipationMode, Registration
    from amur.events.services import HOLDS_SEAT

    counts = {}
    for mode in ParticipationMode.objects.filter(event=event).order_by("attendance"):
        statuses = dict(
            Registration.objects.filter(mode=mode)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        holding = sum(statuses.get(status, 0) for status in HOLDS_SEAT)
        capacity = mode.capacity
        counts[mode.attendance] = {
            "capacity": capacity,
            "seats_taken": mode.seats_taken,
            **{status: statuses.get(status, 0) for status in sorted(statuses)},
            "holding_a_seat": holding,
            "oversold": max(0, holding - capacity) if capacity is not None else 0,
        }
    return counts
