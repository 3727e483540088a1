#!/usr/bin/env python
# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Django's manage.py; the same as the `amur` command."""

from amur.__main__ import main

if __name__ == "__main__":
    main()
