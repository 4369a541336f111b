"""Events end to end in a real browser against the demo: the waiting list of a full event,
and the community manager's rhythm view.

The full event is made in the demo's database through the events services (as a CM would),
by `kollega manage shell` beside the running server; the rest happens in the browser.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kollega.demo.content import DEMO_PASSWORD

pytestmark = pytest.mark.browser

SPACE = "smartby-hub"
MEMBER = "ingrid.haugen@trakk.example"
CM = "cm@smartby.example"

# Run in the demo's database: a lunch with one seat, taken by another member.
FULL_EVENT = """
import datetime as dt, json, uuid
from django.utils import timezone
from kollega.accounts.models import User
from kollega.events.services import EventData, event_create, rsvp_answer
from kollega.members.models import Member, MemberStatus
from kollega.spaces.models import Space

space = Space.objects.get(slug=SPACE)
cm = User.objects.get(email=CM)
ingrid = Member.objects.get(space=space, user__email=MEMBER)
other = (
    Member.objects.filter(space=space, status=MemberStatus.ACTIVE)
    .exclude(pk=ingrid.pk)
    .exclude(user__staff_roles__space=space)
    .order_by("pk")
    .first()
)
day = timezone.localdate(timezone=space.tzinfo) + dt.timedelta(days=3)
start = dt.datetime.combine(day, dt.time(12), tzinfo=space.tzinfo)
event = event_create(
    space=space,
    data=EventData(
        title="Lunsj for to " + uuid.uuid4().hex[:6],
        start=start,
        end=start + dt.timedelta(hours=1),
        kind="social",
        location="Kantina",
        capacity=1,
    ),
    actor=cm,
)
rsvp_answer(event=event, member=other, actor=other.user, going=True)
print(json.dumps({"event": event.pk, "other": other.user.email}))
"""

PROMOTION_EMAILS = """
import json
from kollega.notifications.models import OutboundEmail

emails = OutboundEmail.objects.filter(to=MEMBER, key__startswith=f"event-{EVENT}-promoted-")
print(json.dumps([email.subject for email in emails]))
"""


def demo_shell(
    tmp_path_factory: pytest.TempPathFactory, base_url: str, code: str, **values: object
) -> object:
    """Run `code` in the demo server's database (the `demo_server` fixture's data directory)
    with `values` as its global names, and return what it printed last, as JSON."""
    data_dir = Path(tmp_path_factory.getbasetemp()) / "demo0"
    assert (data_dir / "serve.log").exists(), "the demo server's data directory moved"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update({"KOLLEGA_DATA_DIR": str(data_dir), "KOLLEGA_BASE_URL": base_url})
    preamble = "".join(f"{name} = {value!r}\n" for name, value in values.items())
    result = subprocess.run(
        [sys.executable, "-m", "kollega.cli", "manage", "shell", "-c", preamble + code],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login" not in page.url, page.content()[:2000]


def test_member_rsvps_to_a_full_event_waits_and_is_promoted_when_another_cancels(
    page, browser, demo_server, tmp_path_factory
):
    made = demo_shell(tmp_path_factory, demo_server, FULL_EVENT, SPACE=SPACE, CM=CM, MEMBER=MEMBER)
    assert isinstance(made, dict)
    event_url = f"{demo_server}/s/{SPACE}/events/{made['event']}/"

    # Ingrid: the only seat is taken, so her yes puts her on the waiting list.
    sign_in(page, demo_server, MEMBER)
    page.goto(event_url)
    rsvp = page.locator("#rsvp")
    assert rsvp.locator(".rsvp-status").count() == 0  # no answer yet
    rsvp.locator("button[name=going][value=yes]").click()  # htmx swaps the RSVP panel
    rsvp.locator(".rsvp-status[data-status=waiting]").wait_for()
    # (The demo's people read Norwegian, Danish or Swedish: look at the page's structure.)
    assert re.search(r"\b1\b", rsvp.locator(".waiting-position").inner_text())  # first in line

    # The member with the seat cannot come after all, in their own browser.
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    try:
        other = context.new_page()
        other.set_default_timeout(15_000)
        sign_in(other, demo_server, made["other"])
        other.goto(event_url)
        other.locator("#rsvp .rsvp-status[data-status=going]").wait_for()
        other.locator("#rsvp button[name=going][value=no]").click()
        other.locator("#rsvp .rsvp-status[data-status=not_going]").wait_for()
    finally:
        context.close()

    # Ingrid has the seat now, and an e-mail telling her so is on its way.
    page.reload()
    page.locator("#rsvp .rsvp-status[data-status=going]").wait_for()
    assert page.locator("#rsvp .waiting-position").count() == 0
    assert page.locator("#rsvp button[name=going][value=no]").count() == 1  # "can't come"
    subjects = demo_shell(
        tmp_path_factory, demo_server, PROMOTION_EMAILS, MEMBER=MEMBER, EVENT=made["event"]
    )
    assert isinstance(subjects, list) and len(subjects) == 1


def test_the_rhythm_view_shows_charts_of_the_demo(page, demo_server, tmp_path_factory):
    sign_in(page, demo_server, CM)
    page.goto(f"{demo_server}/manage/{SPACE}/events/rhythm/")
    assert page.locator("h1").inner_text().strip()
    flags = page.locator("#rhythm-flags")
    flags.wait_for()
    assert flags.locator("li.flag").count() >= 1  # the demo has gaps worth a word
    for chart in ("#events-chart", "#participation-chart", "#balance-chart"):
        svg = page.locator(chart)
        assert svg.is_visible()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 30
        assert svg.locator("rect.bar").count() > 0
        assert svg.get_attribute("role") == "img"
        title = svg.locator("title").first.text_content()
        assert title and page.get_by_role("img", name=title).count() == 1  # its accessible name
    # The bars of past weeks have real heights: the demo held events.
    heights = page.locator("#events-chart rect.bar").evaluate_all(
        "bars => bars.map(bar => bar.getBBox().height)"
    )
    assert max(heights) > 10
    # Each chart has its data as a table for screen readers (visually hidden).
    assert page.locator("#events-chart-table tbody tr").count() == 16
    screenshots = Path(tmp_path_factory.getbasetemp()) / "screenshots"
    screenshots.mkdir(exist_ok=True)
    page.screenshot(path=str(screenshots / "rhythm.png"), full_page=True)
