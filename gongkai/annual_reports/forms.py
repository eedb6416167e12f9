"""Staff forms for writing and reviewing the annual report. They only parse input; the services
check the rules and their UserError is shown on the page (HTTP 400)."""

from django import forms


def _text(label: str, *, required: bool = False, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": rows, "class": "narrative"}),
    )


class NarrativeForm(forms.Form):
    section1 = _text("一、总体情况", rows=18)
    section5 = _text("五、存在的主要问题及改进情况", rows=8)
    section6 = _text("六、其他需要报告的事项", rows=6)


class PublishForm(forms.Form):
    note = _text("更正说明（发布更正版本时必填）", rows=2)


class ReviseForm(forms.Form):
    reason = _text("更正原因", required=True, rows=2)
