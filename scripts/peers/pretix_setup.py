# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Run by scripts/bench_peers.py inside pretix's own virtual environment (never imported by
Amur): an organizer with a list of live events, and a fresh rush event whose one free
ticket has a quota of CAPACITY for each of ROUNDS rush rounds. Prints one JSON line: the
organizer's and events' slugs and the rush events' ticket ids."""

import json
import os
import sys
import time
from datetime import timedelta

import django

django.setup()

from django.utils.timezone import now  # noqa: E402  (after django.setup)
from django_scopes import scopes_disabled  # noqa: E402
from pretix.base.models import Event, Item, Organizer, Quota  # noqa: E402

CAPACITY = int(os.environ.get("PEERS_CAPACITY", "50"))
LISTED = int(os.environ.get("PEERS_LISTED_EVENTS", "20"))
ROUNDS = int(os.environ.get("PEERS_ROUNDS", "1"))


def live_event(organizer, slug, name, days, capacity):
    event = Event.objects.filter(organizer=organizer, slug=slug).first()
    if event is not None:
        return event
    start = now().replace(microsecond=0) + timedelta(days=days)
    event = Event.objects.create(
        organizer=organizer,
        slug=slug,
        name={"en": name},
        date_from=start,
        date_to=start + timedelta(hours=3),
        location={"en": "Benchmark hall, Harbin"},
        currency="EUR",
        live=True,
    )
    event.set_defaults()
    # A free ticket checks out with an e-mail address only: no names, no invoice address,
    # no payment step (pretix's "free" provider handles a total of zero).
    event.settings.attendee_names_asked = False
    event.settings.invoice_address_asked = False
    event.settings.order_email_asked_twice = False
    item = Item.objects.create(
        event=event, name={"en": "Free admission"}, default_price=0, admission=True
    )
    quota = Quota.objects.create(event=event, name="Seats", size=capacity)
    quota.items.add(item)
    return event


with scopes_disabled():
    organizer, _ = Organizer.objects.get_or_create(slug="peers", defaults={"name": "Peers"})
    for n in range(LISTED):
        live_event(organizer, f"listed-{n}", f"Listed event {n}", 20 + n, 100)
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
    rushes = []
    for n in range(ROUNDS):
        rush = live_event(organizer, f"rush{stamp}-{n}", "Registration rush", 30, CAPACITY)
        rushes.append({"event": rush.slug, "item": rush.items.get().pk})
    json.dump({"organizer": organizer.slug, "event": "listed-0", "rushes": rushes}, sys.stdout)
    print()
