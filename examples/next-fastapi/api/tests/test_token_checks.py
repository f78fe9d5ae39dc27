"""What the API accepts: only Better Auth's EdDSA tokens for this app, unexpired, for the path's user."""
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conftest import APP_ORIGIN, bearer

TASKS = "/api/v1/user-1/tasks"


def detail(response):
    return response.json()["detail"]


def test_a_good_token_is_accepted(client, make_token):
    response = client.get(TASKS, headers=bearer(make_token()))
    assert response.status_code == 200
    assert response.json() == {"tasks": []}
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


def test_no_token_is_401_with_cors(client):
    response = client.get(TASKS, headers={"Origin": APP_ORIGIN})
    assert response.status_code == 401
    assert detail(response) == "Not authenticated"
    assert response.headers["www-authenticate"] == "Bearer"
    # The page must be able to read the 401, so the CORS header is on it too.
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


def test_wrong_issuer_is_401(client, make_token):
    response = client.get(TASKS, headers=bearer(make_token(iss="http://evil.test")))
    assert (response.status_code, detail(response)) == (401, "Invalid token: wrong issuer")
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


def test_wrong_audience_is_401(client, make_token):
    response = client.get(TASKS, headers=bearer(make_token(aud="http://localhost:9999")))
    assert (response.status_code, detail(response)) == (401, "Invalid token: wrong audience")


def test_an_expired_token_is_401(client, make_token):
    past = int(time.time()) - 3600
    response = client.get(TASKS, headers=bearer(make_token(iat=past, exp=past + 900)))
    assert (response.status_code, detail(response)) == (401, "Invalid token: token expired")


def test_a_token_without_exp_is_401(client, make_token):
    response = client.get(TASKS, headers=bearer(make_token(exp=None)))
    assert response.status_code == 401
    assert "exp" in detail(response)


def test_a_bad_signature_is_401(client, make_token):
    # Same kid, another key: the JWKS key does not verify it.
    forged = make_token(key=Ed25519PrivateKey.generate())
    response = client.get(TASKS, headers=bearer(forged))
    assert (response.status_code, detail(response)) == (401, "Invalid token: bad signature")


def test_a_tampered_payload_is_401(client, make_token):
    header, payload, signature = make_token().split(".")
    other_header, other_payload, _ = make_token(sub="user-2").split(".")
    response = client.get("/api/v1/user-2/tasks", headers=bearer(f"{header}.{other_payload}.{signature}"))
    assert (response.status_code, detail(response)) == (401, "Invalid token: bad signature")


def test_an_unknown_key_id_is_401(client, make_token):
    response = client.get(TASKS, headers=bearer(make_token(kid="other-key")))
    assert (response.status_code, detail(response)) == (401, "Invalid token: unknown signing key")


def test_an_hmac_token_is_401(client, make_token):
    # A token signed with a shared secret (or the public key used as one) is never accepted: EdDSA only.
    response = client.get(TASKS, headers=bearer(make_token(key="a-shared-secret-a-shared-secret!", algorithm="HS256")))
    assert response.status_code == 401


def test_garbage_is_401(client):
    response = client.get(TASKS, headers=bearer("not-a-jwt"))
    assert (response.status_code, detail(response)) == (401, "Invalid token: malformed token")


def test_another_users_tasks_are_403(client, make_token):
    response = client.get("/api/v1/user-2/tasks", headers=bearer(make_token(sub="user-1")))
    assert (response.status_code, detail(response)) == (403, "Access denied")
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


def test_crud_for_the_tokens_user(client, make_token):
    headers = bearer(make_token())
    created = client.post(TASKS, json={"title": "Buy milk"}, headers=headers)
    assert created.status_code == 201
    task = created.json()["task"]
    assert (task["title"], task["completed"]) == ("Buy milk", False)
    updated = client.put(f"{TASKS}/{task['id']}", json={"completed": True}, headers=headers)
    assert updated.json()["task"]["completed"] is True
    assert [t["title"] for t in client.get(TASKS, headers=headers).json()["tasks"]] == ["Buy milk"]
    assert client.delete(f"{TASKS}/{task['id']}", headers=headers).status_code == 204
    missing = client.delete(f"{TASKS}/{task['id']}", headers=headers)
    assert (missing.status_code, detail(missing)) == (404, "Task not found")


def test_a_bad_body_is_422_with_field_errors(client, make_token):
    response = client.post(TASKS, json={"title": ""}, headers=bearer(make_token()))
    assert response.status_code == 422
    errors = detail(response)
    assert [e["loc"] for e in errors] == [["body", "title"]]
    assert all({"loc", "msg", "type"} <= set(e) for e in errors)


def test_a_bad_body_without_a_token_is_401(client):
    response = client.post(TASKS, json={"title": ""}, headers={"Origin": APP_ORIGIN})
    assert response.status_code == 401


def test_preflight_allows_the_authorization_header(client):
    response = client.options(
        TASKS,
        headers={
            "Origin": APP_ORIGIN,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "authorization" in response.headers["access-control-allow-headers"].lower()


def test_another_origin_gets_no_cors(client, make_token):
    response = client.get(TASKS, headers={**bearer(make_token()), "Origin": "http://evil.test"})
    assert "access-control-allow-origin" not in response.headers


def test_test_hooks_are_off_by_default(client):
    assert client.post("/test/refuse-next").status_code == 404
    assert client.get("/test/calls").status_code == 404
