# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo tells the truth: its flagship content reads in all three languages, and what
it generates is marked as illustrative wherever it is shown."""

import pytest
from django.core.management import call_command

from amur.directory.models import Organisation, Person
from amur.events.models import Event

pytestmark = pytest.mark.django_db

FLAGSHIP = [
    "culture-art-week-2027",
    "vocational-alliance-inauguration-2023",
    "jixi-culture-week-2004",
    "wfimc-seminar-2023",
]


def test_flagship_events_read_in_three_languages_and_generated_members_are_marked(client):
    call_command("demo", only=["core", "directory", "alliances", "events"], verbosity=0)

    for event in Event.objects.filter(slug__in=FLAGSHIP):
        for field in ("title", "summary"):
            for language in ("zh", "ru", "en"):
                assert getattr(event, f"{field}_{language}").strip(), (event.slug, field, language)
    assert Event.objects.filter(slug__in=FLAGSHIP).count() == len(FLAGSHIP)

    generated = Organisation.objects.get(slug="srvea-member-1")
    founder = Organisation.objects.get(slug="harbin-vocational")
    assert generated.illustrative
    assert not founder.illustrative
    page = client.get("/alliances/srvea/", {"q": generated.name_en}, HTTP_ACCEPT_LANGUAGE="ru")
    assert 'class="illustrative-tag"' in page.content.decode()
    assert page.content.decode().count('class="illustrative-tag"') == 1
    founder_page = client.get(f"/directory/organisations/{founder.pk}/").content.decode()
    assert 'class="illustrative-tag"' not in founder_page


def test_the_scaled_population_is_marked_on_its_pages(client):
    call_command("demo", only=["core", "directory"], scale=1, verbosity=0)

    organisation = Organisation.objects.filter(illustrative=True).first()
    person = Person.objects.filter(illustrative=True, listed=True).first()

    assert Organisation.objects.filter(illustrative=True).count() == 20
    assert Person.objects.filter(illustrative=True).count() == 50
    assert Organisation.objects.filter(illustrative=False).exists()
    for url in (f"/directory/organisations/{organisation.pk}/", f"/directory/people/{person.pk}/"):
        assert 'class="illustrative-tag"' in client.get(url).content.decode(), url
