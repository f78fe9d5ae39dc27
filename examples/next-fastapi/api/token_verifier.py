"""Checks the Bearer JWT the service worker attaches: signature (Better Auth's JWKS), iss, aud, exp."""
from typing import Any, Callable, Dict

import jwt

from settings import Settings

# Better Auth's jwt plugin signs with Ed25519 by default. Name the algorithm: never take it from the token.
ALGORITHMS = ["EdDSA"]

KeyResolver = Callable[[str], Any]


class InvalidToken(Exception):
    """The token is missing, malformed, or fails a check: the API answers 401."""


class KeysUnavailable(Exception):
    """The JWKS could not be fetched: the API answers 503 (not the caller's fault)."""


def jwks_key_resolver(jwks_url: str) -> KeyResolver:
    """The signing key for a token from the JWKS, by its `kid`; the key set is cached and refetched on a new kid."""
    client = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300)

    def resolve(token: str) -> Any:
        try:
            return client.get_signing_key_from_jwt(token).key
        except jwt.PyJWKClientError as error:
            if "Unable to find a signing key" in str(error):
                raise InvalidToken("unknown signing key") from error
            raise KeysUnavailable(str(error)) from error
        except jwt.DecodeError as error:
            raise InvalidToken("malformed token") from error

    return resolve


class TokenVerifier:
    def __init__(self, settings: Settings, resolve_key: KeyResolver):
        self._settings = settings
        self._resolve_key = resolve_key

    def verify(self, token: str) -> Dict[str, Any]:
        """The token's claims, once its signature, issuer, audience and expiry check out."""
        key = self._resolve_key(token)
        try:
            return jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                issuer=self._settings.issuer,
                audience=self._settings.audience,
                leeway=self._settings.leeway,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise InvalidToken("token expired") from error
        except jwt.InvalidIssuerError as error:
            raise InvalidToken("wrong issuer") from error
        except jwt.InvalidAudienceError as error:
            raise InvalidToken("wrong audience") from error
        except jwt.InvalidSignatureError as error:
            raise InvalidToken("bad signature") from error
        except jwt.InvalidTokenError as error:
            raise InvalidToken(str(error) or "invalid token") from error
