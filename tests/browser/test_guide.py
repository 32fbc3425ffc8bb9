"""The user guide (docs/huong-dan) shows only pictures that exist: the browser tests take them, and a
renamed or dropped picture must not leave a broken image in the guide."""

import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "huong-dan"


def test_every_picture_in_the_guide_exists():
    pages = sorted(GUIDE.glob("*.md"))
    assert {p.name for p in pages} >= {
        "README.md",
        "dang-vien.md",
        "bi-thu-chi-uy.md",
        "van-phong-dang-uy-co-so.md",
        "van-phong-dang-uy-khoi.md",
        "quan-tri.md",
        "english-summary.md",
    }
    missing = [
        f"{page.name}: {target}"
        for page in pages
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text(encoding="utf-8"))
        if not (page.parent / target).is_file()
    ]
    assert missing == []
    links = [
        f"{page.name}: {target}"
        for page in pages
        for target in re.findall(r"(?<!!)\[[^\]]*\]\(([^)#:]+\.md)\)", page.read_text(encoding="utf-8"))
        if not (page.parent / target).is_file()
    ]
    assert links == []
