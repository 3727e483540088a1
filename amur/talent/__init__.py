# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Talent: Russian–Chinese compound talents, the needs and tasks they fill, and matching.

Other apps call (names are stable):

* ``amur.talent.services`` — ``credential_add``, ``credential_remove``,
  ``credential_level_for(person, language, *, skill, table)``, ``level_label``,
  ``profile_save``, ``need_create``, ``candidate_shortlist``, ``candidate_advance``,
  ``declaration_confirm``, ``task_create(…, content=(obj, field))``, ``task_offer``,
  ``task_accept``, ``task_deliver``, ``task_rate`` (see its docstring for arguments).
* ``amur.talent.levels`` — schemes, levels, ``comparable(scheme, level, table)``.
* ``amur.talent.matching`` — ``candidates_for(need_or_task, profiles)``,
  ``match_one``, ``qualifies``, ``openings_for(profile, needs, tasks)``.
* ``amur.talent.selectors`` — ``profiles_visible_to(user)``.

A person's languages live here: ``person.languages`` is the ``LanguageCredential`` set.
"""
