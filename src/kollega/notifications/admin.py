"""The e-mail outbox, to see what was sent and retry what failed."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kollega.notifications.models import OutboundEmail
from kollega.notifications.tasks import email_send


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ("subject", "to", "language", "created_at", "sent_at", "attempts")
    list_filter = (("sent_at", admin.EmptyFieldListFilter), "language")
    search_fields = ("to", "subject", "key")
    readonly_fields = (
        "key",
        "to",
        "subject",
        "body",
        "html_body",
        "language",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    )
    actions = ("send_again",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Send the selected unsent e-mails again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutboundEmail]) -> None:
        unsent = list(queryset.filter(sent_at__isnull=True).values_list("pk", flat=True))
        for email_id in unsent:
            email_send.enqueue(email_id=email_id)
        self.message_user(
            request,
            ngettext("%(n)d e-mail queued.", "%(n)d e-mails queued.", len(unsent))
            % {"n": len(unsent)},
            messages.SUCCESS,
        )
