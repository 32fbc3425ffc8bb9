"""A synthetic catalogue of the real size (a bloc's list has 111 indicators) for benchmarks and tests.

Every text says it is synthetic: nothing here pretends to be the Party's wording. The structure is
the resolution's (3 groups of 9 manifestations) with the indicators spread over them.
"""

from typing import Any

from .importers import import_catalog_data
from .models import CatalogVersion
from .schema import CatalogData, GroupData, IndicatorData, LevelData, ManifestationData

GROUPS = 3
PER_GROUP = 9
SYNTHETIC = "dữ liệu tổng hợp để đo hiệu năng"
LEVELS = [("none", "Không có"), ("sometimes", "Thỉnh thoảng"), ("often", "Thường xuyên")]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _letters(index: int) -> str:
    """0 → a, 25 → z, 26 → aa …"""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def synthetic_catalog_data(indicators: int = 111, code: str = "SYN-111") -> CatalogData:
    if indicators < 1:
        raise ValueError("a catalogue needs at least one indicator")
    slots = min(GROUPS * PER_GROUP, indicators)
    base, extra = divmod(indicators, slots)
    groups: list[GroupData] = []
    number = 0
    for g in range(GROUPS):
        group = GroupData(code=_ROMAN[g], title=f"Nhóm biểu hiện mẫu {g + 1} ({SYNTHETIC})")
        for m in range(PER_GROUP):
            if number == slots:
                break
            count = base + (1 if number < extra else 0)
            number += 1
            label = f"{g + 1}.{m + 1}"
            group.manifestations.append(
                ManifestationData(
                    code=f"{group.code}.{m + 1}",
                    number=number,
                    text_status="quoted",
                    text=f"Biểu hiện mẫu {label} ({SYNTHETIC})",
                    sources=[f"Không trích từ văn bản nào: {SYNTHETIC}"],
                    indicators=[
                        IndicatorData(
                            code=f"{group.code}.{m + 1}.{_letters(i)}",
                            text=f"Biểu hiện cụ thể mẫu {label}.{_letters(i)} ({SYNTHETIC})",
                        )
                        for i in range(count)
                    ],
                )
            )
        if group.manifestations:
            groups.append(group)
    return CatalogData(
        code=code,
        title=f"Danh mục mẫu {indicators} biểu hiện cụ thể ({SYNTHETIC})",
        source_document=f"Không có văn bản nguồn ({SYNTHETIC})",
        note="Danh mục tổng hợp, chỉ dùng để kiểm thử và đo hiệu năng; không phải văn bản của Đảng.",
        levels=[LevelData(code=c, label=label) for c, label in LEVELS],
        groups=groups,
    )


def build_synthetic_catalog(indicators: int = 111, code: str = "SYN-111", actor: Any = None) -> CatalogVersion:
    """A published synthetic catalogue with `indicators` indicators (the same one if it exists)."""
    return import_catalog_data(synthetic_catalog_data(indicators, code), publish=True, actor=actor).version
