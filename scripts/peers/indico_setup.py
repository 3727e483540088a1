# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Run by scripts/bench_peers.py inside Indico's own virtual environment (never imported by
Amur): a public category with a list of conferences, and a fresh rush conference whose
registration form, open to anonymous visitors, has a registration limit of CAPACITY, for
each of ROUNDS rush rounds. Prints one JSON line: the category's, the listed event's and the
rush events' and forms' ids."""

import json
import os
import sys
from datetime import timedelta

from indico.core.db import db
from indico.modules.categories.models.categories import Category
from indico.modules.events.models.events import Event, EventType
from indico.modules.events.operations import create_event
from indico.modules.events.registration.models.forms import RegistrationForm
from indico.modules.events.registration.util import create_personal_data_fields
from indico.modules.users import User
from indico.util.date_time import now_utc
from indico.web.flask.app import make_app

CAPACITY = int(os.environ.get("PEERS_CAPACITY", "50"))
LISTED = int(os.environ.get("PEERS_LISTED_EVENTS", "20"))
ROUNDS = int(os.environ.get("PEERS_ROUNDS", "1"))


def conference(category, title, days, creator):
    start = now_utc().replace(microsecond=0) + timedelta(days=days)
    data = {
        "title": title,
        "start_dt": start,
        "end_dt": start + timedelta(hours=3),
        "timezone": "UTC",
        "creator": creator,
    }
    return create_event(category, EventType.conference, data, add_creator_as_manager=False)


def open_regform(event, limit):
    regform = RegistrationForm(event=event, title="Registration", currency="EUR")
    create_personal_data_fields(regform)
    regform.registration_limit = limit
    regform.require_login = False
    # No CAPTCHA: a benchmark cannot solve one (Amur asks none of an API registrant either).
    regform.require_captcha = False
    regform.start_dt = now_utc() - timedelta(minutes=1)
    db.session.add(regform)
    db.session.flush()
    return regform


with make_app().test_request_context():
    system = User.get_system_user()
    root = Category.get_root()
    category = Category.query.filter_by(title="Peers", parent=root, is_deleted=False).first()
    if category is None:
        category = Category(title="Peers", parent=root)
        db.session.add(category)
        db.session.flush()
    listed = Event.query.filter_by(category=category, is_deleted=False).order_by(Event.id)
    listed = [event for event in listed if event.title.startswith("Listed event")]
    for n in range(len(listed), LISTED):
        event = conference(category, f"Listed event {n}", 20 + n, system)
        open_regform(event, 100)
        listed.append(event)
    rushes = []
    for _n in range(ROUNDS):
        rush = conference(category, "Registration rush", 30, system)
        rushes.append({"event": rush.id, "regform": open_regform(rush, CAPACITY).id})
    db.session.commit()
    json.dump({"category": category.id, "event": listed[0].id, "rushes": rushes}, sys.stdout)
    print()
