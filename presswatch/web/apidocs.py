"""The HTTP API's documentation at /docs: the app's own OpenAPI rendered as one local HTML page (no CDN)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from presswatch.web.render import render

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per path and method: summary, description, parameters, request body types, responses."""
    out = []
    for path, item in sorted(spec.get("paths", {}).items()):
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            params = [{"name": p.get("name"), "in": p.get("in"), "required": bool(p.get("required")),
                       "description": p.get("description") or (p.get("schema") or {}).get("description") or "",
                       "type": _type(p.get("schema") or {})} for p in op.get("parameters", [])]
            body = sorted(((op.get("requestBody") or {}).get("content") or {}).keys())
            out.append({"path": path, "method": method.upper(), "summary": op.get("summary") or "",
                        "description": op.get("description") or "", "params": params, "body": body,
                        "responses": [(code, r.get("description", "")) for code, r in
                                      sorted((op.get("responses") or {}).items())],
                        "anchor": f"{method}-{path.strip('/').replace('/', '-').replace('{', '').replace('}', '')}"})
    return out


def _type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"] if s.get("type") != "null") or "any"
    kind = str(schema.get("type", "any"))
    if kind == "integer" and ("minimum" in schema or "maximum" in schema):
        return f"integer {schema.get('minimum', '')}..{schema.get('maximum', '')}"
    return kind


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return render(request, "docs.html", spec=spec, ops=operations(spec))
