# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import factory

from amur.library.marc import record_keys
from amur.library.models import Holding, LibrarySettings, Record
from amur.library.services import search_words_add
from tests.factories.directory import OrganisationFactory


class LibrarySettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibrarySettings

    organisation = factory.SubFactory(OrganisationFactory, kind="library")
    code = factory.Sequence(lambda n: f"RU-LIB{n}")


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Record

    library = factory.SubFactory(OrganisationFactory, kind="library")
    control_number = factory.Sequence(lambda n: f"rec{n}")
    source_format = "marc21"
    title = "Evgeniĭ Onegin"
    title_original = "Евгений Онегин"
    authors = factory.LazyFunction(
        lambda: [{"name": "Pushkin, Aleksandr Sergeevich", "original": "Пушкин", "role": "author"}]
    )
    year = 1833
    languages = "rus"
    marcxml = "<record/>"
    cluster_key = factory.Sequence(lambda n: f"t:onegin{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Keys as the import writes them (amur.library.marc.record_keys)."""
        values = {
            name: kwargs.get(name, "")
            for name in (
                "title",
                "title_original",
                "other_title",
                "responsibility",
                "publisher",
                "isbn",
            )
        }
        values["authors"], values["subjects"] = kwargs["authors"], kwargs.get("subjects", [])
        kwargs.update(record_keys(values))
        search_words_add([kwargs["search_keys"]])
        return super()._create(model_class, *args, **kwargs)


class HoldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holding

    record = factory.SubFactory(RecordFactory)
    library = factory.SelfAttribute("record.library")
    barcode = factory.Sequence(lambda n: f"B{n:06d}")
    call_number = "PG3343 .E8"
