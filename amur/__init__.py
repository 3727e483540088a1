# SPDX-License-Identifier: AGPL-3.0-or-later
"""Amur: the platform for Heilongjiang–Russia humanities cooperation."""
