from __future__ import annotations

from django.tasks import task

from kollega.notifications.services import email_deliver


@task()
def email_send(*, email_id: int) -> bool:
    """Deliver one outbox e-mail; a second delivery of the same task sends nothing."""
    return email_deliver(email_id=email_id)
