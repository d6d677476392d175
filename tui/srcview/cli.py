"""The ``srcview`` command: argument parsing and wiring, nothing else."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, rules_cli
from .errors import SrcviewError
from .textio import read_article, write_atomic


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="srcview",
        description="Show how each claim in a Dutch or English news article is sourced.",
    )
    parser.add_argument("article", metavar="ARTICLE", nargs="?", help="article text file, or - for stdin")
    parser.add_argument(
        "--format",
        choices=("json", "text"),
        help="json: the contract document; text: a short report (default: text)",
    )
    parser.add_argument(
        "--lang",
        choices=("auto", "nl", "en"),
        default="auto",
        help="language of the article (default: auto)",
    )
    parser.add_argument(
        "--rules",
        metavar="PATH",
        action="append",
        default=[],
        help="TOML rules file layered over the defaults; repeatable, later files win",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the output to FILE instead of stdout")
    rules = parser.add_argument_group("rules")
    rules.add_argument("--check-rules", metavar="PATH", nargs="+",
                       help="check rules files and print every problem as file:line:col: message")
    rules.add_argument("--show-rules", action="store_true",
                       help="print the effective rules and the file each value came from")
    rules.add_argument("--init-rules", metavar="DIR",
                       help="write a commented copy of the default rules to DIR to start from")
    rules.add_argument("--force", action="store_true", help="with --init-rules: overwrite existing files")
    parser.add_argument("--version", action="version", version=f"srcview {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.article is None and not (args.check_rules or args.show_rules or args.init_rules):
        parser.error("an ARTICLE is needed (or --check-rules, --show-rules, --init-rules)")
    try:
        if args.check_rules:
            return rules_cli.check(args.check_rules)
        if args.init_rules:
            return rules_cli.init(args.init_rules, force=args.force)
        if args.show_rules and args.article is None:
            return rules_cli.show(rule_files(args))
        return run(args)
    except SrcviewError as err:
        for line in getattr(err, "lines", None) or [str(err)]:
            print(f"srcview: {line}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `srcview … | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def run(args: argparse.Namespace) -> int:
    from .engine import Engine  # imported here so --help and --version stay fast
    from .rules import load_rules

    rules = load_rules(rule_files(args))
    text = read_article(args.article)
    name = "<stdin>" if args.article == "-" else args.article
    engine = Engine(rules)
    analysis = engine.analyze(text, lang=args.lang, file=name)

    if args.format is None and args.output is None and sys.stdout.isatty():
        return interactive(analysis, engine)
    if args.format == "json":
        from .export import to_json

        out = to_json(analysis) + "\n"
    else:
        from .report import text_report

        out = text_report(analysis, width=_width())
    if args.output:
        write_atomic(args.output, out)
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    return 0


def rule_files(args: argparse.Namespace) -> list[Path]:
    """The user's layers in order: config directory, current directory, then each --rules."""
    from .rules import user_rules_files

    return [*user_rules_files(), *(Path(p) for p in args.rules)]


def interactive(analysis, engine) -> int:
    """What a person at a terminal sees; the Textual app plugs in here."""
    from .report import text_report

    sys.stdout.write(text_report(analysis, width=_width()))
    return 0


def _width() -> int:
    return max(shutil.get_terminal_size((100, 24)).columns, 60)
