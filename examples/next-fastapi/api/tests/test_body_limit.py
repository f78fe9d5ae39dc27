"""Bodies are capped: a declared or streamed body over the cap gets a 413 with a detail (and CORS), the API
keeps answering, and bodies under the cap are untouched."""
from conftest import APP_ORIGIN, bearer

from app import MAX_BODY_BYTES


def test_declared_body_over_the_cap_is_refused_with_413_and_cors(client, make_token):
    response = client.post(
        "/api/v1/user-1/tasks",
        content=b"x" * (MAX_BODY_BYTES + 1),
        headers={**bearer(make_token()), "content-type": "application/json"},
    )
    assert response.status_code == 413
    assert "detail" in response.json()
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


def test_streamed_body_over_the_cap_is_refused_with_413(client, make_token):
    def chunks():
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b"x" * 1024

    response = client.post(
        "/api/v1/user-1/tasks",
        content=chunks(),
        headers={**bearer(make_token()), "content-type": "application/json"},
    )
    assert response.status_code == 413
    assert "detail" in response.json()


def test_malformed_and_small_bodies_still_get_their_answers_after_a_refusal(client, make_token):
    headers = {**bearer(make_token()), "content-type": "application/json"}
    client.post("/api/v1/user-1/tasks", content=b"x" * (MAX_BODY_BYTES + 1), headers=headers)
    bad = client.post("/api/v1/user-1/tasks", content=b"{not json", headers=headers)
    assert bad.status_code == 422
    assert isinstance(bad.json()["detail"], list)
    good = client.post("/api/v1/user-1/tasks", json={"title": "a" * 100}, headers=bearer(make_token()))
    assert good.status_code == 201
