"""Form helpers shared by the staff pages."""


class ServiceProblemsMixin:
    """Puts a service's problems ("标签：原因") next to their fields; `PROBLEM_FIELDS` maps
    each label to a field name. Returns the problems that fit no field, to show above the form."""

    PROBLEM_FIELDS: dict[str, str] = {}

    def add_problems(self, problems: list[str]) -> list[str]:
        rest = []
        for problem in problems:
            label, _, text = problem.partition("：")
            field = self.PROBLEM_FIELDS.get(label)
            if field and text:
                self.add_error(field, text)
            else:
                rest.append(problem)
        return rest


class NoColonLabels:
    """Labels without the ASCII colon Django adds in `form.as_p` (zh-hans translates ":" as ":");
    Chinese pages put none after a label."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
