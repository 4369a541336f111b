"""Reading the JSON files of `kollega match` / `kollega pair`: every problem names the record."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from kollega.matching.engine.io import (
    InputError,
    load_history,
    load_members,
    parse_history,
    parse_members,
    recommendations_json,
    write_json,
)
from kollega.matching.engine.types import Suggestion


def write(tmp_path: Path, data: object, name: str = "profiles.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_a_full_member_record_is_read() -> None:
    members = parse_members(
        {
            "exported_by": "another system",  # extra fields are ignored
            "members": [
                {
                    "id": " p001 ",
                    "name": "Kari Nordmann",
                    "company": "Fjord AS",
                    "site": "Oslo",
                    "languages": ["nb-NO", "EN"],
                    "headline": "Gründer",
                    "bio": None,
                    "offers": ["webdesign", "  "],
                    "needs": ["hjelp med regnskap"],
                    "interests": ["sykling"],
                    "presence_days": ["Thursday", "mon", "mandag"],
                    "opted_out": False,
                    "periphery": 0.25,
                    "blocked": ["p002"],
                    "introduced": ["p003"],
                    "favourite_colour": "green",
                },
                {"id": "p002"},
            ],
        }
    )
    kari, minimal = members.profiles
    assert kari.id == "p001" and kari.language == "nb"
    assert kari.languages == ("nb", "en")
    assert kari.bio == "" and kari.offers == ("webdesign",)
    assert kari.presence_days == ("mon", "thu")
    assert kari.periphery == 0.25
    assert minimal.name == "" and minimal.offers == () and minimal.language == "en"
    assert members.constraints.blocked == {frozenset({"p001", "p002"})}
    assert members.constraints.introduced == {frozenset({"p001", "p003"})}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], 'expected a JSON object with a "members" list, got a list'),
        ({}, '"members" is missing'),
        ({"members": {"p001": {}}}, '"members" must be a list, not an object'),
        ({"members": ["p001"]}, "members[0]: each member must be a JSON object, not a string"),
        ({"members": [{"id": "p001"}, {"name": "Kari"}]}, 'members[1]: missing "id"'),
        ({"members": [{"id": 7}]}, "members[0]: id must be a non-empty string, not 7"),
        ({"members": [{"id": " "}]}, "members[0]: id must be a non-empty string"),
        (
            {"members": [{"id": "p001"}, {"id": "p002"}, {"id": "p001"}]},
            "members[2] (id p001): duplicate id, already used by members[0]",
        ),
        (
            {"members": [{"id": f"p00{i}"} for i in range(3)] + [{"id": "p004", "offers": "x"}]},
            "members[3] (id p004): offers must be a list of strings",
        ),
        (
            {"members": [{"id": "p001", "needs": ["ok", 3]}]},
            "members[0] (id p001): needs must be a list of strings",
        ),
        (
            {"members": [{"id": "p001", "name": ["Kari"]}]},
            "members[0] (id p001): name must be a string, not a list",
        ),
        (
            {"members": [{"id": "p001", "languages": "nb"}]},
            "members[0] (id p001): languages must be a list of strings",
        ),
        (
            {"members": [{"id": "p001", "presence_days": ["funday"]}]},
            "members[0] (id p001): presence_days has an unknown day 'funday'",
        ),
        (
            {"members": [{"id": "p001", "opted_out": "yes"}]},
            "members[0] (id p001): opted_out must be true or false, not 'yes'",
        ),
        (
            {"members": [{"id": "p001", "periphery": 2}]},
            "members[0] (id p001): periphery must be from 0 to 1, not 2",
        ),
        (
            {"members": [{"id": "p001", "periphery": "high"}]},
            "members[0] (id p001): periphery must be a number from 0 to 1",
        ),
        (
            {"members": [{"id": "p001", "blocked": "p002"}]},
            "members[0] (id p001): blocked must be a list of strings",
        ),
    ],
)
def test_bad_members_file_names_the_record(tmp_path: Path, data: object, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError) as raised:
        load_members(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)


def test_invalid_json_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{"members": [\n  {"id": "p001"},\n  {"id": "p002",}\n]}')
    with pytest.raises(InputError, match=r"invalid JSON at line 3, column 17"):
        load_members(path)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_members(tmp_path / "nowhere.json")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"members": [{"id": "Bjørn"}]}'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_members(latin)


def test_history_is_read_and_may_name_members_who_left(tmp_path: Path) -> None:
    # Ids in the history need not be in the current PROFILES file: members leave.
    path = write(tmp_path, {"pairs": [["p001", "p045"], [" p002", "gone"]]}, "history.json")
    assert load_history(path) == [("p001", "p045"), ("p002", "gone")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([["p001", "p002"]], 'expected a JSON object with a "pairs" list, got a list'),
        ({"rounds": []}, '"pairs" is missing'),
        ({"pairs": "p001,p002"}, '"pairs" must be a list, not a string'),
        ({"pairs": [["p001", "p002"], ["p003"]]}, "pairs[1] must be a list of two member ids"),
        ({"pairs": [["p001", 2]]}, "pairs[0] must be a list of two member ids"),
        ({"pairs": [["p001", "p001"]]}, "pairs[0] pairs 'p001' with themself"),
    ],
)
def test_bad_history_names_the_pair(data: object, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_history(data, source="history.json")
    assert str(raised.value).startswith("history.json: ")
    assert message in str(raised.value)


def test_outputs_are_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "recs.json"
    data = recommendations_json(
        {"p001": [Suggestion(id="p045", score=0.91234, reasons=("Ingrid tilbyr «x»",))]}
    )
    write_json(data, target)
    assert json.loads(target.read_text(encoding="utf-8")) == {
        "recommendations": {
            "p001": [{"id": "p045", "score": 0.912, "reasons": ["Ingrid tilbyr «x»"]}]
        }
    }
    assert '\n    "p001": [{"id": "p045", ' in target.read_text(encoding="utf-8")  # a line each
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not the temp file's 0600

    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_json({"not json": object()}, target)
    assert target.read_text(encoding="utf-8") == "old"  # untouched ...
    assert [path.name for path in tmp_path.iterdir()] == ["recs.json"]  # ... and no leftovers

    with pytest.raises(OSError):
        write_json(data, tmp_path / "missing-folder" / "recs.json")
    assert [path.name for path in tmp_path.iterdir()] == ["recs.json"]


def test_without_an_output_file_json_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write_json({"pairs": [["p001", "p002"]], "unpaired": ["p003"]}, None)
    assert json.loads(capsys.readouterr().out) == {
        "pairs": [["p001", "p002"]],
        "unpaired": ["p003"],
    }
