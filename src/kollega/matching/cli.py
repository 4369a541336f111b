"""`kollega match` and `kollega pair`: matchmaking on JSON files, without a database.

So a space can try Kollega on an export from another system::

    kollega match --input PROFILES.json [--top 10] [--output RECS.json] [--theme TEXT]
                  [--max-per-company N] [--periphery-boost B] [--include-introduced]
    kollega pair  --input PROFILES.json [--history HISTORY.json] [--output PAIRS.json]

The file shapes are described in `kollega.matching.engine.io`. Without --output the JSON
goes to stdout. Exit codes: 0 done; 2 bad input or usage (the message on stderr names the
file and the record, and no output file is written); 1 the output could not be written.

No Django import: the top-level `kollega` command dispatches here before setting Django up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kollega.matching.engine.io import (
    InputError,
    load_history,
    load_members,
    pairs_json,
    recommendations_json,
    write_json,
)
from kollega.matching.engine.types import MatchOptions

EXIT_OK, EXIT_WRITE, EXIT_INPUT = 0, 1, 2


def match_main(argv: Sequence[str]) -> int:
    """`kollega match`: the top suggestions, with reasons, for every member in a file."""
    parser = argparse.ArgumentParser(
        prog="kollega match",
        description="Suggest whom each member should meet, with reasons in their language.",
    )
    parser.add_argument("--input", required=True, metavar="PROFILES.json")
    parser.add_argument("--top", type=_positive, default=10, help="suggestions per member")
    parser.add_argument("--output", metavar="RECS.json", help="default: print to stdout")
    parser.add_argument("--theme", default="", help="the space's theme, e.g. 'climate tech'")
    parser.add_argument(
        "--max-per-company",
        type=_not_negative,
        default=MatchOptions.max_per_company,
        help="at most this many suggestions from one company in a list (0: no limit)",
    )
    parser.add_argument(
        "--periphery-boost",
        type=_share,
        default=0.0,
        help="0..1: lift members on the periphery (their 'periphery' field)",
    )
    parser.add_argument(
        "--include-introduced",
        action="store_true",
        help="also suggest pairs listed as already introduced",
    )
    parsed = _parse(parser, argv)
    if isinstance(parsed, int):
        return parsed
    from kollega.matching.engine.features import load_embedding_backend
    from kollega.matching.engine.scoring import cyclic_gc_paused, recommend

    options = MatchOptions(
        top=parsed.top,
        max_per_company=parsed.max_per_company,
        periphery_boost=parsed.periphery_boost,
        exclude_introduced=not parsed.include_introduced,
        theme=parsed.theme,
    )
    with cyclic_gc_paused():  # input and output too: many small objects, no cycles
        try:
            members = load_members(parsed.input)
            embedding = load_embedding_backend()
        except (InputError, ValueError) as error:  # ValueError: KOLLEGA_EMBEDDING_BACKEND
            return _fail("match", error, EXIT_INPUT)
        recommendations = recommend(
            members.profiles, options=options, constraints=members.constraints, embedding=embedding
        )
        return _write("match", recommendations_json(recommendations), parsed.output)


def pair_main(argv: Sequence[str]) -> int:
    """`kollega pair`: one round of one-to-one pairs for the members in a file."""
    parser = argparse.ArgumentParser(
        prog="kollega pair",
        description="Pair members one to one (never the same company; no repeats from "
        "the history), maximising the total match value.",
    )
    parser.add_argument("--input", required=True, metavar="PROFILES.json")
    parser.add_argument(
        "--history", metavar="HISTORY.json", help='earlier rounds: {"pairs": [["a", "b"], …]}'
    )
    parser.add_argument("--output", metavar="PAIRS.json", help="default: print to stdout")
    parser.add_argument("--theme", default="", help="the space's theme, e.g. 'climate tech'")
    parsed = _parse(parser, argv)
    if isinstance(parsed, int):
        return parsed
    from kollega.matching.engine.features import load_embedding_backend

    try:
        members = load_members(parsed.input)
        history = load_history(parsed.history) if parsed.history else []
        embedding = load_embedding_backend()
    except (InputError, ValueError) as error:  # ValueError: KOLLEGA_EMBEDDING_BACKEND
        return _fail("pair", error, EXIT_INPUT)
    from kollega.matching.engine.pairing import pair_round
    from kollega.matching.engine.scoring import pair_weights

    # members who opted out take no part at all: not paired, not listed as unpaired
    profiles = [profile for profile in members.profiles if not profile.opted_out]
    weights = pair_weights(
        profiles, constraints=members.constraints, theme=parsed.theme, embedding=embedding
    )
    result = pair_round(profiles, history=history, weights=weights)
    return _write("pair", pairs_json(result.pairs, result.unpaired), parsed.output)


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace | int:
    """Parsed arguments, or the exit code argparse chose (2 for a usage error, 0 for --help)."""
    try:
        return parser.parse_args(list(argv))
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_INPUT


def _write(command: str, data: object, output: str | None) -> int:
    try:
        write_json(data, output)
    except OSError as error:
        return _fail(command, f"cannot write {output}: {error.strerror or error}", EXIT_WRITE)
    return EXIT_OK


def _fail(command: str, error: object, code: int) -> int:
    print(f"kollega {command}: {error}", file=sys.stderr)
    return code


def _positive(value: str) -> int:
    number = _integer(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return number


def _not_negative(value: str) -> int:
    number = _integer(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return number


def _integer(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, not {value}")
    return number
