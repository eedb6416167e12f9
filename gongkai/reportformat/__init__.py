"""The statutory annual report (政府信息公开工作年度报告) as plain Python: format data, model, rules,
narrative checks, renderers and parsers. No Django import here or below (``gongkai check`` must start
fast); heavy libraries (python-docx, pypdf, WeasyPrint) are imported inside the functions using them.

Public API (import from the modules):
  formats      FORMAT_2021/2019, TABLE2_ROWS_2021, table3_rows(fmt), T3_COLUMNS, T4_BLOCKS/T4_COLUMNS,
               SECTION_TITLES, section_heading(k), default_deadline(year, kind), guess_agency_kind(name)
  model        AnnualReport, empty_model(year, agency, fmt="2021"), to_dict(m), from_dict(d)
  rules        check(model, *, previous=None, deadline=None, may_make_rules=None) -> list[Finding]
  findings     Finding(code, location, message, expected, found, severity), RULE_CODES, RULE_NAMES
  narrative    draft_section_one_proactive(total, [(name, n)]), draft_section_one_requests(m),
               draft_appeals(m), draft_section_six_fees(yuan), extract_fees_yuan(text)
  render_text  render_text(m) -> str          render_html  render_html_fragment(m), render_html_document(m)
  render_docx  render_docx(m) -> bytes        render_pdf   render_pdf(m) -> bytes
  parse        parse_file(path) / parse_bytes(data, name) -> ParseResult(model, findings, format_name,
               source_kind); raises ReportParseError (Chinese message) for unreadable input
  schema       json_schema() (published as docs/annual-report-model.schema.json)
  checkcli     main(argv) -> exit code, for `gongkai check`
  sample       sample_model(seed, year=, agency=) — a consistent report for tests, demos, benchmarks
"""
