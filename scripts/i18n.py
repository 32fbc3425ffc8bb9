"""Keep the message catalogues complete: one catalogue per app, plus one for project-wide files.

    python scripts/i18n.py update   # extract strings into every .po (keeps translations)
    python scripts/i18n.py check    # update, then fail on any untranslated or fuzzy entry; compile
    python scripts/i18n.py compile  # only compile the .po files into .mo (no gettext tools needed)

Each app keeps `tusoi/<app>/locale/vi/LC_MESSAGES/django.po`; templates and modules directly under
`tusoi/` (base.html, settings, policy) go to `tusoi/locale`. Separate files keep parallel work apart.
"""

import os
import sys
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


def problems() -> list[str]:
    found = []
    for po_path in sorted(PACKAGE.glob("**/locale/vi/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        for entry in po.untranslated_entries():
            found.append(f"{po_path.relative_to(ROOT)}: untranslated: {entry.msgid!r}")
        for entry in po.fuzzy_entries():
            found.append(f"{po_path.relative_to(ROOT)}: fuzzy: {entry.msgid!r} -> {entry.msgstr!r}")
    return found


def compile_all() -> None:
    for po_path in PACKAGE.glob("**/locale/vi/LC_MESSAGES/django.po"):
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
