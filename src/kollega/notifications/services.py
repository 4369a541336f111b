from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from kollega.notifications.models import OutboundEmail


@transaction.atomic
def email_queue(
    *, key: str, to: str, template: str, context: dict[str, object], language: str
) -> OutboundEmail:
    """Write an e-mail to the outbox and send it in the background once the transaction commits.

    `template` names a pair of templates: `<template>_subject.txt` and `<template>_body.txt`,
    rendered in `language` (the recipient's). Queuing the same `key` twice returns the
    first row and sends nothing more.
    """
    existing = OutboundEmail.objects.filter(key=key).first()
    if existing is not None:
        return existing
    with translation.override(language or None):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return email_queue_rendered(key=key, to=to, subject=subject, body=body, language=language)


@transaction.atomic
def email_queue_rendered(
    *, key: str, to: str, subject: str, body: str, language: str, html_body: str = ""
) -> OutboundEmail:
    """Like email_queue, for a message already rendered (e.g. by django-allauth)."""
    email, created = OutboundEmail.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": subject,
            "body": body,
            "html_body": html_body,
            "language": language,
        },
    )
    if created:
        email_id = email.pk
        transaction.on_commit(lambda: _enqueue_send(email_id))
    return email


def _enqueue_send(email_id: int) -> None:
    from kollega.notifications.tasks import email_send

    email_send.enqueue(email_id=email_id)


def email_deliver(*, email_id: int) -> bool:
    """Send one queued e-mail unless it was already sent. Returns True if it sent it now."""
    from django.core.mail import EmailMultiAlternatives
    from django.utils import timezone

    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().get(pk=email_id)
        if email.sent_at is not None:
            return False
        email.attempts += 1
        message = EmailMultiAlternatives(subject=email.subject, body=email.body, to=[email.to])
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        try:
            message.send()
        except Exception as error:
            email.last_error = f"{error.__class__.__name__}: {error}"
            email.save(update_fields=["attempts", "last_error"])
            raise
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "sent_at", "last_error"])
    return True
