"""The test-only hooks the end-to-end test uses: a log of calls and a one-shot refusal."""
from fastapi.testclient import TestClient

from app import create_app
from conftest import bearer
from settings import Settings


def test_refuse_next_refuses_one_valid_token_and_logs_it(settings, make_token):
    client = TestClient(create_app(Settings(**{**settings.__dict__, "test_hooks": True})))
    headers = bearer(make_token())
    client.post("/test/refuse-next")
    first = client.get("/api/v1/user-1/tasks", headers=headers)
    assert first.status_code == 401
    assert first.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/v1/user-1/tasks", headers=headers).status_code == 200
    calls = client.get("/test/calls").json()["calls"]
    assert [(c["status"], c["bearer"]) for c in calls] == [(401, True), (200, True)]
    assert calls[0]["token"]["fingerprint"] == calls[1]["token"]["fingerprint"]
