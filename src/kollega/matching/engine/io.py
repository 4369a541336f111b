"""Reading and validating the JSON files of `kollega match` / `kollega pair`, writing the outputs.

PROFILES (both commands)::

    {"members": [{"id": "p001", "name": "…", "company": "…", "site": "…",
                  "languages": ["nb"], "headline": "…", "bio": "…",
                  "offers": ["…"], "needs": ["…"], "interests": ["…"],
                  "presence_days": ["mon", "thu"],
                  "opted_out": false, "periphery": 0.3, "blocked": ["p017"],
                  "introduced": ["p020"]}]}

Only "id" is required; extra fields are ignored; a missing field (or null) means "nothing
said". The optional extras map to the engine's product-side signals: "opted_out" (bool),
"periphery" (0..1), "blocked" and "introduced" (lists of member ids; a pair is blocked or
introduced when either side lists the other).

HISTORY (`kollega pair --history`): ``{"pairs": [["p001", "p045"], …]}`` of earlier rounds.

Every problem raises `InputError` with a message naming the file and the record
("members[3] (id p004): offers must be a list of strings"); the commands print it and exit
non-zero without writing anything. Outputs are written atomically (temporary file in the
same folder, then rename), so a failed run never leaves a half-written file behind.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kollega.matching.engine.types import WEEKDAYS, Constraints, Profile, Suggestion

_TEXT_FIELDS = ("name", "company", "site", "headline", "bio")
_LIST_FIELDS = ("offers", "needs", "interests")
_LANGUAGE_ALIASES = {"no": "nb", "nn": "nb", "nob": "nb", "dan": "da", "swe": "sv", "eng": "en"}
_DAY_NAMES = {
    # English, Norwegian, Danish and Swedish day names (and their first three letters) → code
    **{day: day for day in WEEKDAYS},
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
    "mandag": "mon",
    "tirsdag": "tue",
    "onsdag": "wed",
    "torsdag": "thu",
    "fredag": "fri",
    "lørdag": "sat",
    "søndag": "sun",
    "måndag": "mon",
    "tisdag": "tue",
    "lördag": "sat",
    "söndag": "sun",
}


class InputError(ValueError):
    """A bad input file; the message names the file and the record."""


@dataclass
class MembersFile:
    """What a PROFILES file says: the members in file order and the pairs to keep apart."""

    profiles: list[Profile]
    constraints: Constraints = field(default_factory=Constraints)


def read_json(path: str | os.PathLike[str]) -> object:
    """Parse a JSON file; InputError with line and column if it is not valid JSON."""
    name = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read the file ({error.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{name}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None


def load_members(path: str | os.PathLike[str]) -> MembersFile:
    """Read and validate a PROFILES file."""
    return parse_members(read_json(path), source=os.fspath(path))


def load_history(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """Read and validate a HISTORY file of earlier pairing rounds."""
    return parse_history(read_json(path), source=os.fspath(path))


def parse_members(data: object, *, source: str = "input") -> MembersFile:
    """Validate the parsed JSON of a PROFILES file and build the engine's profiles."""
    if not isinstance(data, Mapping):
        raise InputError(
            f'{source}: expected a JSON object with a "members" list, got {_kind(data)}'
        )
    members = data.get("members")
    if not isinstance(members, list):
        what = "is missing" if members is None else f"must be a list, not {_kind(members)}"
        raise InputError(f'{source}: "members" {what}')
    profiles: list[Profile] = []
    first_position: dict[str, int] = {}
    blocked: set[frozenset[str]] = set()
    introduced: set[frozenset[str]] = set()
    for position, record in enumerate(members):
        where = f"{source}: members[{position}]"
        if not isinstance(record, Mapping):
            raise InputError(f"{where}: each member must be a JSON object, not {_kind(record)}")
        member_id = record.get("id")
        if member_id is None:
            raise InputError(f'{where}: missing "id"')
        if not isinstance(member_id, str) or not member_id.strip():
            raise InputError(f"{where}: id must be a non-empty string, not {member_id!r}")
        member_id = member_id.strip()
        where = f"{where} (id {member_id})"
        if member_id in first_position:
            raise InputError(
                f"{where}: duplicate id, already used by members[{first_position[member_id]}]"
            )
        first_position[member_id] = position
        profiles.append(_profile(record, member_id, where))
        for other in _string_list(record, "blocked", where):
            blocked.add(frozenset((member_id, other)))
        for other in _string_list(record, "introduced", where):
            introduced.add(frozenset((member_id, other)))
    return MembersFile(profiles, Constraints(blocked=blocked, introduced=introduced))


def parse_history(data: object, *, source: str = "history") -> list[tuple[str, str]]:
    """Validate the parsed JSON of a HISTORY file.

    Ids that are not in the current PROFILES file are fine: members leave, and the history
    of earlier rounds still names them; such pairs simply never come up again.
    """
    if not isinstance(data, Mapping):
        raise InputError(f'{source}: expected a JSON object with a "pairs" list, got {_kind(data)}')
    pairs = data.get("pairs")
    if not isinstance(pairs, list):
        what = "is missing" if pairs is None else f"must be a list, not {_kind(pairs)}"
        raise InputError(f'{source}: "pairs" {what}')
    history: list[tuple[str, str]] = []
    for position, pair in enumerate(pairs):
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(member_id, str) and member_id.strip() for member_id in pair)
        ):
            raise InputError(
                f"{source}: pairs[{position}] must be a list of two member ids, not {pair!r}"
            )
        first, second = pair[0].strip(), pair[1].strip()
        if first == second:
            raise InputError(f"{source}: pairs[{position}] pairs {first!r} with themself")
        history.append((first, second))
    return history


def recommendations_json(recommendations: Mapping[str, Sequence[Suggestion]]) -> dict[str, object]:
    """The `kollega match` output: best first, scores rounded to 3 decimals."""
    return {
        "recommendations": {
            member_id: [
                {"id": item.id, "score": round(item.score, 3), "reasons": list(item.reasons)}
                for item in suggestions
            ]
            for member_id, suggestions in recommendations.items()
        }
    }


def pairs_json(pairs: Sequence[tuple[str, str]], unpaired: Sequence[str]) -> dict[str, object]:
    """The `kollega pair` output."""
    return {"pairs": [[first, second] for first, second in pairs], "unpaired": list(unpaired)}


def json_text(data: object) -> str:
    """JSON with one record per line: readable, diff- and grep-friendly, and quick to write
    for 50,000 members (each member's list, each pair, on one line)."""
    return _lines(data, 0) + "\n"


def _lines(value: object, level: int) -> str:
    pad = "  " * (level + 1)
    if level < 2 and isinstance(value, Mapping) and value:
        items = [
            f"{pad}{json.dumps(key, ensure_ascii=False)}: {_lines(item, level + 1)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    if level == 1 and isinstance(value, list) and value:
        items = [pad + json.dumps(item, ensure_ascii=False) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + "  " * level + "]"
    return json.dumps(value, ensure_ascii=False)


def write_json(data: object, path: str | os.PathLike[str] | None) -> None:
    """Write JSON to `path` atomically (temporary file + rename), or to stdout when None."""
    text = json_text(data)
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _file_mode(target))  # mkstemp makes it private (0600)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """The mode a new file would get (umask applied), or the replaced file's mode."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _profile(record: Mapping[str, object], member_id: str, where: str) -> Profile:
    texts = {name: _text(record, name, where) for name in _TEXT_FIELDS}
    lists = {name: tuple(_string_list(record, name, where)) for name in _LIST_FIELDS}
    opted_out = record.get("opted_out", False)
    if opted_out is None:
        opted_out = False
    if not isinstance(opted_out, bool):
        raise InputError(f"{where}: opted_out must be true or false, not {opted_out!r}")
    periphery = record.get("periphery", 0.0)
    if periphery is None:
        periphery = 0.0
    if isinstance(periphery, bool) or not isinstance(periphery, int | float):
        raise InputError(f"{where}: periphery must be a number from 0 to 1, not {periphery!r}")
    if not 0.0 <= periphery <= 1.0:
        raise InputError(f"{where}: periphery must be from 0 to 1, not {periphery!r}")
    return Profile(
        id=member_id,
        name=texts["name"],
        company=texts["company"],
        site=texts["site"],
        languages=tuple(_language(code) for code in _string_list(record, "languages", where)),
        headline=texts["headline"],
        bio=texts["bio"],
        offers=lists["offers"],
        needs=lists["needs"],
        interests=lists["interests"],
        presence_days=_days(_string_list(record, "presence_days", where), where),
        opted_out=opted_out,
        periphery=float(periphery),
    )


def _text(record: Mapping[str, object], name: str, where: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: {name} must be a string, not {_kind(value)}")
    return value.strip()


def _string_list(record: Mapping[str, object], name: str, where: str) -> list[str]:
    value = record.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"{where}: {name} must be a list of strings")
    return [item.strip() for item in value if item.strip()]


def _language(code: str) -> str:
    code = code.lower().replace("_", "-").split("-")[0]
    return _LANGUAGE_ALIASES.get(code, code)


def _days(values: Sequence[str], where: str) -> tuple[str, ...]:
    days: list[str] = []
    for value in values:
        day = _DAY_NAMES.get(value.lower())
        if day is None:
            raise InputError(
                f"{where}: presence_days has an unknown day {value!r} (use {', '.join(WEEKDAYS)})"
            )
        if day not in days:
            days.append(day)
    return tuple(sorted(days, key=WEEKDAYS.index))


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)
