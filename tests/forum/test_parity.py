# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Proposing a paper on the page and through the API: the same inputs are accepted or
refused, and refused with the same message, because the service is the only gate (issue
11, part 1). Each channel proposes to its own copy of the same edition; a proposal that
cannot be submitted leaves no draft behind on either."""

import pytest

from amur.accounts.services import api_token_create
from amur.forum.models import Submission
from tests.factories import forum
from tests.factories.directory import UserFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

TOO_LONG = "Ensure this value has at most 300 characters (it has 301)."
CASES = [
    # (case, inputs, call closed, message expected; None: accepted)
    ("valid", {}, False, None),
    ("draft without an abstract", {"abstract": "", "submit": False}, False, None),
    ("title blank", {"title": "   "}, False, "The title in the author's language is required."),
    (
        "abstract blank",
        {"abstract": "  "},
        False,
        "Give the title and the abstract in your own language first.",
    ),
    ("title too long", {"title": "乐" * 301}, False, TOO_LONG),
    ("keywords too long", {"keywords": "k" * 301}, False, TOO_LONG),
    (
        "abstract over the edition's limit",
        {"abstract": "乐" * 1501},
        False,
        "The zh abstract has 1501 characters; at most 1500.",
    ),
    (
        "kind not taken",
        {"kind": "poster"},
        False,
        "This edition does not take this kind of submission.",
    ),
    ("call closed", {}, True, "The submission deadline has passed."),
]


def _edition(closed: bool):
    edition = forum.edition(closes=-1 if closed else 10, opens=-10)
    edition.kinds = "paper,panel"  # not posters
    edition.save(update_fields=["kinds"])
    forum.track(edition, "music")
    return edition


@pytest.mark.parametrize(("case", "inputs", "closed", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_proposals_alike(client, case, inputs, closed, message):
    user = UserFactory()
    page_edition, api_edition = _edition(closed), _edition(closed)
    data = {
        "track": "music",
        "kind": "paper",
        "language": "zh",
        "title": "黑龙江流域的民歌",
        "abstract": "关于黑龙江两岸民歌的比较研究。",
        "keywords": "民歌",
        "submit": True,
        **inputs,
    }
    client.force_login(user)

    page = client.post(
        f"/forum/{page_edition.slug}/submit/",
        {**{k: v for k, v in data.items() if k != "submit"}, "submit_now": "1" * data["submit"]},
    )
    api = client.post(
        f"/api/v1/forum/editions/{api_edition.slug}/submissions",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 201
        page_made = Submission.objects.get(edition=page_edition)
        api_made = Submission.objects.get(edition=api_edition)
        assert page_made.status == api_made.status == ("submitted" if data["submit"] else "draft")
        assert page_made.title_zh == api_made.title_zh == data["title"].strip()
    else:
        assert page.status_code == 400
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert not Submission.objects.exists()
