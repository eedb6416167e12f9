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

    def place_problems(self, problems: list[str]) -> None:
        """In `clean()`: the service's checks go next to the fields the form itself found nothing
        wrong with (so every problem is shown at once, none twice)."""
        for problem in problems:
            label, _, text = problem.partition("：")
            field = self.PROBLEM_FIELDS.get(label)
            if field and text and field not in self.errors:
                self.add_error(field, text)
