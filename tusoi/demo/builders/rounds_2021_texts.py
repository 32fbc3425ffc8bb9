"""The texts of the demo's completed round (31-KH/ĐUK, Q4/2021): generic sentences in the register of
such documents, never anybody's real words. Used by `rounds_2021`."""

TITLE = "Kế hoạch tổ chức sinh hoạt chuyên đề “tự soi, tự sửa” trong quý IV/2021"
LEGAL_BASES = (
    "Nghị quyết số 04-NQ/TW ngày 30/10/2016 của Ban Chấp hành Trung ương Đảng khóa XII\n"
    "Đề án số 16-ĐA/TU ngày 03/01/2020 của Ban Thường vụ Tỉnh ủy"
)
INSTRUCTIONS = (
    "Đảng viên tự soi vào các biểu hiện suy thoái, viết báo cáo “tự soi, tự sửa” của cá nhân gửi cấp ủy chi bộ; "
    "chi ủy tổng hợp kết quả để xây dựng báo cáo đề dẫn, gửi đảng viên tham gia ý kiến trước buổi sinh hoạt."
)
MEASURES = (
    "Thường xuyên học tập, nghiên cứu nghị quyết, tự giác rèn luyện, tu dưỡng",
    "Thẳng thắn tự phê bình và phê bình, không nể nang, né tránh",
    "Sắp xếp công việc khoa học, sử dụng hiệu quả thời gian lao động",
    "Chủ động báo cáo chi ủy kết quả khắc phục hằng quý",
    "Gương mẫu chấp hành kỷ luật, kỷ cương hành chính tại cơ quan",
)
CAUSES = (
    "Chủ quan: có lúc chưa tự giác rèn luyện; khách quan: khối lượng công việc chuyên môn lớn.",
    "Việc tự kiểm tra, đôn đốc bản thân chưa thường xuyên; còn tâm lý ngại va chạm.",
)
VERSION_NOTE = "Dự thảo gửi đảng viên tham gia ý kiến"
PLACE = "Hội trường cơ quan"
GUEST_BLOC = "Đại diện Văn phòng Đảng ủy Khối"
GUEST_COMMITTEE = "Đại diện Đảng ủy cơ sở"
AGENDA = "Sinh hoạt chuyên đề “tự soi, tự sửa” theo Kế hoạch số %(plan)s của Ban Thường vụ Đảng ủy Khối"
CONCLUSION = (
    "Chi bộ thống nhất thông qua báo cáo đề dẫn đã bổ sung ý kiến tham gia; mỗi đảng viên xây dựng kế hoạch "
    "khắc phục, sửa chữa những hạn chế đã nhận diện, chi ủy theo dõi, kiểm tra việc thực hiện."
)
EXCUSES = ("Đi công tác", "Nghỉ ốm", "Nghỉ phép theo chế độ", "Tập huấn chuyên môn")


def intro_sections(submitted: int, members: int) -> list[tuple[str, str]]:
    return [
        (
            "views",
            "Quán triệt quan điểm của Đảng, tư tưởng Hồ Chí Minh về tự phê bình và phê bình, về “tự soi, tự sửa”; "
            "mỗi đảng viên nói thẳng, nói thật những hạn chế, khuyết điểm của mình.",
        ),
        (
            "assessment",
            f"{submitted}/{members} đảng viên đã nộp bản tự soi, tự sửa. Nhìn chung đảng viên trong chi bộ giữ vững "
            "lập trường tư tưởng chính trị, chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
        ),
        (
            "manifestations",
            "Một bộ phận đảng viên tự nhận có biểu hiện ở mức độ thỉnh thoảng: trong phê bình còn nể nang, né tránh, "
            "ngại va chạm; có lúc, có việc còn chưa hiệu quả; còn phí phạm thời gian lao động.",
        ),
        (
            "tasks",
            "Mỗi đảng viên xây dựng kế hoạch khắc phục, sửa chữa; chi ủy thường xuyên kiểm tra, giám sát việc "
            "thực hiện và gắn kết quả với kiểm điểm, đánh giá cuối năm.",
        ),
    ]


COMMENT_SECTION = {
    "comment": "assessment",
    "manifestation": "manifestations",
    "task": "tasks",
    "solution": "tasks",
}
COMMENTS = {
    "comment": (
        "Đề nghị đánh giá cụ thể hơn tình hình tư tưởng của đảng viên trong thời gian qua.",
        "Báo cáo cần nêu rõ hơn những mặt đã làm được của chi bộ.",
        "Thống nhất với dự thảo, đề nghị bổ sung số liệu tổng hợp bản tự soi.",
    ),
    "manifestation": (
        "Bổ sung biểu hiện còn ngại va chạm trong góp ý đồng nghiệp.",
        "Đề nghị bổ sung biểu hiện chưa sử dụng hiệu quả thời gian làm việc.",
    ),
    "task": (
        "Bổ sung nhiệm vụ định kỳ hằng quý kiểm điểm việc thực hiện cam kết.",
        "Đề nghị giao chi ủy viên theo dõi việc khắc phục của từng tổ công tác.",
    ),
    "solution": (
        "Tăng cường trao đổi, góp ý thẳng thắn trong sinh hoạt chi bộ thường kỳ.",
        "Gắn kết quả khắc phục với đánh giá, xếp loại đảng viên cuối năm.",
    ),
}
OPINION_TEXTS = {
    "self_criticism": (
        "Tự nhận còn biểu hiện nể nang, ngại va chạm trong phê bình; cam kết khắc phục ngay trong quý I/2022.",
        "Tự nhận có lúc chưa sắp xếp công việc khoa học, còn để chậm tiến độ một số nhiệm vụ được giao.",
        "Tự nhận việc nghiên cứu, học tập nghị quyết có lúc chưa thường xuyên; sẽ xây dựng kế hoạch tự học.",
        "Tự nhận còn phí phạm thời gian lao động; cam kết chấp hành nghiêm thời giờ làm việc.",
    ),
    "criticism": (
        "Góp ý đồng chí cần chủ động hơn trong tham mưu, đề xuất giải quyết công việc.",
        "Góp ý đồng chí cần thẳng thắn hơn khi tham gia ý kiến trong sinh hoạt chi bộ.",
        "Góp ý đồng chí cần sắp xếp thời gian hợp lý để hoàn thành nhiệm vụ đúng hạn.",
    ),
    "on_report": (
        "Thống nhất với báo cáo đề dẫn; đề nghị bổ sung giải pháp nâng cao chất lượng sinh hoạt chi bộ.",
        "Đề nghị báo cáo đề dẫn nêu rõ trách nhiệm của tập thể chi ủy trong việc theo dõi khắc phục.",
        "Báo cáo đề dẫn đã phản ánh đúng tình hình; đề nghị bổ sung thời hạn hoàn thành các giải pháp.",
    ),
    "proposal": (
        "Đề xuất chi bộ định kỳ hằng quý kiểm điểm việc thực hiện cam kết khắc phục của đảng viên.",
        "Đề xuất duy trì sinh hoạt chuyên đề “tự soi, tự sửa” ít nhất một lần mỗi năm.",
    ),
}
ASSESSMENTS = (
    "Buổi sinh hoạt chuyên đề được tổ chức nghiêm túc, đúng kế hoạch; không khí dân chủ, cởi mở; đảng viên "
    "thẳng thắn tự phê bình và phê bình, tham gia ý kiến vào báo cáo đề dẫn.",
    "Chi bộ chuẩn bị chu đáo; đảng viên chủ động tự soi, tự sửa, nhận diện những hạn chế của bản thân và đề ra "
    "biện pháp khắc phục cụ thể.",
)
HEADLINES = (
    "Khắc phục tình trạng nể nang, né tránh trong phê bình",
    "Nâng cao chất lượng sinh hoạt chi bộ thường kỳ",
    "Sử dụng hiệu quả thời gian lao động",
    "Tăng cường học tập, nghiên cứu nghị quyết",
)
