from __future__ import annotations

import uuid
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is by invitation only, and account e-mails (login codes, password resets)
    go through the outbox and the task queue, in the recipient's language."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from django.utils import translation

        from kollega.accounts.models import User
        from kollega.notifications.services import email_queue_rendered

        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = (user.preferred_language if user else "") or translation.get_language() or "en"
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        body = message.body
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = str(content)
        email_queue_rendered(
            key=f"account:{template_prefix}:{uuid.uuid4()}",
            to=email,
            subject=str(message.subject),
            body=str(body),
            html_body=html,
            language=language,
        )
