"""A local identity provider for the login tests: no network, keys made for the test run."""

import json
import secrets
import time
from urllib.parse import parse_qs

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwt
from jose.utils import long_to_base64


def _rsa_key():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode()
    numbers = key.public_key().public_numbers()
    jwk = {
        "kty": "RSA",
        "use": "sig",
        "alg": "RS256",
        "kid": "fake-idp-key",
        "n": long_to_base64(numbers.n).decode(),
        "e": long_to_base64(numbers.e).decode(),
    }
    return pem, jwk


class FakeIdentityProvider:
    """Issues codes, access tokens and RS256-signed ID tokens for the people it knows, as an IdP would."""

    def __init__(self, client_id, client_secret=None, token_url=None, jwks_url=None):
        self.client_id = client_id
        self.routes = {("POST", token_url): self.token_endpoint, ("GET", jwks_url): self.jwks_endpoint}
        self.client_secret = client_secret
        self.private_pem, self.jwk = _rsa_key()
        self.codes = {}  # authorization code -> claims
        self.access_tokens = {}  # access token -> userinfo
        self.token_requests = []

    def authorize(self, claims):
        """The person with ``claims`` logged in at the provider: the code it sends back to the shop."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = claims
        return code

    def issue_access_token(self, userinfo):
        """An OAuth2 access token whose userinfo (Google, Facebook) is ``userinfo``."""
        token = secrets.token_urlsafe(24)
        self.access_tokens[token] = userinfo
        return token

    def id_token(self, claims, key_pem=None, audience=None, headers=None):
        now = int(time.time())
        body = {"iss": "https://idp.example", "aud": audience or self.client_id, "iat": now, "exp": now + 300, **claims}
        headers = headers or {"kid": "fake-idp-key"}
        return jwt.encode(body, key_pem or self.private_pem, algorithm="RS256", headers=headers)

    # -- endpoints: answered through Odoo's test HTTP handler, or as auth_oauth's RPC --

    def answer(self, prepared_request):
        """The provider's HTTP response to ``prepared_request``, or None when it is not one of its endpoints."""
        endpoint = self.routes.get((prepared_request.method, prepared_request.url.split("?")[0]))
        if endpoint is None:
            return None
        status, headers, body = endpoint(prepared_request)
        response = requests.Response()
        response.status_code = status
        response.headers.update(headers)
        response._content = body.encode()
        response.url = prepared_request.url
        response.request = prepared_request
        return response

    def token_endpoint(self, request):
        self.token_requests.append(request)
        body = request.body.decode() if isinstance(request.body, bytes) else request.body or ""
        form = {key: values[0] for key, values in parse_qs(body).items()}
        if self.client_secret and form.get("client_secret") != self.client_secret:
            return 401, {}, '{"error": "invalid_client"}'
        claims = self.codes.pop(form.get("code"), None)  # a code works once
        if claims is None:
            return 400, {}, '{"error": "invalid_grant"}'
        id_token = claims.pop("__id_token__", None) or self.id_token(claims)
        access_token = self.issue_access_token(claims)
        body = {"access_token": access_token, "token_type": "Bearer", "id_token": id_token}
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    def jwks_endpoint(self, request):
        return 200, {"Content-Type": "application/json"}, json.dumps({"keys": [self.jwk]})

    def userinfo(self, endpoint, access_token):
        """auth_oauth's `_auth_oauth_rpc`: the userinfo of a token this provider issued, else an OAuth error."""
        userinfo = self.access_tokens.get(access_token)
        return dict(userinfo) if userinfo else {"error": "invalid_token"}
