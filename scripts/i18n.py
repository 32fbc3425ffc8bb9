"""Keep the message catalogues complete: one catalogue per app, plus one for project-wide files.

    python scripts/i18n.py update   # extract strings into every .po (keeps translations)
    python scripts/i18n.py check    # update, then fail on any untranslated, fuzzy or conflicting entry; compile
    python scripts/i18n.py compile  # only compile the .po files into .mo (no gettext tools needed)

Each app keeps `tusoi/<app>/locale/vi/LC_MESSAGES/django.po`; templates and modules directly under
`tusoi/` (base.html, settings, policy) go to `tusoi/locale`. Separate files keep parallel work apart.

Django merges all of them into one table per language, so a message (same context, same msgid) translated
one way in one file and another way in another shows a single translation everywhere: `check` reports it.
Either translate it the same way in both, or give the less general use a context (`pgettext`,
`{% translate "..." context "..." %}`).
"""

import os
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tusoi.settings.dev")

import django
import polib
from django.core.management import call_command
from django.test.utils import override_settings

PACKAGE = ROOT / "tusoi"


def app_dirs() -> list[Path]:
    return sorted(
        p.parent.parent.parent.parent
        for p in PACKAGE.glob("*/locale/vi/LC_MESSAGES")
        if p.parent.parent.parent.parent != PACKAGE
    )


def update() -> None:
    common = {"locale": ["vi"], "no_location": True, "no_obsolete": True, "verbosity": 0}
    with override_settings(LOCALE_PATHS=[]):
        for app in app_dirs():
            os.chdir(app)
            call_command("makemessages", **common, ignore_patterns=["tests/*", "migrations/*"])
        os.chdir(PACKAGE)
        ignore = [f"{app.name}/*" for app in app_dirs()] + ["static/*"]
        call_command("makemessages", **common, ignore_patterns=ignore)
    os.chdir(ROOT)


def catalogues() -> list[Path]:
    return sorted(PACKAGE.glob("**/locale/vi/LC_MESSAGES/django.po"))


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def conflicts(po_paths: Iterable[Path]) -> list[str]:
    """Messages that two catalogues translate differently; each is compared with its first catalogue.

    The key is what gettext looks up: context and msgid, singular and plural forms apart (a plural entry is
    found by its msgid and the form's index, so two plurals with the same msgid also collide).
    """
    first: dict[tuple[str | None, str, bool], tuple[Path, object]] = {}
    found = []
    for po_path in po_paths:
        for entry in polib.pofile(str(po_path)).translated_entries():
            key = (entry.msgctxt, entry.msgid, bool(entry.msgid_plural))
            if entry.msgid_plural:
                translation: object = (
                    entry.msgid_plural,
                    [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)],
                )
            else:
                translation = entry.msgstr
            if key not in first:
                first[key] = (po_path, translation)
                continue
            other_path, other = first[key]
            if translation != other:
                context = f"context {entry.msgctxt!r}, " if entry.msgctxt is not None else ""
                found.append(
                    f"conflict: {context}{entry.msgid!r}: {shown(other_path)} -> {other!r}, "
                    f"{shown(po_path)} -> {translation!r}"
                )
    return found


def problems() -> list[str]:
    found = []
    for po_path in catalogues():
        po = polib.pofile(str(po_path))
        for entry in po.untranslated_entries():
            found.append(f"{shown(po_path)}: untranslated: {entry.msgid!r}")
        for entry in po.fuzzy_entries():
            found.append(f"{shown(po_path)}: fuzzy: {entry.msgid!r} -> {entry.msgstr!r}")
    return found + conflicts(catalogues())


def compile_all() -> None:
    for po_path in catalogues():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def main() -> int:
    django.setup()
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command != "compile":
        update()
    if command == "check":
        issues = problems()
        if issues:
            print("Message catalogue incomplete:", *issues, sep="\n  ")
            return 1
        print("Message catalogues complete.")
    compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
