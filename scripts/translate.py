"""Fill Vietnamese translations into a .po file from a JSON object {msgid: msgstr}.

    python scripts/translate.py tusoi/org/locale/vi/LC_MESSAGES/django.po translations.json

Only entries whose msgid is in the JSON are touched; a fuzzy flag on them is cleared.
"""

import json
import sys

import polib


def main() -> int:
    po_path, json_path = sys.argv[1], sys.argv[2]
    with open(json_path, encoding="utf-8") as handle:
        table = json.load(handle)
    po = polib.pofile(po_path)
    po.metadata.setdefault("Language", "vi")
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    changed = 0
    for entry in po:
        if entry.msgid in table:
            value = table[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            changed += 1
    po.save()
    missing = [e.msgid for e in po.untranslated_entries()]
    print(f"{changed} entries set; {len(missing)} still untranslated")
    for msgid in missing:
        print("  ", json.dumps(msgid, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
