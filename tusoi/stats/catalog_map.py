"""What the tallies need to know of a pinned catalogue: the order of its levels and, for each
indicator, its manifestation and group. Taken from the self-review form's catalogue structure, which
a published version reads once per process: a submission's tallies cost no catalogue query."""

from collections.abc import Mapping
from dataclasses import dataclass

from tusoi.catalog.models import CatalogVersion
from tusoi.reviews.structure import catalog_structure

LevelKey = tuple[str, str, str]  # (ItemKind, item code, level code)


@dataclass(frozen=True)
class CatalogMap:
    levels: tuple[str, ...]  # level codes by position; the first is "none"
    parents: dict[str, tuple[str, str]]  # indicator code -> (manifestation code, group code)

    @property
    def none_level(self) -> str:
        return self.levels[0] if self.levels else ""

    def level_keys(self, answers: Mapping[str, str]) -> list[LevelKey]:
        """The tally rows one submitted review adds to: each indicator answered above "none", and
        each manifestation and group at the highest level among its indicators (if above "none")."""
        rank = {code: i for i, code in enumerate(self.levels)}
        keys: list[LevelKey] = []
        best: dict[tuple[str, str], int] = {}
        for code, level in answers.items():
            parents = self.parents.get(code)
            position = rank.get(level)
            if parents is None or position is None or position == 0:
                continue
            keys.append(("i", code, level))
            for item in (("m", parents[0]), ("g", parents[1])):
                best[item] = max(best.get(item, 0), position)
        keys.extend((kind, code, self.levels[position]) for (kind, code), position in best.items())
        return keys


def catalog_map(catalog: CatalogVersion) -> CatalogMap:
    structure = catalog_structure(catalog)
    groups = {group.index: group.code for group in structure.groups}
    return CatalogMap(
        levels=tuple(level.code for level in structure.levels),
        parents={
            code: (item.manifestation_code, groups[item.group_index]) for code, item in structure.indicators.items()
        },
    )
