"""Every record with Han characters re-keyed: the characters of several readings that no
romanised field of the record settles are keyed in each of their readings (的 as de and
di), so that a reader typing the Library of Congress's reading finds a record held in
characters alone (amur.core.search._other_readings)."""

import importlib

from django.db import migrations

# The same re-keying as 0012: only records whose keys hold Han characters change.
rekey = importlib.import_module("amur.library.migrations.0012_search_keys_han_runs").rekey


class Migration(migrations.Migration):
    dependencies = [("library", "0014_search_vector")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
