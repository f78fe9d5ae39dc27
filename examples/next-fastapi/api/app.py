"""The tasks API: a resource server that trusts Better Auth's JWTs, on its own origin."""
import hashlib
from typing import Any, Dict, List, Optional

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from body_limit import BodyLimitMiddleware
from settings import Settings
from task_store import TaskCreate, TaskStore, TaskUpdate
from token_verifier import InvalidToken, KeyResolver, KeysUnavailable, TokenVerifier, jwks_key_resolver

UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}
# A task is a title and a description: 16 kB is far more than any honest request needs.
MAX_BODY_BYTES = 16 * 1024


class TestHooks:
    """Off by default. A log of what the API saw, and a one-shot refusal of a valid token (a lagging API)."""

    def __init__(self) -> None:
        self.calls: List[Dict[str, Any]] = []
        self.refuse_next = False

    def fingerprint(self, token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()[:16]


def create_app(settings: Settings, resolve_key: Optional[KeyResolver] = None) -> FastAPI:
    verifier = TokenVerifier(settings, resolve_key or jwks_key_resolver(settings.jwks_url))
    store = TaskStore()
    hooks = TestHooks() if settings.test_hooks else None
    app = FastAPI(title="Tasks API")

    def current_user_id(request: Request) -> str:
        """The token's `sub`, once the token checks out; 401 otherwise (the worker then retries once)."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HTTPException(401, "Not authenticated", headers=UNAUTHORIZED)
        try:
            claims = verifier.verify(token)
        except InvalidToken as error:
            raise HTTPException(401, f"Invalid token: {error}", headers=UNAUTHORIZED)
        except KeysUnavailable:
            raise HTTPException(503, "Cannot check tokens right now")
        if hooks is not None:
            request.state.token = {"fingerprint": hooks.fingerprint(token), "iat": claims["iat"]}
            if hooks.refuse_next:
                hooks.refuse_next = False
                raise HTTPException(401, "Invalid token: refused once (test hook)", headers=UNAUTHORIZED)
        return claims["sub"]

    def owner(user_id: str, sub: str = Depends(current_user_id)) -> str:
        """The path's user, who must be the token's: a valid token for another user is 403, not 404."""
        if user_id != sub:
            raise HTTPException(403, "Access denied")
        return user_id

    @app.get("/api/v1/{user_id}/tasks")
    def list_tasks(user_id: str = Depends(owner)):
        return {"tasks": store.list(user_id)}

    @app.post("/api/v1/{user_id}/tasks", status_code=201)
    def create_task(data: TaskCreate, user_id: str = Depends(owner)):
        return {"task": store.create(user_id, data)}

    @app.put("/api/v1/{user_id}/tasks/{task_id}")
    def update_task(task_id: int, data: TaskUpdate, user_id: str = Depends(owner)):
        task = store.update(user_id, task_id, data)
        if task is None:
            raise HTTPException(404, "Task not found")
        return {"task": task}

    @app.delete("/api/v1/{user_id}/tasks/{task_id}", status_code=204)
    def delete_task(task_id: int, user_id: str = Depends(owner)):
        if not store.delete(user_id, task_id):
            raise HTTPException(404, "Task not found")
        return Response(status_code=204)

    @app.get("/health")
    def health():
        return {"ok": True}

    if hooks is not None:

        @app.middleware("http")
        async def log_calls(request: Request, call_next):
            response = await call_next(request)
            if request.url.path.startswith("/api/") and request.method != "OPTIONS":
                hooks.calls.append(
                    {
                        "method": request.method,
                        "path": request.url.path,
                        "bearer": request.headers.get("authorization", "").lower().startswith("bearer "),
                        "status": response.status_code,
                        "token": getattr(request.state, "token", None),
                    }
                )
            return response

        @app.get("/test/calls")
        def calls():
            return {"calls": hooks.calls}

        @app.post("/test/refuse-next")
        def refuse_next():
            hooks.refuse_next = True
            return {"ok": True}

    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    # Added last, so it wraps everything: every answer carries CORS, 401s and 403s included (a browser
    # shows the page a CORS failure, not the API's status, when they are missing).
    app.add_middleware(
        CORSMiddleware,
        allow_origins=[settings.app_origin],
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )
    return app
