"""The staff catalogs (kiosk/locale): messages extracted from the code, merged into each
language's kiosk.po, compiled to the kiosk.mo the kiosk reads and the wheel carries.

    python tools/staff_catalogs.py           # after a staff message changed: then translate
                                             # the new, empty entries of pl, kk and ru, and run it again
    python tools/staff_catalogs.py --check   # exit 1, saying why, if any catalog is out of step

English is the source: its catalog is filled from the code itself. Entries keep file names,
not line numbers, so moving code does not rewrite the catalogs.
"""

from __future__ import annotations

import argparse
import copy
import io
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "kiosk" / "locale"
LANGUAGES = ("pl", "en", "kk", "ru")
PLACE = re.compile(r"\{(\w*)\}")
DATE_LINES = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.M)


def extracted() -> Catalog:
    """Every staff message in the code, as a template."""
    template = Catalog(project="pavilion-kiosk", domain="kiosk", charset="utf-8")
    found = extract_from_dir(
        ROOT / "kiosk",
        method_map=[("**.py", "python")],
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(f"kiosk/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def po_file(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "kiosk.po"


def merged(template: Catalog, language: str) -> Catalog:
    """`language`'s catalog brought up to the template: new messages empty, gone ones dropped."""
    path = po_file(language)
    if path.is_file():
        with path.open("rb") as f:
            catalog = read_po(f, locale=language, domain="kiosk")
    else:
        catalog = Catalog(locale=language, domain="kiosk", project="pavilion-kiosk", charset="utf-8")
    created = catalog.creation_date
    # A copy: the catalog takes the template's entries themselves, and English fills them in.
    # No fuzzy matching: a guess from a near message would mislead staff.
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
    if path.is_file():
        catalog.creation_date = created  # the same messages compile to the same .mo
    catalog.obsolete.clear()
    catalog.fuzzy = False
    catalog.version = "0.1"
    catalog.copyright_holder = "the pavilion kiosk's authors"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "the pavilion's staff team"
    catalog.language_team = f"{language} (staff screen and dashboard)"
    catalog.header_comment = (
        f"# The staff screen's and the dashboard's words in {language}.\n"
        "# Edit the msgstr lines; tools/staff_catalogs.py merges and compiles."
    )
    if language == "en":
        for message in catalog:
            if message.id:
                message.string = message.id
                message.flags.discard("fuzzy")
    return catalog


def rendered(catalog: Catalog) -> tuple[bytes, bytes]:
    po, mo = io.BytesIO(), io.BytesIO()
    write_po(po, catalog, width=100, include_lineno=False, sort_output=True)
    write_mo(mo, catalog)
    return po.getvalue(), mo.getvalue()


def problems(catalog: Catalog) -> list[str]:
    """Entries staff would see in English or that would fail when shown."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            found.append(f"{catalog.locale}: not translated: {ids[0]!r}")
            continue
        wanted = set(PLACE.findall(ids[-1]))
        for string in strings:
            if set(PLACE.findall(string)) != wanted:
                places = sorted(wanted)
                found.append(f"{catalog.locale}: {string!r} must keep the places {places} of {ids[0]!r}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of step")
    args = parser.parse_args(argv)
    template = extracted()
    stale, untranslated = [], []
    for language in LANGUAGES:
        catalog = merged(template, language)
        po, mo = rendered(catalog)
        untranslated += problems(catalog)
        po_path, mo_path = po_file(language), po_file(language).with_suffix(".mo")
        old_po = po_path.read_bytes() if po_path.is_file() else b""
        same_po = DATE_LINES.sub(b"", old_po) == DATE_LINES.sub(b"", po)
        same_mo = mo_path.is_file() and mo_path.read_bytes() == mo
        if same_po and same_mo:
            continue
        if args.check:
            stale.append(str(po_path.relative_to(ROOT)) if not same_po else str(mo_path.relative_to(ROOT)))
            continue
        po_path.parent.mkdir(parents=True, exist_ok=True)
        if not same_po:
            catalog.revision_date = datetime.now(timezone.utc)
            po, mo = rendered(catalog)
            po_path.write_bytes(po)
        mo_path.write_bytes(mo)
        print(f"updated {po_path.relative_to(ROOT)} and its .mo")
    for line in stale:
        print(f"out of step with the code: {line} (run python tools/staff_catalogs.py)", file=sys.stderr)
    for line in untranslated:
        print(line, file=sys.stderr)
    return 1 if stale or untranslated else 0


if __name__ == "__main__":
    sys.exit(main())
