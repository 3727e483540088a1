# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A form that validates its model checks the model's constraints; a constraint the user
can break through a form says what is wrong in the user's words, never Django's default
"Constraint “event_ends_after_start” is violated."."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.db.models import CheckConstraint

import amur
from tests.factories.core import PlaceFactory
from tests.permissions import cast


def _model_forms():
    for path in sorted(Path(amur.__file__).parent.glob("*/forms.py")):
        module = importlib.import_module(f"amur.{path.parent.name}.forms")
        for _name, form in inspect.getmembers(module, inspect.isclass):
            own = issubclass(form, forms.ModelForm) and form.__module__ == module.__name__
            if own and form._meta.model is not None:
                yield form


def test_every_check_constraint_a_form_validates_has_its_own_message():
    defaults = [
        f"{form.__name__}: {form._meta.model.__name__}.{constraint.name}"
        for form in _model_forms()
        for constraint in form._meta.model._meta.constraints
        if isinstance(constraint, CheckConstraint)
        and constraint.violation_error_message == constraint.default_violation_error_message
    ]

    assert list(_model_forms())  # the walk finds the forms
    assert defaults == []


@pytest.mark.django_db
def test_an_event_that_ends_before_it_starts_is_refused_in_the_organisers_language(client):
    c = cast()
    client.force_login(c.editor_a)

    response = client.post(
        "/events/new/",
        {
            "title_ru": "Вечер народной песни",
            "kind": "concert",
            "status": "published",
            "start": "2027-09-01T21:00",
            "end": "2027-09-01T19:00",
            "timezone": "Asia/Shanghai",
            "languages": "zh,ru",
            "host": c.org_a.pk,
            "place": PlaceFactory().pk,
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )

    assert response.status_code == 200
    assert "Мероприятие заканчивается раньше, чем начинается." in response.content.decode()
    assert "is violated" not in response.content.decode()
