"""Records the error answers of a real FastAPI app (the seed's tasks API in small) for to-api-error's tests.

Run with Debian's Python, which has the packages (apt-get install python3-fastapi python3-uvicorn
python3-httpx):

    /usr/bin/python3 src/test-support/record-fastapi-errors.py

It writes src/test-support/fastapi-errors.json: for each case, the request, and the status, content type
and body exactly as FastAPI answered them (through Starlette's TestClient, the app's own ASGI stack).
"""

import json
import sys
from pathlib import Path
from typing import Optional

import fastapi
import pydantic
from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

app = FastAPI()
TOKEN = "good-token"
USER = "alice"
TASKS = {1: {"id": 1, "title": "Buy milk", "description": "", "completed": False}}


class TaskIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10000)
    completed: bool = False


def current_user(authorization: Optional[str] = Header(None)) -> str:
    if authorization != f"Bearer {TOKEN}":
        raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return USER


def owner(user_id: str, user: str = Depends(current_user)) -> str:
    if user_id != user:
        raise HTTPException(403, "This token belongs to another user")
    return user


@app.get("/api/v1/{user_id}/tasks")
def list_tasks(user_id: str, limit: int = Query(50, ge=1, le=100), _: str = Depends(owner)):
    return {"tasks": list(TASKS.values())[:limit]}


@app.post("/api/v1/{user_id}/tasks", status_code=201)
def create_task(user_id: str, task: TaskIn, _: str = Depends(owner)):
    if task.title == "duplicate":
        raise HTTPException(409, {"code": "duplicate", "message": "A task with this title exists"})
    if task.title == "bad":
        raise HTTPException(400, "Title may not be 'bad'")
    if task.title == "crash":
        raise RuntimeError("boom")
    return {"task": {"id": 2, **task.dict()}}


@app.put("/api/v1/{user_id}/tasks/{task_id}")
def update_task(user_id: str, task_id: int, task: TaskIn, _: str = Depends(owner)):
    if task_id not in TASKS:
        raise HTTPException(404, "Task not found")
    return {"task": {"id": task_id, **task.dict()}}


AUTH = {"authorization": f"Bearer {TOKEN}"}
CASES = [
    ("no token", "GET", f"/api/v1/{USER}/tasks", {}, None),
    ("another user", "GET", "/api/v1/bob/tasks", AUTH, None),
    ("unknown task", "PUT", f"/api/v1/{USER}/tasks/999", AUTH, {"title": "x"}),
    ("unknown route", "GET", "/api/v2/nothing", AUTH, None),
    ("missing and too long fields", "POST", f"/api/v1/{USER}/tasks", AUTH, {"description": "d" * 10001}),
    ("wrong types", "POST", f"/api/v1/{USER}/tasks", AUTH, {"title": "x", "completed": "maybe"}),
    ("bad path and body", "PUT", f"/api/v1/{USER}/tasks/abc", AUTH, {"completed": True}),
    ("query out of range", "GET", f"/api/v1/{USER}/tasks?limit=0", AUTH, None),
    ("body that is not JSON", "POST", f"/api/v1/{USER}/tasks", {**AUTH, "content-type": "application/json"}, "{not json"),
    ("HTTPException 400", "POST", f"/api/v1/{USER}/tasks", AUTH, {"title": "bad"}),
    ("HTTPException with an object detail", "POST", f"/api/v1/{USER}/tasks", AUTH, {"title": "duplicate"}),
    ("method not allowed", "DELETE", f"/api/v1/{USER}/tasks", AUTH, None),
    ("unhandled exception", "POST", f"/api/v1/{USER}/tasks", AUTH, {"title": "crash"}),
]


def main() -> None:
    client = TestClient(app, raise_server_exceptions=False)
    cases = []
    for name, method, path, headers, body in CASES:
        kwargs = {"headers": headers}
        if isinstance(body, str):
            kwargs["content"] = body
        elif body is not None:
            kwargs["json"] = body
        res = client.request(method, path, **kwargs)
        cases.append(
            {
                "name": name,
                "request": f"{method} {path}",
                "status": res.status_code,
                "contentType": res.headers.get("content-type"),
                "body": res.text,
            }
        )
    out = {
        "recordedWith": f"FastAPI {fastapi.__version__}, pydantic {pydantic.VERSION} (Debian's python3-fastapi)",
        "regenerate": "/usr/bin/python3 src/test-support/record-fastapi-errors.py",
        "cases": cases,
    }
    target = Path(__file__).with_name("fastapi-errors.json")
    target.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {len(cases)} answers to {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
