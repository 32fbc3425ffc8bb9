"""The demo bulletin: 25 published posts over the two years before `today` and 2 drafts.

Synthetic posts about the bloc's usual work (no real person, no figure presented as a result):
enough for the public list to show three pages. The same posts, times and view counts on every load
(fixed seed; dates relative to `today`).
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tusoi.bulletin.models import Post
from tusoi.bulletin.services import post_create, post_publish

SEED = 20
SPAN_DAYS = 720
TITLES = (
    "Đảng ủy Khối tổ chức hội nghị sơ kết công tác xây dựng Đảng sáu tháng đầu năm",
    "Bồi dưỡng nghiệp vụ công tác đảng cho bí thư, phó bí thư chi bộ",
    "Lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú",
    "Nâng cao chất lượng sinh hoạt chi bộ trong Đảng bộ Khối",
    "Hội nghị quán triệt, triển khai nghị quyết của Ban Chấp hành Đảng bộ Khối",
    "Trao Huy hiệu Đảng cho đảng viên các chi, đảng bộ cơ sở",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong cơ quan, doanh nghiệp",
    "Tập huấn sử dụng phần mềm quản lý đảng viên cho văn phòng cấp ủy",
    "Các chi bộ cơ sở tổ chức sinh hoạt chuyên đề “Tự soi, tự sửa”",
    "Hội nghị tổng kết công tác kiểm tra, giám sát của Đảng bộ Khối",
    "Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên cuối năm",
    "Phát huy vai trò nêu gương của cán bộ, đảng viên trong thực hiện nhiệm vụ",
    "Kết nạp đảng viên mới tại các chi bộ trực thuộc",
    "Đảng ủy Khối giao ban công tác xây dựng Đảng với các đảng ủy cơ sở",
    "Đối thoại giữa cấp ủy với cán bộ, đoàn viên, hội viên trong doanh nghiệp",
    "Đẩy mạnh chuyển đổi số trong công tác đảng",
    "Hội nghị triển khai nhiệm vụ công tác tuyên giáo",
    "Kiểm tra việc thực hiện kế hoạch khắc phục, sửa chữa sau tự soi, tự sửa",
    "Công tác phát triển đảng viên trong doanh nghiệp ngoài khu vực nhà nước",
    "Hội thi tìm hiểu lịch sử Đảng bộ Khối",
    "Sơ kết thực hiện quy định về trách nhiệm nêu gương của cán bộ, đảng viên",
    "Các đảng bộ cơ sở tổng kết công tác dân vận",
    "Xây dựng chi bộ trong sạch, vững mạnh gắn với nhiệm vụ chính trị của cơ quan",
    "Đảng ủy Khối chỉ đạo tổ chức sinh hoạt chuyên đề “Tự soi, tự sửa” năm nay",
    "Tổng kết đợt sinh hoạt chuyên đề “Tự soi, tự sửa” trong Đảng bộ Khối",
)
DRAFT_TITLES = (
    "Hội nghị Ban Chấp hành Đảng bộ Khối mở rộng (bản nháp)",
    "Kết quả kiểm tra, giám sát chuyên đề trong quý (bản nháp)",
)
AUTHORS = (
    "Ban Tuyên giáo Đảng ủy Khối",
    "Văn phòng Đảng ủy Khối",
    "Ban Tổ chức Đảng ủy Khối",
    "Ủy ban Kiểm tra Đảng ủy Khối",
)
OPENINGS = (
    "Thực hiện chương trình công tác năm, Ban Thường vụ Đảng ủy Khối đã chỉ đạo các chi, đảng bộ cơ sở "
    "chủ động xây dựng kế hoạch, phân công nhiệm vụ cụ thể và tổ chức thực hiện nghiêm túc.",
    "Hoạt động được tổ chức theo đúng kế hoạch, bảo đảm thiết thực, hiệu quả, phù hợp với đặc điểm của "
    "từng cơ quan, đơn vị và doanh nghiệp trong Đảng bộ Khối.",
    "Các cấp ủy đã quán triệt mục đích, yêu cầu, nội dung đến từng tổ chức đảng và đảng viên, gắn với việc "
    "thực hiện nhiệm vụ chính trị của cơ quan, đơn vị.",
)
MIDDLES = (
    "Tại hội nghị, các đại biểu đã thảo luận dân chủ, thẳng thắn, tập trung làm rõ những kết quả đạt được, "
    "những hạn chế, nguyên nhân và đề ra giải pháp khắc phục trong thời gian tới.",
    "Qua đó, nhận thức và trách nhiệm của cấp ủy, tổ chức đảng và đảng viên được nâng lên; tinh thần tự "
    "phê bình và phê bình trong sinh hoạt chi bộ được phát huy.",
    "Nhiều cách làm hay, mô hình hiệu quả đã được các chi, đảng bộ cơ sở chia sẻ, góp phần nâng cao chất "
    "lượng sinh hoạt và năng lực lãnh đạo của tổ chức đảng.",
)
CLOSINGS = (
    "Thời gian tới, Đảng ủy Khối tiếp tục chỉ đạo các chi, đảng bộ cơ sở thực hiện tốt nhiệm vụ, thường "
    "xuyên kiểm tra, giám sát và kịp thời biểu dương những tập thể, cá nhân làm tốt.",
    "Kết thúc chương trình, các đơn vị thống nhất tiếp tục triển khai các nội dung đã đề ra, định kỳ báo "
    "cáo kết quả về Đảng ủy Khối theo quy định.",
)
SUBHEADINGS = ("Kết quả nổi bật", "Nhiệm vụ thời gian tới", "Một số kinh nghiệm")


def _body(rng: random.Random) -> str:
    return "\n\n".join(
        [rng.choice(OPENINGS), rng.choice(MIDDLES), "## " + rng.choice(SUBHEADINGS), rng.choice(CLOSINGS)]
    )


SUMMARIES = (
    "Hoạt động nằm trong chương trình công tác năm của Đảng ủy Khối, góp phần nâng cao chất lượng công tác "
    "xây dựng Đảng trong các cơ quan, đơn vị và doanh nghiệp.",
    "Các chi, đảng bộ cơ sở đã chủ động triển khai, bảo đảm đúng kế hoạch và yêu cầu của Ban Thường vụ Đảng ủy Khối.",
    "Dịp này, Đảng ủy Khối đề nghị các cấp ủy tiếp tục quan tâm lãnh đạo, chỉ đạo, tạo chuyển biến rõ nét "
    "trong thời gian tới.",
)


def _moment(day: date, rng: random.Random) -> datetime:
    at = time(hour=rng.randint(7, 16), minute=rng.randint(0, 59))
    return timezone.make_aware(datetime.combine(day, at))


def create_bulletin_posts(today: date) -> int:
    """Write the demo posts (published ones with their view counts); return how many."""
    rng = random.Random(SEED)
    step = SPAN_DAYS / (len(TITLES) - 1)
    for number, title in enumerate(TITLES):
        day = today - timedelta(days=1 + round(step * (len(TITLES) - 1 - number)))
        post = post_create(
            actor=None, title=title, summary=rng.choice(SUMMARIES), body=_body(rng), author=rng.choice(AUTHORS)
        )
        post_publish(post=post, actor=None, published_at=_moment(day, rng))
        Post.objects.filter(pk=post.pk).update(views=rng.randint(40, 160) + 12 * (len(TITLES) - number))
    for title in DRAFT_TITLES:
        post_create(actor=None, title=title, summary=rng.choice(SUMMARIES), body=_body(rng), author=AUTHORS[1])
    return len(TITLES) + len(DRAFT_TITLES)
