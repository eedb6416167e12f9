"""Which app imports and exports which ledger (台账) kind."""

import importlib

from gongkai.core.errors import UserError
from gongkai.core.models import Agency

# kind → (module, importer, exporter). Each importer: (*, actor, agency, path) -> dict of counts;
# each exporter: (*, agency, path, year=None) -> int rows written.
LEDGERS = {
    "applications": ("gongkai.applications.ledger", "import_applications", "export_applications"),
    "appeals": ("gongkai.appeals.ledger", "import_appeals", "export_appeals"),
    "documents": ("gongkai.publications.ledger", "import_documents", "export_documents"),
    "publications": ("gongkai.publications.ledger", "import_publications", "export_publications"),
    "enforcement": ("gongkai.annual_reports.ledger", "import_enforcement", "export_enforcement"),
}
KIND_LABELS = {
    "applications": "依申请公开台账",
    "appeals": "复议诉讼台账",
    "documents": "规章和行政规范性文件台账",
    "publications": "主动公开信息台账",
    "enforcement": "行政执法和收费统计",
}


def ledger_function(kind: str, which: int):
    module_name, *names = LEDGERS[kind]
    return getattr(importlib.import_module(module_name), names[which])


def find_agency(name: str) -> Agency:
    agency = Agency.objects.filter(name=name.strip()).first()
    if agency is None:
        raise UserError(f"机关“{name}”不存在（gongkai agency list 可查看已有机关）。")
    return agency
