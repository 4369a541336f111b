"""The interface is complete in Norwegian, Danish and Swedish, and the compiled catalogues
match their sources (the .mo files are committed so installs need no gettext tools)."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["nb", "da", "sv"]


def po_entries(path: Path) -> list[dict[str, object]]:
    """A small .po reader: msgctxt, msgid, msgid_plural, msgstr / msgstr[n] and flags."""
    entries: list[dict[str, object]] = []
    entry: dict[str, object] = {"flags": "", "msgstr": {}}
    key: tuple[str, int] | str | None = None

    def flush() -> None:
        nonlocal entry
        if "msgid" in entry:
            entries.append(entry)
        entry = {"flags": "", "msgstr": {}}

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            flush()
            key = None
        elif line.startswith("#,"):
            entry["flags"] = str(entry["flags"]) + line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(key, tuple):
                entry["msgstr"][key[1]] += value  # type: ignore[index]
            elif key is not None:
                entry[key] = str(entry[key]) + value
        else:
            word, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            if word.startswith("msgstr["):
                key = ("msgstr", int(word[7:-1]))
                entry["msgstr"][key[1]] = value  # type: ignore[index]
            elif word == "msgstr":
                key = ("msgstr", 0)
                entry["msgstr"][0] = value  # type: ignore[index]
            else:
                key = word
                entry[word] = value
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = [e for e in po_entries(LOCALE / language / "LC_MESSAGES" / "django.po") if e["msgid"]]
    assert len(entries) > 500
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]  # type: ignore[attr-defined]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in str(e["flags"])]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in po_entries(folder / "django.po"):
        if not entry["msgid"] or "msgid_plural" in entry:
            continue
        msgid = str(entry["msgid"])
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        assert compiled._catalog.get(msgid) == entry["msgstr"][0], msgid  # type: ignore[attr-defined,index]


@pytest.mark.parametrize(
    ("language", "sign_in"), [("nb", "Logg inn"), ("da", "Log ind"), ("sv", "Logga in")]
)
def test_pages_render_in_each_language(db, language, sign_in):
    response = Client().get("/accounts/login/", headers={"accept-language": language})
    assert f'<html lang="{language}">' in response.content.decode()
    assert sign_in in response.content.decode()


def test_model_choices_are_translated():
    from kollega.memberships.models import PlanKind

    with translation.override("nb"):
        assert str(PlanKind.FIXED_DESK.label) == "Fast plass"
