# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The benchmark behind ``amur bench`` (issue 19): a dataset from the demo generator and the
Library of Congress file, the production server on PostgreSQL, load from Debian's ``hey``, a
registration rush and a report.  Plain modules, no models; other scripts (the side-by-side
comparison, the scale-out test) use ``load``, ``rush`` and ``server`` as they are.

Not part of ``amur.core``: the dataset and the rush read and write every app, and core
imports none of them (tests/core/test_structure.py).  The command lives in the portal app,
which reads across the modules.
"""
