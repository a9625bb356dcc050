"""The ``mpo`` command: one entry point for every job of the observatory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mpo.config import MpoHome

DEFAULT_YEARS = "2023-24,2024-25,2025-26"


def _init(args: argparse.Namespace) -> int:
    home = MpoHome.from_env().init()
    print(f"MPO_HOME ready at {home.root}")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from mpo.sector.generate import deliver_late_arrivals, generate_sector

    home = MpoHome.from_env().init()
    if args.deliver_late:
        names = deliver_late_arrivals(home)
        print(f"Delivered {len(names)} late-arriving files into {home.landing}")
        return 0
    try:
        summary = generate_sector(
            home,
            providers=args.providers,
            years=[year.strip() for year in args.years.split(",") if year.strip()],
            seed=args.seed,
            faulty_share=args.faulty_share,
            progress=not args.quiet,
            include_oversize=args.oversize,
        )
    except ValueError as error:  # years or sizes that cannot make a sector: say which and why
        print(f"mpo generate: {error}", file=sys.stderr)
        return 2
    print(summary.describe())
    return 0


def _process(args: argparse.Namespace) -> int:
    from pipelines.run import process_landing

    outcome = process_landing(MpoHome.from_env().init())
    print(outcome.describe())
    return 0 if outcome.ok else 1


def _rebuild(args: argparse.Namespace) -> int:
    from mpo.rebuild import rebuild

    print(rebuild(MpoHome.from_env().init()).describe())
    return 0


def _demo(args: argparse.Namespace) -> int:
    from mpo.demo import run_demo

    return run_demo(MpoHome.from_env(), providers=args.providers, serve=not args.no_serve)


def _dashboard(args: argparse.Namespace) -> int:
    from dashboards.launch import serve_dashboard

    return serve_dashboard(MpoHome.from_env(), audience=args.audience, port=args.port)


def _dictionary(args: argparse.Namespace) -> int:
    from mpo.warehouse.dictionary import render_dictionary
    from pipelines.resources import dbt_project

    args.output.write_text(render_dictionary(dbt_project().manifest_path), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mpo.bench.runner import UnknownMeasure, run_bench, summary

    try:
        report = run_bench(quick=args.quick, output=Path(args.output), only=args.only, keep=args.keep)
    except UnknownMeasure as error:
        print(f"mpo bench: {error}", file=sys.stderr)
        return 2
    print(summary(report))
    print(f"Figures written to {args.output}")
    return 1 if any(measure.get("error") for measure in report["measures"].values()) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mpo",
        description="Mentoring Provision Observatory: collect, validate and publish FE providers' "
        "Mentoring Provision Returns. Data lives under $MPO_HOME (default: ./mpo_home).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="create the MPO_HOME folders")
    init.set_defaults(handler=_init)

    generate = commands.add_parser(
        "generate", help="write a synthetic sector (reference data and returns) into MPO_HOME",
        description="Write reference data into MPO_HOME/reference and one return per provider-year "
        "into MPO_HOME/landing (a mix of .xlsx and .zip, with faulty returns, resubmissions, "
        "duplicates and out-of-order files), calibrated to the published figures of docs/brief.md.",
    )
    generate.add_argument("--providers", type=int, default=1500,
                          help="providers in the sector (default 1500)")
    generate.add_argument("--years", default=DEFAULT_YEARS,
                          help=f"collection years (default {DEFAULT_YEARS})")
    generate.add_argument("--seed", type=int, default=2026, help="random seed: same seed, same sector")
    generate.add_argument("--faulty-share", type=float, default=0.1,
                          help="share of returns with at least one ERROR (default 0.1)")
    generate.add_argument("--quiet", action="store_true", help="no progress output")
    generate.add_argument("--oversize", action="store_true",
                          help="also write one return over 20 MB (rule FILE03)")
    generate.add_argument("--deliver-late", action="store_true",
                          help="only move the late-arriving files of the last generate (out-of-order and "
                          "re-sent returns, kept in MPO_HOME/sector/late) into landing, for a second batch")
    generate.set_defaults(handler=_generate)

    process = commands.add_parser(
        "process", help="process whatever is in MPO_HOME/landing once, publish, and exit",
        description="Archive, validate and load every new file in MPO_HOME/landing, write a report per "
        "submission, rebuild and publish the warehouse. Exits 0 even when returns are rejected; "
        "non-zero only when the system itself fails.",
    )
    process.set_defaults(handler=_process)

    rebuild = commands.add_parser(
        "rebuild", help="rebuild the collection store and the warehouse from the archive and its journal",
        description="Move the collection store aside (kept under MPO_HOME/state/replaced), replay every "
        "archived file in receipt order, batch by batch as the receipts journal records, into a new "
        "store, then build and publish the warehouse. Reproduces the published warehouse exactly.",
    )
    rebuild.set_defaults(handler=_rebuild)

    demo = commands.add_parser("demo", help="generate a sector, process it and open the dashboard")
    demo.add_argument("--providers", type=int, default=1500, help="providers in the sector (default 1500)")
    demo.add_argument("--no-serve", action="store_true", help="stop after publishing; do not serve")
    demo.set_defaults(handler=_demo)

    dictionary = commands.add_parser(
        "dictionary", help="write the data dictionary of the published tables (docs/data-dictionary.md)"
    )
    dictionary.add_argument("--output", type=Path, default=Path("docs/data-dictionary.md"))
    dictionary.set_defaults(handler=_dictionary)

    dashboard = commands.add_parser("dashboard", help="serve the Streamlit dashboards")
    dashboard.add_argument("--audience", default="national",
                           help="national, partnership:<code> or public (default national)")
    dashboard.add_argument("--port", type=int, default=8501)
    dashboard.set_defaults(handler=_dashboard)

    bench = commands.add_parser(
        "bench", help="measure the pipeline against its performance targets",
        description="Generate sectors in a temporary data root, run the real pipeline on them, print a "
        "table of figures against targets and write them with the machine's facts to a JSON file. "
        "Measures: parse_floor, throughput, full_sector, new_return, scaling, dashboard, baseline.",
    )
    bench.add_argument("--quick", action="store_true",
                       help="small sizes, no 10x and no daemon: about a minute or two")
    bench.add_argument("--output", default="bench.json",
                       help="where to write the figures (default bench.json)")
    bench.add_argument("--only", help="comma-separated measures to run (default: all)")
    bench.add_argument("--keep", action="store_true", help="keep the temporary work folder for inspection")
    bench.set_defaults(handler=_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
