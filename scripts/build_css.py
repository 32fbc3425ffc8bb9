"""Build tusoi/static/css/tusoi.min.css: a Bootstrap 5.3.9 subset plus our rules, pruned to the
classes the project uses.

    python scripts/build_css.py          # write the CSS
    python scripts/build_css.py --check  # fail if the committed CSS is not what the sources give

1. libsass compiles assets/scss/tusoi.scss (the Bootstrap modules we use, our variables and rules).
2. Every rule whose selectors all name a class that appears nowhere in the project's templates,
   Python or JavaScript is dropped (a word-level scan: over-inclusive, so nothing used is lost).
   Vendored scripts are scanned only when a template loads them (they may add classes at run time).
3. Every custom property (`--bs-…`) that no kept rule reads through `var()`, and whose name appears
   in none of the project's files, is dropped from the rules that declare it.
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
VAR_RE = re.compile(r"var\((--[\w-]+)")
PROPERTY_RE = re.compile(r"--[a-zA-Z][\w-]*")


def _sources() -> list[Path]:
    """The project's own files, and the vendored scripts that some template loads."""
    files = [p for pattern in SCANNED for p in (ROOT / "tusoi").rglob(pattern) if "vendor" not in p.parts]
    templates = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in files if p.suffix == ".html")
    vendored = (ROOT / "tusoi" / "static" / "vendor").rglob("*.js")
    return files + [p for p in vendored if p.name in templates]


def used_words() -> set[str]:
    words: set[str] = set()
    for path in _sources():
        words.update(WORD_RE.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return words


def mentioned_properties() -> set[str]:
    """Custom property names written anywhere in the project (style attributes, scripts, other CSS)."""
    names: set[str] = set()
    own_css = [p for p in (ROOT / "tusoi").rglob("*.css") if "vendor" not in p.parts and p not in (TARGET, FULL)]
    for path in _sources() + own_css:
        names.update(PROPERTY_RE.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return names


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


def _rules(css: str) -> list[tuple[str, str]]:
    """(prelude, body) of each top-level block."""
    out: list[tuple[str, str]] = []
    i = 0
    while (brace := css.find("{", i)) >= 0:
        depth, j = 1, brace + 1
        while depth and j < len(css):
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        out.append((css[i:brace], css[brace + 1 : j - 1]))
        i = j
    return out


def _declarations(body: str) -> list[str]:
    """A rule's declarations, split on the semicolons outside strings and parentheses."""
    out: list[str] = []
    depth, quote, start = 0, "", 0
    for i, ch in enumerate(body):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == ";" and depth == 0:
            out.append(body[start:i])
            start = i + 1
    if body[start:].strip():
        out.append(body[start:])
    return out


def _is_group(prelude: str) -> bool:
    return prelude.lstrip().startswith(("@media", "@supports"))


def _all_declarations(css: str) -> list[str]:
    out: list[str] = []
    for prelude, body in _rules(css):
        if _is_group(prelude):
            out += _all_declarations(body)
        elif not prelude.lstrip().startswith("@"):
            out += _declarations(body)
    return out


def read_properties(css: str, mentioned: set[str]) -> set[str]:
    """Custom properties something reads: var() in ordinary declarations, then (to a fixed point)
    var() in the custom properties so read; plus every name mentioned in the project's files."""
    custom: dict[str, list[str]] = {}
    read = set(mentioned)
    for decl in _all_declarations(css):
        name, _, value = decl.partition(":")
        name = name.strip()
        if name.startswith("--"):
            custom.setdefault(name, []).append(value)
        else:
            read.update(VAR_RE.findall(value))
    todo = [name for name in read if name in custom]
    while todo:
        for value in custom.pop(todo.pop(), []):
            for name in VAR_RE.findall(value):
                if name not in read:
                    read.add(name)
                    todo.append(name)
    return read


def drop_properties(css: str, read: set[str]) -> str:
    """Remove the declarations of custom properties that nothing reads (and rules left empty)."""
    out: list[str] = []
    for prelude, body in _rules(css):
        if _is_group(prelude):
            inner = drop_properties(body, read)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.lstrip().startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [d for d in _declarations(body) if not d.strip().startswith("--") or d.split(":")[0].strip() in read]
            if kept:
                out.append(f"{prelude}{{{';'.join(kept)}}}")
    return "".join(out)


def build() -> tuple[str, str]:
    css = sass.compile(filename=str(SOURCE), output_style="compressed")
    pruned = prune(css, used_words())
    pruned = drop_properties(pruned, read_properties(pruned, mentioned_properties()))
    return HEADER + pruned + "\n", HEADER + css


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
