"""Build tusoi/static/css/tusoi.min.css: a Bootstrap 5.3.9 subset plus our rules, pruned to the
classes the project uses.

    python scripts/build_css.py          # write the CSS
    python scripts/build_css.py --check  # fail if the committed CSS is not what the sources give

1. libsass compiles assets/scss/tusoi.scss (the Bootstrap modules we use, our variables and rules).
2. Every rule whose selectors all name a class that appears nowhere in the project's templates,
   Python or JavaScript is dropped (a word-level scan: over-inclusive, so nothing used is lost).
The output is committed, so running the product needs no compiler; libsass is a dev dependency.
`make checks` runs --check, so a template that starts using a new class forces a rebuild.
"""

import re
import sys
from pathlib import Path

import sass

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "assets" / "scss" / "tusoi.scss"
TARGET = ROOT / "tusoi" / "static" / "css" / "tusoi.min.css"
# Unpruned, for development (settings.dev): a class a new template uses shows before the rebuild.
FULL = ROOT / "tusoi" / "static" / "css" / "tusoi.full.css"
HEADER = "/*! tusoi — built by scripts/build_css.py from assets/scss; Bootstrap v5.3.9 (MIT) subset */\n"
SCANNED = ("*.html", "*.py", "*.js", "*.txt")
CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
WORD_RE = re.compile(r"[_a-zA-Z][_a-zA-Z0-9-]*")


def used_words() -> set[str]:
    words: set[str] = set()
    for pattern in SCANNED:
        for path in (ROOT / "tusoi").rglob(pattern):
            if "vendor" in path.parts and path.suffix == ".js" and "bootstrap" not in path.name:
                continue
            words.update(WORD_RE.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return words


def _selector_used(selector: str, words: set[str]) -> bool:
    return all(name in words for name in CLASS_RE.findall(selector.replace("\\:", "")))


def prune(css: str, words: set[str]) -> str:
    """Drop rules (also inside @media) whose every selector names an unused class."""
    out: list[str] = []
    i = 0
    while i < len(css):
        brace = css.find("{", i)
        if brace < 0:
            out.append(css[i:])
            break
        prelude = css[i:brace]
        depth, j = 1, brace + 1
        while depth and j < len(css):
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        body = css[brace + 1 : j - 1]
        if prelude.lstrip().startswith("@media") or prelude.lstrip().startswith("@supports"):
            inner = prune(body, words)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.lstrip().startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s for s in prelude.split(",") if _selector_used(s, words)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
        i = j
    return "".join(out)


def build() -> tuple[str, str]:
    css = sass.compile(filename=str(SOURCE), output_style="compressed")
    return HEADER + prune(css, used_words()) + "\n", HEADER + css


def main() -> int:
    css, full = build()
    if "--check" in sys.argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != css:
            print(f"{TARGET.relative_to(ROOT)} is stale: run python scripts/build_css.py")
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date ({len(css):,} bytes).")
        return 0
    TARGET.write_text(css, encoding="utf-8")
    FULL.write_text(full, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(css):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
