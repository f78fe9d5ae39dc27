"""Where the API finds Better Auth's keys and which tokens it accepts, from the environment."""
import os
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Settings:
    # The Next.js app's origin: Better Auth's baseURL, so the JWT's issuer and audience, and CORS.
    app_origin: str
    # Better Auth's public keys (the jwt plugin serves them at <baseURL>/api/auth/jwks).
    jwks_url: str
    issuer: str
    audience: str
    # Seconds of clock skew tolerated on exp, between the auth server's clock and this one.
    leeway: int = 0
    # Test-only routes under /test (a request log, a one-shot refusal). Never on in production.
    test_hooks: bool = False

    @staticmethod
    def from_env(env: Mapping[str, str] = os.environ) -> "Settings":
        app_origin = env.get("APP_ORIGIN", "http://localhost:3000").rstrip("/")
        return Settings(
            app_origin=app_origin,
            jwks_url=env.get("JWKS_URL", f"{app_origin}/api/auth/jwks"),
            issuer=env.get("JWT_ISSUER", app_origin),
            audience=env.get("JWT_AUDIENCE", app_origin),
            leeway=int(env.get("JWT_LEEWAY_SECONDS", "0")),
            test_hooks=env.get("API_TEST_HOOKS") == "1",
        )
