"""The statutory annual report (政府信息公开工作年度报告) as plain Python: format data, model, rules,
narrative checks, renderers and parsers. No Django import here or below (``gongkai check`` must start
fast); heavy libraries (python-docx, pypdf, WeasyPrint) are imported inside the functions using them.
"""
