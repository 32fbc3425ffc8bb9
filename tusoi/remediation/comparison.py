"""Year-on-year figures through the mapping between catalogue versions.

For two campaigns (an older and a newer), how many members admitted each indicator (a level other
than the catalogue's first, "none"), counted over the submitted self-reviews of a subtree and carried
through `IndicatorMapping` onto the newer version's codes. Only counts leave this module; a count of
members below the small-cell threshold is shown as "—" by the page.
"""

from collections import Counter
from dataclasses import dataclass, field

from tusoi.campaigns.models import Campaign
from tusoi.catalog.models import Indicator, ScaleLevel
from tusoi.reviews.models import ReviewStatus, SelfReview

from .models import IndicatorMapping


@dataclass
class ComparisonRow:
    code: str
    text: str
    old_codes: list[str]
    old: int
    new: int

    @property
    def change(self) -> int:
        return self.new - self.old

    @property
    def renamed(self) -> bool:
        """The earlier figure comes from other code(s) than this one."""
        return bool(self.old_codes) and self.old_codes != [self.code]


@dataclass
class Comparison:
    old: Campaign
    new: Campaign
    old_submitted: int
    new_submitted: int
    rows: list[ComparisonRow]
    unmapped: list[tuple[str, int]] = field(default_factory=list)
    identity: bool = False


def indicator_counts(campaign: Campaign, path: str) -> tuple[int, Counter[str]]:
    """(submitted self-reviews, members per indicator with a level other than "none") in the subtree."""
    none = ScaleLevel.objects.filter(catalog=campaign.catalog).order_by("position").values_list("code", flat=True)
    none_code = none.first()
    counts: Counter[str] = Counter()
    submitted = 0
    reviews = SelfReview.objects.filter(
        campaign=campaign, is_active=True, status=ReviewStatus.SUBMITTED, branch_path__startswith=path
    ).values_list("answers", flat=True)
    for answers in reviews.iterator(chunk_size=1000):
        submitted += 1
        counts.update(code for code, level in (answers or {}).items() if level and level != none_code)
    return submitted, counts


def compare_campaigns(old: Campaign, new: Campaign, path: str) -> Comparison:
    """Per indicator of the newer campaign's catalogue: members in the old campaign (through the
    mapping, or the same code when both use one version) and in the new one."""
    old_submitted, old_counts = indicator_counts(old, path)
    new_submitted, new_counts = indicator_counts(new, path)
    identity = old.catalog_id == new.catalog_id
    if identity:
        mapping = {code: code for code in old_counts}
    else:
        mapping = dict(
            IndicatorMapping.objects.filter(from_version=old.catalog_id, to_version=new.catalog_id).values_list(
                "from_code", "to_code"
            )
        )
    sources: dict[str, list[str]] = {}
    for from_code, to_code in mapping.items():
        if to_code:
            sources.setdefault(to_code, []).append(from_code)
    rows = [
        ComparisonRow(
            code=ind.code,
            text=ind.text,
            old_codes=sorted(sources.get(ind.code, [])),
            old=sum(old_counts[c] for c in sources.get(ind.code, [])),
            new=new_counts[ind.code],
        )
        for ind in Indicator.objects.filter(catalog=new.catalog_id).order_by(
            "manifestation__group__position", "manifestation__position", "position"
        )
    ]
    unmapped = sorted((code, n) for code, n in old_counts.items() if not mapping.get(code))
    return Comparison(old, new, old_submitted, new_submitted, rows, unmapped, identity)
