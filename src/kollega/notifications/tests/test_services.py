from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from kollega.notifications.models import OutboundEmail
from kollega.notifications.services import email_deliver, email_queue_rendered
from kollega.notifications.tasks import email_send

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_email_is_sent_only_after_the_transaction_commits():
    with transaction.atomic():
        email = email_queue_rendered(
            key="k1", to="kari@example.org", subject="Hei", body="Velkommen", language="nb"
        )
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None
    assert mail.outbox[0].to == ["kari@example.org"]


def test_a_rolled_back_transaction_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_queue_rendered(key="k2", to="ola@example.org", subject="Hei", body="x", language="nb")
        raise RuntimeError("boom")
    assert mail.outbox == []
    assert not OutboundEmail.objects.filter(key="k2").exists()


def test_queuing_the_same_key_twice_sends_one_email():
    email_queue_rendered(key="invite:7", to="a@example.org", subject="s", body="b", language="en")
    email_queue_rendered(key="invite:7", to="a@example.org", subject="s", body="b", language="en")
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.filter(key="invite:7").count() == 1


def test_a_task_delivered_twice_sends_one_email():
    email = email_queue_rendered(key="k3", to="a@example.org", subject="s", body="b", language="en")
    assert len(mail.outbox) == 1
    assert email_deliver(email_id=email.pk) is False
    email_send.call(email_id=email.pk)
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1
