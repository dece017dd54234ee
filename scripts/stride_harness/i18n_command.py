"""``scripts/i18n ADDON...``: export each addon's ``i18n/<addon>.pot`` from a throwaway database where it is
installed (Odoo's own exporter, ``odoo i18n export``), then bring its .po files up to date the way msgmerge does,
with polib (what Odoo itself reads and writes .po files with, so the files keep Odoo's line wrapping). Messages new
in the .pot land in every .po with an empty msgstr, for a translator; ``scripts/test`` fails until they are
translated. A missing language file is created from the .pot.
"""

import argparse
import contextlib
import os
import shutil
import sys
from pathlib import Path

from .addons import discover, external_dependencies, project_closure
from .odoo_env import HOW_TO_GET_ODOO, find_odoo
from .odoo_tests import make_run, progress_printer
from .postgres import PostgresError, server_for_a_run
from .processes import Interrupted, run_child, stopping_on_signals
from .translations import LANGUAGES, check_translations

ROOT = Path(__file__).resolve().parents[2]


def merge_catalogues(i18n: Path, addon: str, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """Update (or create) ``<language>.po`` from ``<addon>.pot`` in the folder ``i18n``; what was done, per file.

    Like ``msgmerge --no-fuzzy-matching``: translations of unchanged messages are kept, new messages come empty (a
    guessed translation would pass for a real one), messages gone from the .pot become obsolete (``#~``).
    """
    import polib  # noqa: PLC0415 -- an Odoo requirement: present wherever the export could run

    pot = polib.pofile(str(i18n / f"{addon}.pot"))
    done = []
    for language in languages:
        path = i18n / f"{language}.po"
        if path.exists():
            catalogue = polib.pofile(str(path))
            catalogue.merge(pot)
            what = "merged"
        else:
            catalogue = polib.pofile(str(i18n / f"{addon}.pot"))
            catalogue.metadata["Language"] = language
            what = "created"
        catalogue.save(str(path))
        done.append(f"{addon}/{path.name}: {what}")
    return done


def main(argv: list[str] | None = None) -> int:
    with stopping_on_signals():
        try:
            return _main(argv)
        except Interrupted as stop:
            print(f"\n!!! scripts/i18n stopped by {stop}.", file=sys.stderr, flush=True)
            return stop.exit_code


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/i18n", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("addons", nargs="+", metavar="ADDON")
    parser.add_argument("--without-demo", action="store_true",
                        help="export from a database without demo data (demo records' texts left out)")
    parser.add_argument("--no-merge", action="store_true", help="only export the .pot files")
    args = parser.parse_args(argv)

    addons = discover(ROOT / "addons")
    depends = {name: addon.depends for name, addon in addons.items()}
    unknown = sorted(set(args.addons) - set(addons))
    if unknown:
        parser.error(f"unknown addon(s): {', '.join(unknown)}; known: {', '.join(addons)}")
    odoo, why_not = find_odoo()
    if odoo is None:
        print(f"Odoo 19 was not found: {why_not}\n\n{HOW_TO_GET_ODOO}", file=sys.stderr)
        return 2

    log_dir = ROOT / ".cache" / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as cleanup:
        try:
            server = server_for_a_run(cleanup)
        except PostgresError as error:
            print(f"PostgreSQL could not be started: {error}", file=sys.stderr)
            return 2
        run = make_run(odoo, server, ROOT / "addons", not args.without_demo, log_dir)
        cleanup.callback(shutil.rmtree, run.data_dir, ignore_errors=True)
        database = f"stride_i18n_{os.getpid()}"
        cleanup.callback(run.drop, database)
        closure = project_closure(args.addons, depends)
        print(f"Installing {', '.join(closure)} in a throwaway database...", flush=True)
        try:
            config = run.install(database, closure, external_dependencies(closure, depends), progress_printer(False))
        except (RuntimeError, PostgresError) as error:
            print(f"!!! {error}", file=sys.stderr)
            return 1
        if run_child([*odoo.command(), "i18n", "export", "-c", str(config), "-d", database, *args.addons]) != 0:
            print("!!! Odoo's exporter failed: see above.", file=sys.stderr)
            return 1

    for name in args.addons:
        print(f"{name}: i18n/{name}.pot exported", flush=True)
        if not args.no_merge:
            for line in merge_catalogues(addons[name].path / "i18n", name):
                print(line)
        for problem in check_translations(addons[name]):
            print(f"  to translate: {problem}")
    return 0
