from django import forms

from gongkai.core.forms import ServiceProblemsMixin
from gongkai.core.models import Agency

from .choices import RECEIPT_RULE, ApplicantType, Channel, DeliveryMethod, FormRequested


class OnlineApplicationForm(ServiceProblemsMixin, forms.Form):
    """The online application (Art. 29). The form only parses; application_file_online checks the ID
    check digit, the contact and the request text, and its problems go next to these fields."""

    agency = forms.ModelChoiceField(
        label="受理机关",
        queryset=Agency.objects.filter(is_disclosure_body=True),
        empty_label="请选择",
    )
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    applicant_name = forms.CharField(label="姓名或名称", max_length=100)
    id_number = forms.CharField(
        label="身份证明",
        max_length=22,
        help_text="自然人填写18位居民身份证号码；法人或其他组织填写18位统一社会信用代码",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    contact = forms.CharField(
        label="联系电话或电子邮箱",
        max_length=100,
        help_text="手机号码、带区号的固定电话（如0398-7000000）或电子邮箱，用于补正、答复时联系您",
    )
    address = forms.CharField(
        label="通讯地址",
        max_length=200,
        required=False,
        help_text="选择纸质答复的，答复书寄往此地址",
    )
    content = forms.CharField(
        label="所需信息的名称、文号或特征性描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="写明信息的名称、文号，或者制作机关、时间、涉及的事项等便于查找的特征，"
        "如“朱阳关镇2025年杜店村道路硬化工程的招标文件和验收报告”",
    )
    form_requested = forms.ChoiceField(
        label="获取信息的方式", choices=FormRequested.choices, initial=FormRequested.ELECTRONIC
    )
    privacy_acknowledged = forms.BooleanField(label="我已阅读上面的个人信息处理说明", required=True)

    PROBLEM_FIELDS = {
        "受理机关": "agency",
        "申请人类型": "applicant_type",
        "申请人姓名或名称": "applicant_name",
        "身份证明": "id_number",
        "联系方式": "contact",
        "申请内容": "content",
        "获取信息的方式": "form_requested",
        "个人信息处理说明": "privacy_acknowledged",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["privacy_acknowledged"].error_messages["required"] = (
            "请阅读个人信息处理说明，勾选后再提交"
        )
        for name, field in self.fields.items():
            if field.required and name != "privacy_acknowledged":
                field.error_messages["required"] = f"请填写{field.label}"
        self.fields["agency"].error_messages["required"] = "请选择受理机关"

    def clean(self):
        """All problems at once: the service's Art. 29 checks go next to the fields the form itself
        found nothing wrong with."""
        from .services import online_intake_problems

        data = super().clean()
        self.place_problems(online_intake_problems(**data))
        return data


class LookupForm(forms.Form):
    query_code = forms.CharField(
        label="查询码",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "请填写查询码"},
    )
    secret = forms.CharField(
        label="查询密码",
        max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="回执上的15位查询密码，不区分大小写，空格可不输入",
        error_messages={"required": "请填写查询密码"},
    )


class HolderForm(forms.Form):
    """Every POST after the lookup carries the query code and secret again (hidden fields)."""

    query_code = forms.CharField(max_length=20, widget=forms.HiddenInput)
    secret = forms.CharField(max_length=40, widget=forms.HiddenInput)


class OnlineCorrectionForm(HolderForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "correction_%s")  # unique ids on the lookup page
        super().__init__(*args, **kwargs)

    text = forms.CharField(
        label="补正内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="按补正通知列出的事项逐项写明；提交之日即为本机关收到补正之日",
        error_messages={"required": "请填写补正内容"},
    )


class OnlineWithdrawForm(HolderForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)

    confirm = forms.CharField(required=False, widget=forms.HiddenInput)


class LetterForm(HolderForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)

    letter = forms.IntegerField(widget=forms.HiddenInput)


# ---------------------------------------------------------------------------------------------
# Staff forms. They only parse input; the service called with the cleaned data checks the rules
# and its UserError is shown next to the form.


def date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )


def note_field(label: str, *, required: bool = False, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": rows})
    )


def outcome_choices() -> list:
    """Table 3 outcomes grouped as in the table, each with its verbatim label."""
    from .outcomes import OUTCOME_CODES, T3_GROUP_OF, T3_LABELS, _strip_number

    groups: dict[str, list] = {}
    for code in OUTCOME_CODES:
        group = _strip_number(T3_GROUP_OF[code]) or "办理结果"
        groups.setdefault(group, []).append((code, _strip_number(T3_LABELS[code])))
    return [("", "请选择办理结果"), *groups.items()]


class StaffRegisterForm(ServiceProblemsMixin, forms.Form):
    """登记 (staff intake): the Art. 29 content, the channel and the Art. 31 receipt date."""

    agency = forms.ModelChoiceField(
        label="受理机关", queryset=Agency.objects.none(), empty_label="请选择"
    )
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    id_number = forms.CharField(
        label="身份证明",
        max_length=18,
        help_text="自然人填写18位身份证号码；法人或其他组织填写统一社会信用代码。只保存脱敏形式。",
    )
    contact = forms.CharField(label="联系方式", max_length=100)
    address = forms.CharField(label="通讯地址", max_length=200, required=False)
    content = forms.CharField(
        label="所需信息的名称、文号或特征性描述",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    form_requested = forms.ChoiceField(label="获取信息的方式", choices=FormRequested.choices)
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices)
    received_on = date_field("收到申请日期")
    number = forms.CharField(
        label="编号", max_length=40, required=False, help_text="留空则自动编号（如 2025-001）"
    )

    # The service names each problem "<label>：…"; the label tells which field it belongs to.
    PROBLEM_FIELDS = {
        "申请人类型": "applicant_type",
        "申请人姓名或名称": "applicant_name",
        "身份证明": "id_number",
        "联系方式": "contact",
        "申请内容": "content",
        "获取信息的方式": "form_requested",
        "申请方式": "channel",
        "收到申请日期": "received_on",
        "编号": "number",
    }

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
            if agencies.count() == 1:
                self.fields["agency"].initial = agencies.first()
        self.fields["received_on"].help_text = "；".join(
            f"{Channel(c).label}：{rule}" for c, rule in RECEIPT_RULE.items()
        )


class DateNoteForm(forms.Form):
    date = date_field("日期")
    note = note_field("说明")


class CorrectionForm(forms.Form):
    date = date_field("告知补正日期")
    note = note_field("需要补正的事项（逐项写明，填入补正通知书）", required=True, rows=3)
    days = forms.IntegerField(
        label="补正期限（工作日）",
        min_value=1,
        max_value=60,
        initial=15,
        help_text="自告知补正之日起计算；逾期不补正的，期限届满后方可视为放弃",
    )


class ReceiveCorrectionForm(forms.Form):
    date = date_field("收到补正日期")
    note = note_field("说明")


class StartProcessingForm(forms.Form):
    date = date_field("开始办理日期")


class PauseForm(forms.Form):
    kind = forms.ChoiceField(
        label="征求意见对象",
        choices=[
            ("third_party", "第三方（条例第三十二条，15个工作日内答复）"),
            ("other_agency", "其他机关（条例第三十三条第三款）"),
        ],
        widget=forms.RadioSelect,
    )
    date = date_field("发出征求意见函日期")
    party_received_on = date_field("对方收到日期（已知时填写）", required=False)
    note = note_field("说明")


class ResumeForm(forms.Form):
    date = date_field("收到意见日期")
    note = note_field("说明")


class ExtendForm(forms.Form):
    date = date_field("延期决定日期")
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = note_field("延期理由", required=True)


class FeeNoticeForm(forms.Form):
    method = forms.ChoiceField(
        label="收费方式",
        choices=[("items", "按件计收"), ("pages", "按量计收")],
        widget=forms.RadioSelect,
    )
    quantity = forms.IntegerField(label="件数或页数", min_value=0)
    date = date_field("收费通知日期")


class PaymentForm(forms.Form):
    date = date_field("缴费日期")


def reply_letter_choices() -> list:
    from .letters import KIND_LABELS, KINDS

    return [("", "按办理结果")] + [(k, KIND_LABELS[k]) for k, kind in KINDS.items() if kind.reply]


class DraftReplyForm(ServiceProblemsMixin, forms.Form):
    """The reply draft: every field that changes the text of the 答复书. The reviewers approve it
    as the letter will read; issuing the letter takes nothing more."""

    outcome = forms.ChoiceField(label="办理结果", choices=outcome_choices)
    reply_letter = forms.ChoiceField(
        label="答复书类型",
        choices=reply_letter_choices,
        required=False,
        help_text="本机关不掌握相关信息的：信息不存在选第三十六条第（四）项；"
        "不属于本机关负责公开的选第三十六条第（五）项",
    )
    note = note_field("答复要点（写入答复书正文：提供方式、不予公开或部分公开的理由等）", rows=3)
    responsible_agency = forms.CharField(
        label="负责公开的行政机关名称",
        max_length=100,
        required=False,
        help_text="第三十六条第（五）项答复必填，如“卢氏县自然资源局”",
    )
    responsible_contact = forms.CharField(
        label="负责公开的行政机关联系方式",
        max_length=200,
        required=False,
        help_text="第三十六条第（五）项答复必填：带区号的固定电话、手机号码或电子邮箱，可加地址",
    )
    date = date_field("拟答复日期")
    submit = forms.BooleanField(label="提交办公室主任初审", required=False, initial=True)

    PROBLEM_FIELDS = {
        "答复书类型": "reply_letter",
        "负责公开的行政机关名称": "responsible_agency",
        "负责公开的行政机关联系方式": "responsible_contact",
    }


class DeliverForm(forms.Form):
    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices)
    date = date_field("送达日期（答复日期）")


class ConcludeForm(forms.Form):
    date = date_field("办结日期")


class WithdrawForm(forms.Form):
    date = date_field("撤回日期")
    note = note_field("说明")


class AbandonForm(forms.Form):
    date = date_field("视为放弃日期")


class LetterIssueForm(forms.Form):
    """出具文书. A reply letter (答复书, 告知书 on the request) takes only its date: its text is the
    approved reply draft. The notice fields below are typed by the notice's signer."""

    kind = forms.ChoiceField(label="文书类型", choices=())
    date = date_field("文书日期")
    note = note_field(
        "说明（仅告知类文书：决定公开的理由等；答复书的内容以审定的答复稿为准，此处不填）", rows=3
    )
    party_name = forms.CharField(
        label="第三方或被征求意见机关名称（征求意见书、决定公开告知书）",
        max_length=100,
        required=False,
    )
    party_type = forms.ChoiceField(
        label="第三方类型",
        choices=[("", "—"), ("org", "法人或其他组织"), ("person", "自然人")],
        required=False,
    )

    EXTRA_FIELDS = ("party_name", "party_type")

    def __init__(self, *args, **kwargs):
        from .letters import LETTER_KINDS

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(LETTER_KINDS.items())


class LetterDeliveryForm(forms.Form):
    letter = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices)
    date = date_field("送达日期")


class LetterVoidForm(forms.Form):
    letter = forms.IntegerField(widget=forms.HiddenInput)
    reason = note_field("作废原因", required=True)
    date = date_field("作废日期")
    reissue = forms.BooleanField(label="同时重新出具（新文号）", required=False, initial=True)
