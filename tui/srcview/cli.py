"""The ``srcview`` command: argument parsing and wiring, nothing else."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cleaning import clean
from .errors import SrcviewError
from .formats import FORMAT_HELP, FORMATS
from .textio import MAX_BYTES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="srcview",
        description="Show how each claim in a Dutch or English news article is sourced.",
        epilog="With one article at a terminal, srcview opens the interactive view; with two or more, "
               "--format json or md compares them.",
    )
    parser.add_argument("articles", metavar="ARTICLE", nargs="*",
                        help="article files (.txt, .html, .md), folders to walk, or - for stdin")
    parser.add_argument("--format", choices=FORMATS,
                        help="; ".join(f"{name}: {what}" for name, what in FORMAT_HELP.items()))
    parser.add_argument("--lang", default="auto", metavar="CODE",
                        help="language of the articles: auto (default), or a code with rules (nl, en, …)")
    parser.add_argument("--rules", metavar="PATH", action="append", default=[],
                        help="TOML rules file layered over the defaults; repeatable, later files win")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the output to FILE (atomically)")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                        help="processes for many files (0: every core; default 1)")
    parser.add_argument("--outlet", metavar="NAME|DOMAIN",
                        help="the outlet that published the articles (a registry name or a web domain); "
                             "by default taken from a saved page or a dateline")
    parser.add_argument("--max-size", type=int, default=MAX_BYTES, metavar="BYTES",
                        help=f"refuse articles larger than this (default {MAX_BYTES:,})")
    gates = parser.add_argument_group("gates (exit status 1 when an article falls short)")
    gates.add_argument("--fail-under", type=float, metavar="SCORE",
                       help="fail when an article's mean claim score is under SCORE")
    gates.add_argument("--max-anonymous", type=int, metavar="N",
                       help="fail when an article has more than N anonymous claims")
    rules = parser.add_argument_group("rules")
    rules.add_argument("--check-rules", metavar="PATH", nargs="+",
                       help="check rules files and print every problem as file:line:col: message")
    rules.add_argument("--show-rules", action="store_true",
                       help="print the effective rules and the file each value came from")
    rules.add_argument("--init-rules", metavar="DIR",
                       help="write a commented copy of the default rules to DIR to start from")
    rules.add_argument("--force", action="store_true", help="with --init-rules: overwrite existing files")
    evaluation = parser.add_argument_group("evaluation against articles labelled by hand")
    evaluation.add_argument("--eval", metavar="GOLD_DIR", action="append", default=[],
                            help="score srcview (with your --rules and --lang) on a folder of NAME.txt beside "
                                 "NAME.gold.jsonl; prints text or --format json; repeatable")
    evaluation.add_argument("--show-errors", action="store_true",
                            help="with --eval: list every sentence with a wrong label, source or resolution")
    parser.add_argument("--version", action="version", version=f"srcview {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.articles and not (args.check_rules or args.show_rules or args.init_rules or args.eval):
        parser.error("an ARTICLE is needed (or --check-rules, --show-rules, --init-rules, --eval)")
    check_eval(parser, args)
    if args.max_size <= 0:
        parser.error("--max-size must be a positive number of bytes")
    try:
        if args.check_rules or args.init_rules or args.show_rules:
            from . import rules_cli
        if args.check_rules:
            return rules_cli.check(args.check_rules)
        if args.init_rules:
            return rules_cli.init(args.init_rules, force=args.force)
        if args.show_rules:
            return rules_cli.show(rule_files(args))
        if args.eval:
            from .eval_report import run as run_eval

            return run_eval(args.eval, args.format or "text", rule_files(args), args.lang, args.output,
                            show_errors=args.show_errors, max_bytes=args.max_size, outlet=args.outlet)
        return run(args)
    except SrcviewError as err:
        for line in getattr(err, "lines", None) or [str(err)]:
            print(f"srcview: {clean(line)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `srcview … | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def check_eval(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """--eval takes folders, not articles, and prints text or json."""
    if args.show_errors and not args.eval:
        parser.error("--show-errors goes with --eval GOLD_DIR")
    if args.eval and args.articles:
        parser.error("--eval scores the articles in GOLD_DIR: give no ARTICLE")
    if args.eval and args.format not in (None, "text", "json"):
        parser.error("--eval prints --format text or json")
    if args.eval and (args.jobs != 1 or args.fail_under is not None or args.max_anonymous is not None):
        parser.error("--eval runs one engine in this process and has no gates: drop --jobs, --fail-under, "
                     "--max-anonymous")


def run(args: argparse.Namespace) -> int:
    from . import commands

    files = commands.expand(args.articles)
    gated = args.fail_under is not None or args.max_anonymous is not None
    if args.format is None and args.output is None and not gated and sys.stdout.isatty() and sys.stdin.isatty():
        return interactive(args, files)
    fmt = args.format or "text"
    if len(files) > 1 and fmt in ("json", "md") and not gated:
        return commands.compare_files(files, fmt, rule_files(args), args.lang, args.output, args.max_size,
                                      outlet=args.outlet)
    return commands.analyse_files(files, fmt, rule_files(args), args.lang, args.output, jobs=args.jobs,
                                  max_bytes=args.max_size, fail_under=args.fail_under,
                                  max_anonymous=args.max_anonymous, outlet=args.outlet)


def rule_files(args: argparse.Namespace) -> list[Path]:
    """The user's layers in order: config directory, current directory, then each --rules."""
    from .rules import user_rules_files

    return [*user_rules_files(), *(Path(p) for p in args.rules)]


def interactive(args: argparse.Namespace, files: list[str]) -> int:
    """What a person at a terminal sees: the app for one article, a comparison for several."""
    from . import commands
    from .errors import InputError

    if "-" in files:  # standard input is this terminal: nothing was piped in, reading it would wait forever
        raise InputError("standard input is the terminal: pipe the article in, e.g. srcview - < article.txt "
                         "(a report is printed; name the file instead to open the app)")
    rules = [str(p) for p in rule_files(args)]
    if len(files) == 1 and files[0] != "-":
        from .app import run_app

        return run_app(files[0], lang=args.lang, rules_paths=rules, outlet=args.outlet)
    if len(files) > 1 and "-" not in files:
        from .app import run_compare

        return run_compare(files, lang=args.lang, rules_paths=rules, max_bytes=args.max_size, outlet=args.outlet)
    if len(files) > 1:
        return commands.compare_files(files, "md", rule_files(args), args.lang, None, args.max_size,
                                      outlet=args.outlet)
    return commands.analyse_files(files, "text", rule_files(args), args.lang, None, max_bytes=args.max_size,
                                  outlet=args.outlet)
