"""Test keys and tokens: an Ed25519 key as Better Auth's jwt plugin makes, its JWKS in a file the real
PyJWKClient reads (file:// URL, so no server), and a client for the app."""
import json
import sys
import time
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from jwt.algorithms import OKPAlgorithm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from settings import Settings  # noqa: E402

APP_ORIGIN = "http://localhost:3000"
KID = "test-key"


@pytest.fixture(scope="session")
def signing_key():
    return Ed25519PrivateKey.generate()


@pytest.fixture()
def settings(tmp_path, signing_key):
    jwk = json.loads(OKPAlgorithm.to_jwk(signing_key.public_key()))
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [{**jwk, "kid": KID, "alg": "EdDSA"}]}))
    return Settings.from_env({"APP_ORIGIN": APP_ORIGIN, "JWKS_URL": jwks.as_uri()})


@pytest.fixture()
def client(settings):
    return TestClient(create_app(settings))


@pytest.fixture()
def make_token(signing_key):
    def make(key=None, kid=KID, algorithm="EdDSA", **overrides):
        now = int(time.time())
        claims = {"sub": "user-1", "iss": APP_ORIGIN, "aud": APP_ORIGIN, "iat": now, "exp": now + 900}
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, key or signing_key, algorithm=algorithm, headers={"kid": kid})

    return make


def bearer(token):
    return {"Authorization": f"Bearer {token}", "Origin": APP_ORIGIN}
