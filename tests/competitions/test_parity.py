# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A juror's score on the sheet (page) and through the API: the same values are accepted
or refused, and refused with the same message, because the service is the only gate
(issue 11, part 1). A refused score on the page leaves the whole sheet as it was."""

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.competitions.models import Score
from tests.factories.competitions import ContestantFactory, JurorFactory, RoundFactory
from tests.parity import api_messages

pytestmark = pytest.mark.django_db

OFF_SCALE = "A score lies between 1 and 25 in steps of 0.5."
CASES = [
    # (case, value typed, message expected; None: accepted)
    ("whole number", "20", None),
    ("half step", "19.5", None),
    ("above the scale", "26", OFF_SCALE),
    ("off the step", "19.3", OFF_SCALE),
    ("not a number", "NaN", "A score is a number, such as 8.5."),
    ("infinite", "Infinity", "A score is a number, such as 8.5."),
]


def _round():
    round_ = RoundFactory(scale_min=1, scale_max=25, step="0.5")
    juror = JurorFactory(edition=round_.discipline.edition)
    first, second = (ContestantFactory(discipline=round_.discipline) for _ in range(2))
    return round_, juror, first, second


@pytest.mark.parametrize(("case", "value", "message"), CASES, ids=[c[0] for c in CASES])
def test_the_sheet_and_the_api_accept_and_refuse_scores_alike(client, case, value, message):
    page_round, page_juror, page_first, page_second = _round()
    api_round, api_juror, api_first, _second = _round()

    client.force_login(page_juror.user)
    # A valid score for one contestant and the value under test for the other.
    page = client.post(
        f"/competitions/rounds/{page_round.pk}/sheet/",
        {f"c{page_first.pk}": "18", f"c{page_second.pk}": value},
    )
    client.logout()
    api = client.post(
        f"/api/v1/competitions/rounds/{api_round.pk}/scores",
        {"contestant": api_first.pk, "value": value},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=api_juror.user, name='t')[1]}",
    )

    page_messages = [str(m) for m in get_messages(page.wsgi_request)]
    if message is None:
        assert api.status_code == 200
        assert page_messages == ["Saved."]
        assert (
            Score.objects.filter(contestant=page_second).get().value
            == Score.objects.get(contestant=api_first).value
        )
    else:
        assert api.status_code in (409, 422)
        assert message in page_messages
        assert message in api_messages(api)
        assert not Score.objects.exists()  # the page's valid 18 was not kept either
