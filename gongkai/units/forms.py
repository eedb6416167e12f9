from django import forms

from .choices import Rhythm


class TaskForm(forms.Form):
    unit = forms.ModelChoiceField(label="报送单位", queryset=None, empty_label="请选择")
    title = forms.CharField(label="任务", max_length=200, initial="每月报送本站所工作动态")
    rhythm = forms.ChoiceField(label="频次", choices=Rhythm.choices)
    starts_on = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}))
    due_on = forms.DateField(
        label="截止日期（一次性任务）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class SubmitForm(forms.Form):
    task = forms.ModelChoiceField(
        label="报送任务", queryset=None, required=False, empty_label="（不属于报送任务）"
    )
    column = forms.CharField(label="栏目", max_length=50, initial="工作动态")
    title = forms.CharField(label="标题", max_length=300)
    body = forms.CharField(label="正文", widget=forms.Textarea, required=False)
    formed_on = forms.DateField(
        label="成文日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks
