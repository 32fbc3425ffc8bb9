"""Synthetic Vietnamese names for the demo province: family, middle and given names, and e-mails.

Frequencies are rough national shares (Nguyễn about 38 %, Trần 11 %, Lê 9.5 % …), with the Tày and
Dao family names common in Tuyên Quang (Ma, Nông, Hà, Triệu, Quan, Bàn…) given a share of their own.
The combinations are random; a short list of well-known public figures is excluded so that no demo
member carries a famous real person's name.
"""

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

from tusoi.core.text import fold

# (family name, weight in ‰ of the population)
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 340),
    ("Trần", 100),
    ("Lê", 85),
    ("Phạm", 62),
    ("Hoàng", 48),
    ("Huỳnh", 6),
    ("Phan", 38),
    ("Vũ", 36),
    ("Võ", 8),
    ("Đặng", 20),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 12),
    ("Ngô", 12),
    ("Dương", 10),
    ("Lý", 6),
    ("Đinh", 8),
    ("Đào", 8),
    ("Trịnh", 7),
    ("Mai", 5),
    ("Cao", 5),
    ("Lương", 6),
    ("Lưu", 4),
    ("Tạ", 4),
    ("Chu", 4),
    ("Vương", 3),
    # Tày, Nùng and Dao family names, frequent in the province.
    ("Ma", 20),
    ("Hà", 18),
    ("Nông", 14),
    ("Triệu", 10),
    ("Quan", 6),
    ("Bàn", 5),
    ("Hứa", 2),
    ("Mã", 2),
)

MALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Văn", 30),
    ("Đức", 9),
    ("Minh", 9),
    ("Quang", 7),
    ("Xuân", 5),
    ("Hữu", 5),
    ("Mạnh", 4),
    ("Tiến", 4),
    ("Ngọc", 4),
    ("Thanh", 5),
    ("Trọng", 4),
    ("Công", 4),
    ("Đình", 5),
    ("Quốc", 4),
    ("Anh", 3),
    ("Thế", 3),
    ("Việt", 3),
    ("Hoàng", 3),
    ("Duy", 3),
    ("Trung", 2),
)

FEMALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Thị", 40),
    ("Thu", 6),
    ("Ngọc", 6),
    ("Thanh", 5),
    ("Minh", 4),
    ("Thúy", 3),
    ("Phương", 3),
    ("Hồng", 4),
    ("Kim", 4),
    ("Bích", 3),
    ("Thùy", 3),
    ("Diệu", 2),
    ("Hoài", 2),
    ("Khánh", 2),
    ("Mai", 2),
    ("Hải", 2),
    ("Lan", 2),
    ("Thị Thu", 4),
    ("Thị Thanh", 3),
    ("Thị Minh", 2),
    ("Thị Kim", 2),
    ("Thị Ngọc", 2),
    ("Thị Hồng", 2),
)

MALE_GIVEN: tuple[str, ...] = (
    "An", "Anh", "Bảo", "Bình", "Cường", "Chiến", "Chung", "Công", "Dũng", "Duy", "Dương", "Đạt", "Định",
    "Đông", "Đức", "Giang", "Hải", "Hậu", "Hiếu", "Hiệp", "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khải",
    "Khánh", "Khoa", "Kiên", "Lâm", "Lộc", "Long", "Lợi", "Luân", "Mạnh", "Minh", "Nam", "Nghĩa", "Ngọc",
    "Nhân", "Ninh", "Phong", "Phúc", "Phương", "Quân", "Quang", "Quý", "Quyết", "Sơn", "Tài", "Tâm", "Tân",
    "Thái", "Thắng", "Thành", "Thanh", "Thiện", "Thịnh", "Thông", "Toàn", "Trí", "Trung", "Trường", "Tuấn",
    "Tùng", "Tuyến", "Văn", "Việt", "Vinh", "Vũ", "Hà", "Hội", "Lực", "Sáng", "Kiểm", "Hạnh",
)  # fmt: skip

FEMALE_GIVEN: tuple[str, ...] = (
    "An", "Anh", "Bích", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
    "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "My", "Nga", "Ngân",
    "Ngọc", "Nhàn", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thắm", "Thơm", "Thủy",
    "Thúy", "Trang", "Tuyết", "Uyên", "Vân", "Xuân", "Yến", "Hậu", "Lụa", "Mến", "Nguyệt", "Thanh", "Hoài",
    "Huế", "Lệ", "Quế", "Sen", "Thu", "Trà", "Vui", "Hải", "Khánh",
)  # fmt: skip

# Well-known public figures (leaders past and present, and the people named in the reference news
# report): never generated. Compared after diacritic folding.
EXCLUDED_NAMES: frozenset[str] = frozenset(
    fold(name)
    for name in (
        "Hồ Chí Minh", "Võ Nguyên Giáp", "Phạm Văn Đồng", "Lê Duẩn", "Nguyễn Văn Linh", "Đỗ Mười",
        "Lê Khả Phiêu", "Nông Đức Mạnh", "Nguyễn Phú Trọng", "Tô Lâm", "Lương Cường", "Nguyễn Xuân Phúc",
        "Võ Văn Thưởng", "Phạm Minh Chính", "Vương Đình Huệ", "Trần Thanh Mẫn", "Nguyễn Thị Kim Ngân",
        "Nguyễn Tấn Dũng", "Trương Tấn Sang", "Trần Đại Quang", "Nguyễn Minh Triết", "Phan Văn Khải",
        "Võ Văn Kiệt", "Lê Đức Anh", "Trần Đức Lương", "Nguyễn Sinh Hùng", "Nguyễn Văn An", "Trường Chinh",
        "Tôn Đức Thắng", "Nguyễn Hữu Thọ", "Đặng Thị Ngọc Thịnh", "Võ Thị Ánh Xuân", "Trương Thị Mai",
        "Nguyễn Hòa Bình", "Trần Cẩm Tú", "Lê Minh Hưng", "Nguyễn Trọng Nghĩa", "Bùi Thị Minh Hoài",
        "Trần Quốc Vượng", "Lê Hồng Anh", "Tòng Thị Phóng", "Trần Hồng Hà", "Lê Minh Khái", "Lê Thành Long",
        "Hồ Đức Phớc", "Nguyễn Văn Nên", "Phan Đình Trạc", "Nguyễn Duy Ngọc", "Nguyễn Thiện Tuyên",
        "Dương Bích Thuận",
    )
)  # fmt: skip


def _weighted(rng: random.Random, table: Sequence[tuple[str, int]]) -> str:
    names = [name for name, _ in table]
    weights = [weight for _, weight in table]
    return rng.choices(names, weights=weights, k=1)[0]


@dataclass(frozen=True)
class PersonName:
    """A generated name split into its parts ("Nguyễn" "Thị Thu" "Hà")."""

    family: str
    middle: str
    given: str

    @property
    def full(self) -> str:
        return " ".join(part for part in (self.family, self.middle, self.given) if part)


def person_name(rng: random.Random, *, female: bool) -> PersonName:
    """A plausible name for a woman or a man (given name matched to gender), never a famous one."""
    while True:
        family = _weighted(rng, FAMILY_NAMES)
        middle = _weighted(rng, FEMALE_MIDDLE if female else MALE_MIDDLE)
        given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
        if given == middle.split()[-1]:
            continue  # "Văn Văn", "Thu Thu": not a name
        name = PersonName(family, middle, given)
        if fold(name.full) not in EXCLUDED_NAMES:
            return name


class EmailBook:
    """Hands out unique `given.family@example.vn` addresses (example.vn is reserved for examples)."""

    domain = "example.vn"

    def __init__(self) -> None:
        self._used: set[str] = set()

    def address(self, name: PersonName) -> str:
        given = fold(name.given).replace(" ", "")
        family = fold(name.family).replace(" ", "")
        initials = "".join(fold(part)[0] for part in name.middle.split())
        candidates = itertools.chain(
            (f"{given}.{family}", f"{given}.{initials}{family}"),
            (f"{given}.{initials}{family}{n}" for n in itertools.count(2)),
        )
        local = next(c for c in candidates if c not in self._used)
        self._used.add(local)
        return f"{local}@{self.domain}"
