"""End-to-end in a real browser against the demo, as a member and as the community manager."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from kollega.demo.content import DEMO_PASSWORD

pytestmark = pytest.mark.browser

MEMBER = "ingrid.haugen@trakk.example"
CM = "cm@smartby.example"


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login" not in page.url, page.content()[:2000]


def test_member_searches_the_directory_across_languages_and_opens_a_profile(page, demo_server):
    sign_in(page, demo_server, MEMBER)
    page.goto(f"{demo_server}/s/smartby-hub/directory/")
    # Typing searches live (htmx swaps the results and updates the address bar).
    page.fill("input[name=q]", "regnskap")
    page.wait_for_url(re.compile(r"q=regnskap"))
    results = page.locator("#results")
    results.get_by_text("Signe Kjærgaard").first.wait_for()
    assert "regnskab" in results.inner_text().lower()  # the Danish cognate matched
    results.get_by_role("link", name=re.compile("Signe Kjærgaard")).first.click()
    page.wait_for_url(re.compile(r"/s/smartby-hub/members/\d+/"))
    assert page.locator("h1").inner_text().strip().startswith("Signe Kjærgaard")
    assert "regnskab" in page.locator("main").inner_text().lower()


def test_community_manager_creates_a_company_and_invites_someone(
    page, demo_server, tmp_path_factory
):
    sign_in(page, demo_server, CM)
    page.goto(f"{demo_server}/manage/smartby-hub/companies/new/")
    page.fill("input[name=name]", "Bølgekraft Labs AS")
    page.fill("input[name=org_number]", "987 654 321")
    page.select_option("select[name=stage]", "startup")
    page.select_option("select[name=industry]", "energy")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/manage/smartby-hub/companies/\d+/$"))
    assert "Bølgekraft Labs AS" in page.locator("h1").inner_text()

    invite = page.locator("#invite")
    invite.locator("input[name=email]").fill("ny.kollega@bolgekraft.example")
    invite.locator("input[name=full_name]").fill("Nora Kollega")
    invite.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "ny.kollega@bolgekraft.example" in page.locator("main").inner_text()

    # The invitation e-mail goes through the task queue: the worker beside the server sends it.
    mail_dir = Path(demo_server_data_dir(tmp_path_factory)) / "mail"
    deadline = time.monotonic() + 30
    sent = []
    while time.monotonic() < deadline and not sent:
        sent = [
            path
            for path in mail_dir.glob("*.log")
            if "ny.kollega@bolgekraft.example" in path.read_text(errors="replace")
        ]
        time.sleep(0.5)
    assert sent, "the invitation e-mail was not delivered by the worker"
    assert "/invite/" in sent[0].read_text(errors="replace")


def demo_server_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.getbasetemp() / "demo0"


def test_member_asks_for_an_introduction_and_accepts_one_waiting_for_her(page, demo_server):
    sign_in(page, demo_server, MEMBER)
    page.goto(f"{demo_server}/s/smartby-hub/")
    # People you should meet: each card gives reasons; ask to meet the first one we can.
    askable = page.locator("li.suggestion").filter(has=page.locator(".suggestion-action a.button"))
    card = page.locator("#" + str(askable.first.get_attribute("id")))  # pinned: its button goes
    assert card.locator("ul.reasons li").count() >= 1
    name = card.locator(".member-card-name").inner_text().strip()
    card.locator(".suggestion-action a.button").click()  # htmx puts the note form in the card
    card.locator("textarea[name=note]").fill("Hei! Kaffe på torsdag?")
    card.locator("form.introduction-request button[type=submit]").click()
    card.locator(".introduction-asked").wait_for()
    page.reload()
    mine = page.locator("li.introduction", has_text=name)
    mine.first.wait_for()
    assert mine.first.locator(".contact").count() == 0  # no contact details before a yes

    # An introduction someone asked of her: she says yes and gets their contact details.
    waiting = page.locator("#to-answer li.introduction").first
    other = waiting.locator("strong a").inner_text().strip()
    waiting.locator("button[name=accept][value=yes]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#to-answer li.introduction", has_text=other).count() == 0
    introduced = page.locator("li.introduction", has_text=other).first
    contact = introduced.locator(".contact").inner_text()
    assert "@" in contact


def test_member_books_a_room_from_the_grid_and_cancels_it(page, demo_server):
    sign_in(page, demo_server, MEMBER)
    page.goto(f"{demo_server}/s/smartby-hub/book/")
    for _day in range(7):  # the next day with a free slot (not a weekend or a holiday)
        page.locator("a[rel=next]").click()
        page.wait_for_load_state("networkidle")
        if page.locator("li.resource a.slot.free").count():
            break
    slot = page.locator("li.resource a.slot.free").first
    room = slot.locator("xpath=ancestor::li[contains(@class,'resource')]//h3").inner_text()
    slot.click()  # htmx loads the booking form with its price into the panel
    form = page.locator("#book-panel form.book-form")
    form.locator(".quote").wait_for()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/s/smartby-hub/bookings/#booking-\d+"))
    booking_id = page.url.rsplit("#booking-", 1)[1]
    booking = page.locator(f"#booking-{booking_id}")
    assert room.split("·")[0].strip() in booking.inner_text()
    booking.locator("form[action$='/cancel/'] button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(f"li.card#booking-{booking_id}").count() == 0  # no longer upcoming
