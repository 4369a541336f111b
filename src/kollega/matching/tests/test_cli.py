"""`kollega match` and `kollega pair` run as commands on files, as an operator would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

MEMBERS = [
    {
        "id": "p001",
        "name": "Kari Nordmann",
        "company": "Fjord AS",
        "languages": ["nb"],
        "needs": ["hjelp med regnskap"],
        "offers": ["webdesign og nettsider"],
        "presence_days": ["mon", "thu"],
    },
    {
        "id": "p002",
        "name": "Mette Hansen",
        "company": "Regnskabshuset ApS",
        "languages": ["da"],
        "offers": ["regnskab og bogføring"],
        "needs": ["ny hjemmeside"],
        "presence_days": ["thu"],
    },
    {
        "id": "p003",
        "name": "Ingrid Berg",
        "company": "Svea AB",
        "languages": ["sv"],
        "offers": ["bokföring och bokslut"],
        "presence_days": ["mon"],
    },
    {
        "id": "p004",
        "name": "Ola Nordmann",
        "company": "fjord as",
        "languages": ["nb"],
        "offers": ["regnskap"],
        "presence_days": ["mon", "thu"],
    },
    {
        "id": "p005",
        "name": "John Smith",
        "company": "Acme Ltd",
        "languages": ["en"],
        "offers": ["wedding photography"],
        "needs": ["accounting"],
        "extra": {"ignored": True},
    },
    {
        "id": "p006",
        "name": "Away",
        "languages": ["en"],
        "offers": ["accounting"],
        "opted_out": True,
    },
]


def kollega(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "kollega.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    path = tmp_path / "profiles.json"
    path.write_text(json.dumps({"members": MEMBERS}, ensure_ascii=False), encoding="utf-8")
    return path


def test_match_writes_recommendations_best_first(profiles: Path, tmp_path: Path) -> None:
    output = tmp_path / "recs.json"
    done = kollega("match", "--input", str(profiles), "--top", "2", "--output", str(output))

    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    recommendations = json.loads(output.read_text(encoding="utf-8"))["recommendations"]
    assert set(recommendations) == {f"p00{i}" for i in range(1, 7)}
    kari = recommendations["p001"]
    assert [item["id"] for item in kari] in (["p002", "p003"], ["p003", "p002"])
    assert kari[0]["score"] >= kari[1]["score"]
    for items in recommendations.values():
        for item in items:
            assert set(item) == {"id", "score", "reasons"}
            assert 0 <= item["score"] <= 1 and round(item["score"], 3) == item["score"]
            assert 1 <= len(item["reasons"]) <= 3
    assert kari[0]["reasons"][0].endswith("som passer med behovet ditt «hjelp med regnskap»")
    assert "p004" not in [item["id"] for item in kari]  # same company
    assert recommendations["p006"] == []  # opted out
    assert all(item["id"] != "p006" for items in recommendations.values() for item in items)


def test_match_prints_to_stdout_without_output(profiles: Path) -> None:
    done = kollega("match", "--input", str(profiles), "--theme", "regnskap")

    assert done.returncode == 0, done.stderr
    assert "p001" in json.loads(done.stdout)["recommendations"]


def test_match_bad_input_names_the_record_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    members = [{"id": "p001"}, {"id": "p002"}, {"id": "p003"}, {"id": "p004", "offers": "x"}]
    bad.write_text(json.dumps({"members": members}), encoding="utf-8")
    output = tmp_path / "recs.json"

    done = kollega("match", "--input", str(bad), "--output", str(output))

    assert done.returncode == 2
    assert "members[3] (id p004): offers must be a list of strings" in done.stderr
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_match_invalid_json_and_usage_errors(tmp_path: Path, profiles: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"members": [', encoding="utf-8")
    output = tmp_path / "recs.json"
    output.write_text("earlier results", encoding="utf-8")

    done = kollega("match", "--input", str(broken), "--output", str(output))
    assert done.returncode == 2
    assert "invalid JSON at line 1" in done.stderr
    assert output.read_text(encoding="utf-8") == "earlier results"

    usage = kollega("match", "--input", str(profiles), "--top", "0", "--output", str(output))
    assert usage.returncode == 2
    assert "--top" in usage.stderr
    assert output.read_text(encoding="utf-8") == "earlier results"

    missing = kollega("match", "--output", str(output))
    assert missing.returncode == 2
    assert "--input" in missing.stderr


def test_pair_writes_pairs_and_unpaired(profiles: Path, tmp_path: Path) -> None:
    output = tmp_path / "pairs.json"
    done = kollega("pair", "--input", str(profiles), "--output", str(output))

    assert done.returncode == 0, done.stderr
    result = json.loads(output.read_text(encoding="utf-8"))
    assert set(result) == {"pairs", "unpaired"}
    paired = [member_id for pair in result["pairs"] for member_id in pair]
    assert all(len(pair) == 2 for pair in result["pairs"])
    # everyone who takes part is either paired or unpaired, once; the opted-out member neither
    assert sorted(paired + result["unpaired"]) == ["p001", "p002", "p003", "p004", "p005"]
    assert len(result["unpaired"]) == 1
    assert ["p001", "p004"] not in result["pairs"] and ["p004", "p001"] not in result["pairs"]


def test_pair_avoids_the_pairs_of_earlier_rounds(profiles: Path, tmp_path: Path) -> None:
    first = kollega("pair", "--input", str(profiles))
    assert first.returncode == 0, first.stderr
    earlier = json.loads(first.stdout)["pairs"]
    history = tmp_path / "history.json"
    history.write_text(json.dumps({"pairs": [*earlier, ["p001", "left-long-ago"]]}))

    second = kollega("pair", "--input", str(profiles), "--history", str(history))

    assert second.returncode == 0, second.stderr
    again = {frozenset(pair) for pair in json.loads(second.stdout)["pairs"]}
    assert again.isdisjoint({frozenset(pair) for pair in earlier})


def test_pair_bad_history_names_the_pair_and_writes_nothing(profiles: Path, tmp_path: Path) -> None:
    history = tmp_path / "history.json"
    history.write_text(json.dumps({"pairs": [["p001", "p002"], ["p003"]]}))
    output = tmp_path / "pairs.json"

    done = kollega(
        "pair", "--input", str(profiles), "--history", str(history), "--output", str(output)
    )

    assert done.returncode == 2
    assert "pairs[1] must be a list of two member ids" in done.stderr
    assert not output.exists()
