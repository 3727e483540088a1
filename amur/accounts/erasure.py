# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""What deleting an account does to the user's records in the other apps, app by app.

The records stay, so every figure the observatory shows (registrations, applications,
contestants, submissions, loans, talent profiles by visibility and skill) is the same
before and after; what identifies the person or was written by them about themselves goes:

- events: registrations made with the user's e-mail lose name and e-mail;
- competitions: the user's applications lose name, Latin name and teachers; nationality,
  birth date, status and scores stay (the results are counted by them); the uploaded photo,
  CV and identity document are deleted, rows and files;
- mobility: the user's applications lose name and motivation (marks and ranks stay); their
  documents are deleted, rows and files;
- talent: the profile of the user's directory record loses its headlines and search keys;
  visibility, skills, fields and place stay (counted), the person's name is gone with the
  directory record (``directory.services.person_anonymise``);
- forum: submissions keep their (now anonymous) author and their text, which is the
  scholarly work the programme and the proceedings show; authorships, reviews and
  bookings point at directory records, anonymised as above;
- library: the reader's requests lose the note written to the library; the requests and
  loans stay;
- mail queue: messages to the user's address that are still waiting or that failed are
  deleted (they hold the address and what was written to it);
- audit trail: entries keep the action, the time and the anonymous user row as actor; the
  name and e-mail written into the entries about the records above are replaced by "—".

Files are deleted after the commit, so a rollback keeps them with their rows.
"""

from __future__ import annotations

from django.db import transaction

from amur.core.models import AuditEntry, OutgoingMail

GONE = "—"
# Keys of an audit entry's old/new values that hold who someone is.
PERSONAL_KEYS = ("name", "name_latin", "email", "teachers", "motivation", "note")


def _delete_files_after_commit(documents) -> None:
    files = [(d.file.storage, d.file.name) for d in documents if d.file]
    documents.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def _addressed_to(mail: OutgoingMail, email: str) -> bool:
    return email.lower() in (address.lower() for address in mail.to)


def _scrub_audit(object_type: str, ids) -> None:
    entries = AuditEntry.objects.filter(
        object_type=object_type, object_id__in=[str(i) for i in ids]
    )
    for entry in entries:
        changed = False
        for side in ("old", "new"):
            values = getattr(entry, side)
            if isinstance(values, dict):
                for key in PERSONAL_KEYS:
                    if values.get(key) not in (None, "", GONE):
                        values[key] = GONE
                        changed = True
        if changed:
            # An update, not save(): the trail is never edited through the application,
            # and this is the one erasure the law asks of it.
            AuditEntry.objects.filter(pk=entry.pk).update(old=entry.old, new=entry.new)


def erase_in_other_apps(*, user, email: str, person, placeholder: str) -> None:
    """Anonymise ``user``'s records outside accounts and directory (see the module).

    ``email`` is the account's address before deletion, ``person`` the user's directory
    record (or None), ``placeholder`` the anonymous name the account gets: registrations
    take ``<placeholder>@deleted.invalid``, unique per deletion because an event holds one
    live registration per address."""
    from amur.competitions.models import Contestant
    from amur.competitions.models import Document as ContestantDocument
    from amur.events.models import Registration
    from amur.library.models import PatronRequest
    from amur.mobility.models import Application, ApplicationDocument
    from amur.talent.models import Profile as TalentProfile

    if email:
        # In Python: SQLite cannot search inside a JSON list, and the queue is short.
        unsent = [m.pk for m in OutgoingMail.objects.only("to") if _addressed_to(m, email)]
        OutgoingMail.objects.filter(pk__in=unsent).delete()
        registrations = Registration.objects.filter(email__iexact=email)
        _scrub_audit("events.registration", list(registrations.values_list("pk", flat=True)))
        registrations.update(name=GONE, email=f"{placeholder}@deleted.invalid", search_keys="")

    contestants = Contestant.objects.filter(user=user)
    _scrub_audit("competitions.contestant", list(contestants.values_list("pk", flat=True)))
    _delete_files_after_commit(ContestantDocument.objects.filter(contestant__in=contestants))
    contestants.update(name=GONE, name_latin="", teachers=[])

    applications = Application.objects.filter(applicant=user)
    _scrub_audit("mobility.application", list(applications.values_list("pk", flat=True)))
    _delete_files_after_commit(ApplicationDocument.objects.filter(application__in=applications))
    applications.update(name=GONE, motivation="")

    if person is not None:
        TalentProfile.objects.filter(person=person).update(
            headline_zh="", headline_ru="", headline_en="", search_keys=""
        )

    PatronRequest.objects.filter(reader=user).update(note="")
