"""The OpenAPI 3.0 description of the read-only API (api.py), written by hand: it is small, and a
test checks it against the OpenAPI 3.0 structure and against the routes that really exist."""

from __future__ import annotations


def _param(name, where, description, *, minimum=1, maximum=None, required=False) -> dict:
    schema = {"type": "integer", "minimum": minimum}
    if maximum is not None:
        schema["maximum"] = maximum
    return {
        "name": name,
        "in": where,
        "required": required or where == "path",
        "description": description,
        "schema": schema,
    }


PAGING = [
    _param("page", "query", "页码，从 1 开始"),
    _param("page_size", "query", "每页条数，默认 20，最多 100", maximum=100),
]
FILTER_AGENCY = _param("agency", "query", "机关编号（只含该机关本身）")
FILTER_YEAR = _param(
    "year", "query", "年度（信息的发布年度或年报的报告年度）", minimum=1990, maximum=2100
)
JSON = "application/json"


def _ok(description: str, ref: str) -> dict:
    return {
        "200": {
            "description": description,
            "headers": {
                "ETag": {
                    "description": "内容标识，可用于 If-None-Match",
                    "schema": {"type": "string"},
                }
            },
            "content": {JSON: {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
        },
        "304": {"description": "内容未变化（If-None-Match 与 ETag 相同）"},
    }


def _errors(*codes: str) -> dict:
    text = {"400": "参数错误", "404": "不存在或尚未发布"}
    return {
        c: {
            "description": text[c],
            "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for c in codes
    }


def _paged(ref: str) -> dict:
    return {
        "type": "object",
        "required": ["count", "page", "pages", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer"},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "next": {"type": "string", "format": "uri", "nullable": True},
            "previous": {"type": "string", "format": "uri", "nullable": True},
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
        },
    }


NAMED = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
}
COUNTS = {"type": "object", "additionalProperties": {"type": "integer", "nullable": True}}


def openapi_document(server: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "政府信息公开开放数据接口",
            "version": "1.0",
            "description": "只读接口：已发布的主动公开信息和已发布的政府信息公开工作年度报告。"
            "草稿、审核中和已撤回的信息以及申请人信息不在其中。",
        },
        "servers": [{"url": server.rstrip("/")}],
        "paths": {
            "/api/": {
                "get": {
                    "operationId": "index",
                    "summary": "接口列表",
                    "responses": {
                        "200": {
                            "description": "各接口的地址和说明",
                            "content": {JSON: {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
            "/api/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "本说明文档（OpenAPI 3.0）",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 文档",
                            "content": {JSON: {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
            "/api/items/": {
                "get": {
                    "operationId": "listItems",
                    "summary": "已发布的主动公开信息，按发布日期由新到旧",
                    "parameters": [
                        FILTER_AGENCY,
                        _param("column", "query", "栏目编号"),
                        FILTER_YEAR,
                        *PAGING,
                    ],
                    "responses": {**_ok("一页信息", "ItemPage"), **_errors("400")},
                }
            },
            "/api/items/{id}/": {
                "get": {
                    "operationId": "getItem",
                    "summary": "一条已发布的主动公开信息",
                    "parameters": [_param("id", "path", "信息编号")],
                    "responses": {**_ok("信息", "Item"), **_errors("404")},
                }
            },
            "/api/reports/": {
                "get": {
                    "operationId": "listReports",
                    "summary": "已发布的年度报告（每份取最新更正版本）",
                    "parameters": [FILTER_AGENCY, FILTER_YEAR, *PAGING],
                    "responses": {**_ok("一页年度报告", "ReportPage"), **_errors("400")},
                }
            },
            "/api/reports/{agency_id}/{year}/": {
                "get": {
                    "operationId": "getReportModel",
                    "summary": "一份已发布年度报告的数据（年报数据模型，发布时冻结）",
                    "parameters": [
                        _param("agency_id", "path", "机关编号"),
                        _param("year", "path", "报告年度", minimum=1990, maximum=2100),
                    ],
                    "responses": {**_ok("年报数据", "ReportModel"), **_errors("404")},
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string", "description": "中文说明"}},
                },
                "Named": NAMED,
                "Item": {
                    "type": "object",
                    "required": ["id", "title", "url", "agency", "column", "published_on"],
                    "properties": {
                        "id": {"type": "integer"},
                        "title": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                        "agency": {"$ref": "#/components/schemas/Named"},
                        "column": {"$ref": "#/components/schemas/Named"},
                        "publisher": {"type": "string", "description": "发布机构"},
                        "doc_number": {"type": "string", "description": "文号"},
                        "formed_on": {
                            "type": "string",
                            "format": "date",
                            "nullable": True,
                            "description": "成文日期",
                        },
                        "published_on": {
                            "type": "string",
                            "format": "date",
                            "nullable": True,
                            "description": "发布日期",
                        },
                        "body": {"type": "string", "description": "正文"},
                    },
                },
                "ItemPage": _paged("Item"),
                "Report": {
                    "type": "object",
                    "required": ["agency", "year", "revision", "published_at", "url", "model_url"],
                    "properties": {
                        "agency": {"$ref": "#/components/schemas/Named"},
                        "year": {"type": "integer"},
                        "revision": {
                            "type": "integer",
                            "description": "0 为首次发布，1、2… 为更正",
                        },
                        "published_at": {"type": "string", "format": "date-time"},
                        "url": {"type": "string", "format": "uri"},
                        "model_url": {"type": "string", "format": "uri"},
                    },
                },
                "ReportPage": _paged("Report"),
                "ReportModel": {
                    "type": "object",
                    "description": "年报数据模型（docs/annual-report-model.schema.json）："
                    "table2 主动公开，table3 依申请公开，table4 复议诉讼。",
                    "required": ["format", "year", "agency", "table2", "table3", "table4"],
                    "properties": {
                        "format": {"type": "string", "enum": ["2021", "2019"]},
                        "year": {"type": "integer"},
                        "agency": {"type": "string"},
                        "table2": {"type": "object"},
                        "table3": {"type": "object", "additionalProperties": COUNTS},
                        "table4": {"type": "object", "additionalProperties": COUNTS},
                    },
                },
            }
        },
    }
