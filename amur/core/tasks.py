# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django_tasks import task

from amur.core import mail


@task()
def mail_send(mail_id: int) -> None:
    """Send one queued e-mail, or record why not and when it is tried again."""
    mail.mail_attempt(mail_id=mail_id)
