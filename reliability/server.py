"""`reliability serve`: the scorer behind HTTP, for a CMS that asks before it publishes.

`POST /score` takes `{"text": ..., "id": ...}` or a list of them and answers with the records
`score -f json` prints (one object for one object, a list for a list). `GET /health` says the
model is loaded. The model is chosen when the server starts and never by a request: model files
are pickles, and loading one named by a caller would run the caller's code. Bodies are read in
chunks and refused past a byte limit before they are parsed, so a client cannot make the server
hold an arbitrarily large request in memory.
"""
# No `from __future__ import annotations`: FastAPI reads the endpoint's parameter annotations
# (`request: Request`) at definition time, and Request is imported inside create_app.
import json
from typing import Any

from reliability.inputs import DEFAULT_MAX_CHARS, Item, item_from_record

DEFAULT_MAX_REQUEST_BYTES = 5_000_000


def create_app(scorer, max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
               max_chars: int = DEFAULT_MAX_CHARS):
    """A FastAPI app around one loaded `Scorer` (no API docs pages: they load scripts from a CDN)."""
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse
    from starlette.concurrency import run_in_threadpool

    app = FastAPI(title="reliability", docs_url=None, redoc_url=None, openapi_url=None)
    model_sha256 = scorer.model.card.get("model_sha256")

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "model_sha256": model_sha256}

    @app.post("/score")
    async def score(request: Request) -> JSONResponse:
        body = await _read_limited(request, max_request_bytes)
        if body is None:
            return _error(413, f"request larger than {max_request_bytes:,} bytes")
        try:
            payload = json.loads(body)
        except ValueError as exc:
            return _error(400, f"bad JSON: {exc}")
        if isinstance(payload, list):
            items = [item_from_record(f"#{n}", row, max_chars) for n, row in enumerate(payload, 1)]
            return JSONResponse(await run_in_threadpool(_records, scorer, items))
        record = (await run_in_threadpool(_records, scorer, [item_from_record("-", payload, max_chars)]))[0]
        return JSONResponse(record, status_code=422 if "error" in record else 200)

    return app


async def _read_limited(request, limit: int) -> bytes | None:
    """The body, or None as soon as it (or its declared length) passes `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _records(scorer, items: list[Item]) -> list[dict[str, Any]]:
    """In batches, as the CLI scores them; unreadable items keep their place as error rows."""
    from reliability.batching import score_items

    return [result.to_dict() for result in score_items(items, scorer)]


def _error(status: int, message: str):
    from fastapi.responses import JSONResponse

    return JSONResponse({"error": message}, status_code=status)


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
