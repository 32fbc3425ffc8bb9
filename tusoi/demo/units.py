"""The demo province's organisation, as data: names of offices, their sector and their structure.

Modelled on the bloc in the reference news report (Tuyên Quang, Q4/2021): 38 grassroots branches and
30 grassroots committees holding 183 affiliated branches, all administrative agencies or public
service units, plus a few enterprises that a 2021-style round does not target. Office names are the
generic departments every province has; the people in them are generated (see `names.py`).
"""

from dataclasses import dataclass

from tusoi.org.models import Sector

ADM = Sector.ADMINISTRATIVE
PUB = Sector.PUBLIC_SERVICE
ENT = Sector.ENTERPRISE

BLOC_CODE = "DBK-TQ"
BLOC_NAME = "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Tuyên Quang"
# The bloc's own agency branch: its office staff and secretary are members here.
BLOC_AGENCY_BRANCH = "Cơ quan Đảng ủy Khối"


@dataclass(frozen=True)
class BranchSpec:
    """A grassroots branch directly under the bloc. `job_field` picks plausible job titles."""

    office: str
    sector: str
    job_field: str = "office"


@dataclass(frozen=True)
class SubCommitteeSpec:
    """A sub-committee (Đảng bộ bộ phận) inside a committee, with its own affiliated branches."""

    office: str
    branches: tuple[str, ...]


@dataclass(frozen=True)
class CommitteeSpec:
    """A grassroots committee with the offices of its affiliated branches."""

    office: str
    sector: str
    branches: tuple[str, ...]
    job_field: str = "office"
    sub_committees: tuple[SubCommitteeSpec, ...] = ()

    @property
    def branch_count(self) -> int:
        return len(self.branches) + sum(len(sub.branches) for sub in self.sub_committees)


GRASSROOTS_BRANCHES: tuple[BranchSpec, ...] = (
    BranchSpec(BLOC_AGENCY_BRANCH, ADM, "party"),
    BranchSpec("Sở Tư pháp", ADM),
    BranchSpec("Sở Ngoại vụ", ADM),
    BranchSpec("Ban Dân tộc tỉnh", ADM),
    BranchSpec("Thanh tra tỉnh", ADM),
    BranchSpec("Sở Khoa học và Công nghệ", ADM),
    BranchSpec("Sở Thông tin và Truyền thông", ADM),
    BranchSpec("Sở Văn hóa, Thể thao và Du lịch", ADM),
    BranchSpec("Sở Xây dựng", ADM),
    BranchSpec("Sở Công Thương", ADM),
    BranchSpec("Sở Nội vụ", ADM),
    BranchSpec("Sở Kế hoạch và Đầu tư", ADM),
    BranchSpec("Ban Quản lý các khu công nghiệp tỉnh", ADM),
    BranchSpec("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", ADM),
    BranchSpec("Cục Thống kê tỉnh", ADM),
    BranchSpec("Cục Quản lý thị trường tỉnh", ADM),
    BranchSpec("Ban Điều phối các dự án vốn nước ngoài tỉnh", PUB),
    BranchSpec("Quỹ Đầu tư phát triển tỉnh", PUB),
    BranchSpec("Trung tâm Phục vụ hành chính công tỉnh", PUB),
    BranchSpec("Văn phòng Đăng ký đất đai tỉnh", PUB),
    BranchSpec("Trung tâm Xúc tiến đầu tư tỉnh", PUB),
    BranchSpec("Bảo tàng tỉnh", PUB),
    BranchSpec("Thư viện tỉnh", PUB),
    BranchSpec("Trung tâm Khuyến nông tỉnh", PUB),
    BranchSpec("Trung tâm Công nghệ thông tin và Truyền thông tỉnh", PUB),
    BranchSpec("Trung tâm Giám định y khoa tỉnh", PUB, "health"),
    BranchSpec("Trung tâm Trợ giúp pháp lý nhà nước tỉnh", PUB),
    BranchSpec("Trung tâm Dịch vụ việc làm tỉnh", PUB),
    BranchSpec("Trường Cao đẳng Văn hóa - Nghệ thuật tỉnh", PUB, "college"),
    BranchSpec("Đoàn Nghệ thuật dân tộc tỉnh", PUB, "media"),
    BranchSpec("Trung tâm Huấn luyện và Thi đấu thể dục thể thao tỉnh", PUB),
    BranchSpec("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn tỉnh", PUB),
    BranchSpec("Trung tâm Kiểm định chất lượng xây dựng tỉnh", PUB),
    BranchSpec("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng tỉnh", PUB),
    BranchSpec("Quỹ Bảo vệ và Phát triển rừng tỉnh", PUB),
    BranchSpec("Trung tâm Đăng kiểm xe cơ giới tỉnh", PUB),
    BranchSpec("Ban Quản lý các khu du lịch tỉnh", PUB),
    BranchSpec("Trung tâm Văn hóa - Điện ảnh tỉnh", PUB, "media"),
)

_DEPT = ("Văn phòng Sở", "Thanh tra Sở")

COMMITTEES: tuple[CommitteeSpec, ...] = (
    CommitteeSpec(
        "Văn phòng Ủy ban nhân dân tỉnh",
        ADM,
        ("Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo - Văn xã", "Phòng Hành chính - Tổ chức",
         "Trung tâm Thông tin - Công báo"),
    ),
    CommitteeSpec(
        "Sở Tài chính",
        ADM,
        (*_DEPT, "Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư", "Phòng Quản lý giá và công sản"),
    ),
    CommitteeSpec(
        "Sở Giáo dục và Đào tạo",
        ADM,
        (*_DEPT, "Phòng Giáo dục Trung học", "Phòng Giáo dục Mầm non - Tiểu học",
         "Phòng Khảo thí và Quản lý chất lượng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính"),
    ),
    CommitteeSpec(
        "Sở Y tế",
        ADM,
        ("Văn phòng Sở", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Phòng Kế hoạch - Tài chính",
         "Chi cục Dân số - Kế hoạch hóa gia đình", "Chi cục An toàn vệ sinh thực phẩm"),
    ),
    CommitteeSpec(
        "Sở Nông nghiệp và Phát triển nông thôn",
        ADM,
        ("Văn phòng Sở", "Chi cục Trồng trọt và Bảo vệ thực vật", "Chi cục Chăn nuôi và Thú y",
         "Chi cục Thủy lợi", "Chi cục Phát triển nông thôn"),
        sub_committees=(
            SubCommitteeSpec(
                "Chi cục Kiểm lâm",
                ("Văn phòng Chi cục Kiểm lâm", "Hạt Kiểm lâm Na Hang", "Hạt Kiểm lâm Lâm Bình",
                 "Hạt Kiểm lâm Chiêm Hóa", "Hạt Kiểm lâm Hàm Yên", "Hạt Kiểm lâm Sơn Dương"),
            ),
        ),
    ),
    CommitteeSpec(
        "Sở Tài nguyên và Môi trường",
        ADM,
        (*_DEPT, "Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường", "Phòng Tài nguyên nước - Khoáng sản",
         "Trung tâm Quan trắc tài nguyên và môi trường"),
    ),
    CommitteeSpec(
        "Sở Giao thông vận tải",
        ADM,
        (*_DEPT, "Phòng Quản lý kết cấu hạ tầng giao thông", "Phòng Quản lý vận tải, phương tiện và người lái",
         "Ban Quản lý bảo trì đường bộ"),
    ),
    CommitteeSpec(
        "Sở Lao động - Thương binh và Xã hội",
        ADM,
        ("Văn phòng Sở", "Phòng Người có công", "Phòng Bảo trợ xã hội",
         "Phòng Lao động - Việc làm - Giáo dục nghề nghiệp", "Trung tâm Công tác xã hội", "Cơ sở Cai nghiện ma túy"),
    ),
    CommitteeSpec(
        "Cục Thuế tỉnh",
        ADM,
        ("Chi cục Thuế khu vực I", "Chi cục Thuế khu vực II", "Chi cục Thuế khu vực III", "Chi cục Thuế khu vực IV"),
        sub_committees=(
            SubCommitteeSpec(
                "Văn phòng Cục Thuế",
                ("Văn phòng Cục", "Phòng Tổng hợp - Nghiệp vụ - Dự toán", "Phòng Kiểm tra thuế",
                 "Phòng Thanh tra thuế", "Phòng Tổ chức cán bộ"),
            ),
        ),
    ),
    CommitteeSpec(
        "Kho bạc Nhà nước tỉnh",
        ADM,
        ("Văn phòng", "Phòng Kiểm soát chi", "Phòng Kế toán nhà nước", "Phòng Thanh tra - Kiểm tra",
         "Kho bạc Nhà nước Chiêm Hóa", "Kho bạc Nhà nước Sơn Dương"),
    ),
    CommitteeSpec(
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        ADM,
        ("Phòng Hành chính - Nhân sự", "Phòng Tổng hợp - Kiểm soát nội bộ", "Phòng Thanh tra, giám sát ngân hàng",
         "Phòng Kế toán - Thanh toán và Ngân quỹ"),
    ),
    CommitteeSpec(
        "Viện Kiểm sát nhân dân tỉnh",
        ADM,
        ("Văn phòng", "Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự",
         "Phòng Kiểm sát việc giải quyết các vụ án dân sự", "Viện Kiểm sát nhân dân huyện Yên Sơn",
         "Viện Kiểm sát nhân dân huyện Hàm Yên"),
    ),
    CommitteeSpec(
        "Tòa án nhân dân tỉnh",
        ADM,
        ("Văn phòng", "Tòa Hình sự", "Tòa Dân sự", "Tòa án nhân dân huyện Chiêm Hóa",
         "Tòa án nhân dân huyện Sơn Dương"),
    ),
    CommitteeSpec(
        "Cục Thi hành án dân sự tỉnh",
        ADM,
        ("Văn phòng Cục", "Phòng Nghiệp vụ và Tổ chức thi hành án", "Chi cục Thi hành án dân sự thành phố",
         "Chi cục Thi hành án dân sự huyện Yên Sơn", "Chi cục Thi hành án dân sự huyện Na Hang"),
    ),
    CommitteeSpec(
        "Bảo hiểm xã hội tỉnh",
        PUB,
        ("Văn phòng", "Phòng Thu - Sổ, thẻ", "Phòng Chế độ bảo hiểm xã hội", "Phòng Giám định bảo hiểm y tế",
         "Phòng Kế hoạch - Tài chính", "Bảo hiểm xã hội huyện Chiêm Hóa", "Bảo hiểm xã hội huyện Hàm Yên",
         "Bảo hiểm xã hội huyện Sơn Dương", "Bảo hiểm xã hội huyện Na Hang"),
    ),
    CommitteeSpec(
        "Bệnh viện Đa khoa tỉnh",
        PUB,
        ("Phòng Kế hoạch tổng hợp", "Phòng Tổ chức cán bộ", "Phòng Tài chính - Kế toán", "Phòng Điều dưỡng",
         "Khoa Ngoại tổng hợp", "Khoa Phẫu thuật gây mê hồi sức", "Khoa Sản", "Khoa Chẩn đoán hình ảnh",
         "Khoa Mắt", "Khoa Tai Mũi Họng", "Khoa Răng Hàm Mặt"),
        job_field="health",
        sub_committees=(
            SubCommitteeSpec(
                "Khối Nội",
                ("Khoa Nội tổng hợp", "Khoa Tim mạch", "Khoa Hồi sức tích cực - Chống độc", "Khoa Truyền nhiễm",
                 "Khoa Nhi"),
            ),
        ),
    ),
    CommitteeSpec(
        "Bệnh viện Y dược cổ truyền tỉnh",
        PUB,
        ("Phòng Hành chính - Quản trị", "Khoa Khám bệnh", "Khoa Nội", "Khoa Châm cứu - Dưỡng sinh", "Khoa Dược"),
        job_field="health",
    ),
    CommitteeSpec(
        "Bệnh viện Sản - Nhi tỉnh",
        PUB,
        ("Phòng Kế hoạch tổng hợp", "Khoa Sản bệnh", "Khoa Đẻ", "Khoa Nhi", "Khoa Sơ sinh", "Khoa Xét nghiệm",
         "Khoa Dược - Vật tư"),
        job_field="health",
    ),
    CommitteeSpec(
        "Bệnh viện Phổi tỉnh",
        PUB,
        ("Phòng Hành chính tổng hợp", "Khoa Lao", "Khoa Bệnh phổi", "Khoa Cận lâm sàng"),
        job_field="health",
    ),
    CommitteeSpec(
        "Trung tâm Kiểm soát bệnh tật tỉnh",
        PUB,
        ("Phòng Tổ chức - Hành chính", "Khoa Phòng, chống bệnh truyền nhiễm", "Khoa Phòng, chống HIV/AIDS",
         "Khoa Xét nghiệm", "Khoa Sức khỏe môi trường - Y tế trường học", "Khoa Dinh dưỡng"),
        job_field="health",
    ),
    CommitteeSpec(
        "Trường Cao đẳng Kỹ thuật - Công nghệ tỉnh",
        PUB,
        ("Phòng Đào tạo", "Phòng Tổ chức - Hành chính", "Khoa Cơ khí - Động lực", "Khoa Điện - Điện tử",
         "Khoa Công nghệ thông tin", "Khoa Kinh tế", "Khoa Khoa học cơ bản", "Khoa Nông lâm"),
        job_field="college",
    ),
    CommitteeSpec(
        "Trường Trung học phổ thông Chuyên tỉnh",
        PUB,
        ("Tổ Toán - Tin", "Tổ Ngữ văn", "Tổ Ngoại ngữ", "Tổ Khoa học tự nhiên", "Tổ Khoa học xã hội", "Tổ Văn phòng"),
        job_field="school",
    ),
    CommitteeSpec(
        "Trường Phổ thông Dân tộc nội trú tỉnh",
        PUB,
        ("Tổ Toán - Tin", "Tổ Ngữ văn - Lịch sử - Địa lý", "Tổ Khoa học tự nhiên", "Tổ Hành chính - Văn phòng"),
        job_field="school",
    ),
    CommitteeSpec(
        "Đài Phát thanh và Truyền hình tỉnh",
        PUB,
        ("Phòng Tổ chức - Hành chính", "Phòng Thời sự", "Phòng Chuyên đề", "Phòng Văn nghệ - Giải trí",
         "Phòng Kỹ thuật - Công nghệ", "Phòng Biên tập tiếng dân tộc", "Phòng Quảng cáo - Dịch vụ"),
        job_field="media",
    ),
    CommitteeSpec(
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
        PUB,
        ("Phòng Hành chính - Tổng hợp", "Phòng Kế hoạch - Kỹ thuật", "Phòng Điều hành dự án số 1",
         "Phòng Điều hành dự án số 2"),
    ),
    CommitteeSpec(
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
        PUB,
        ("Phòng Hành chính - Tổng hợp", "Phòng Kế hoạch - Kỹ thuật", "Phòng Điều hành dự án số 1",
         "Phòng Điều hành dự án số 2", "Phòng Điều hành dự án số 3"),
    ),
    CommitteeSpec(
        "Trường Cao đẳng Y tế tỉnh",
        PUB,
        ("Phòng Đào tạo", "Phòng Tổ chức - Hành chính", "Khoa Điều dưỡng", "Khoa Dược", "Khoa Khoa học cơ bản"),
        job_field="college",
    ),
    CommitteeSpec(
        "Ban Quản lý rừng phòng hộ tỉnh",
        PUB,
        ("Phòng Hành chính - Tổng hợp", "Trạm Quản lý bảo vệ rừng số 1", "Trạm Quản lý bảo vệ rừng số 2",
         "Trạm Quản lý bảo vệ rừng số 3"),
    ),
    CommitteeSpec(
        "Trung tâm Phát triển quỹ đất tỉnh",
        PUB,
        ("Phòng Hành chính - Tổng hợp", "Phòng Bồi thường, hỗ trợ, tái định cư", "Phòng Quản lý và khai thác quỹ đất",
         "Chi nhánh thành phố"),
    ),
    CommitteeSpec(
        "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên tỉnh",
        PUB,
        ("Phòng Hành chính - Tổng hợp", "Phòng Đào tạo", "Tổ Giáo dục thường xuyên", "Tổ Giáo dục nghề nghiệp"),
        job_field="school",
    ),
)  # fmt: skip

ENTERPRISE_BRANCHES: tuple[BranchSpec, ...] = (
    BranchSpec("Công ty Cổ phần Dược phẩm tỉnh", ENT, "enterprise"),
    BranchSpec("Công ty TNHH MTV Xổ số kiến thiết tỉnh", ENT, "enterprise"),
    BranchSpec("Công ty Cổ phần Sách và Thiết bị trường học", ENT, "enterprise"),
    BranchSpec("Công ty Cổ phần Quản lý và Xây dựng giao thông", ENT, "enterprise"),
    BranchSpec("Công ty Cổ phần Môi trường và Dịch vụ đô thị", ENT, "enterprise"),
    BranchSpec("Công ty Cổ phần Cấp thoát nước", ENT, "enterprise"),
)

ENTERPRISE_COMMITTEES: tuple[CommitteeSpec, ...] = (
    CommitteeSpec(
        "Công ty Điện lực tỉnh",
        ENT,
        ("Văn phòng Công ty", "Phòng Kỹ thuật - An toàn", "Phòng Kinh doanh", "Điện lực thành phố",
         "Điện lực Sơn Dương"),
        job_field="enterprise",
    ),
    CommitteeSpec(
        "Viễn thông tỉnh",
        ENT,
        ("Phòng Kế hoạch - Kế toán", "Trung tâm Điều hành thông tin", "Trung tâm Viễn thông 1",
         "Trung tâm Viễn thông 2"),
        job_field="enterprise",
    ),
    CommitteeSpec(
        "Công ty TNHH MTV Lâm nghiệp tỉnh",
        ENT,
        ("Văn phòng Công ty", "Đội sản xuất số 1", "Đội sản xuất số 2"),
        job_field="enterprise",
    ),
)  # fmt: skip
