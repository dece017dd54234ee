"""Google, Facebook (Odoo's auth_oauth) and LinkedIn (OCA auth_oidc) logins against a local fake identity provider."""

import json
from unittest.mock import patch

from odoo import http
from odoo.tests import HttpCase, get_db_name, tagged
from odoo.tools import mute_logger

from .fake_identity_provider import FakeIdentityProvider, _rsa_key

LINKEDIN_TOKEN_URL = "https://www.linkedin.com/oauth/v2/accessToken"
LINKEDIN_JWKS_URL = "https://www.linkedin.com/oauth/openid/jwks"
# auth_oauth logs the refused tokens it cannot read as an exception before sending the visitor back to the login.
AUTH_OAUTH_LOGGER = "odoo.addons.auth_oauth.controllers.main"


@tagged("post_install", "-at_install")
class TestSocialLogin(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        if "website" in cls.env:  # the website's own setting wins over the parameter when website is installed
            cls.env["website"].search([]).auth_signup_uninvited = "b2c"
        cls.google = cls.env.ref("auth_oauth.provider_google")
        cls.facebook = cls.env.ref("auth_oauth.provider_facebook")
        cls.linkedin = cls.env.ref("auth_oidc_linkedin.provider_linkedin")
        cls.google.write({"enabled": True, "client_id": "stride-google-client"})
        cls.facebook.write({"enabled": True, "client_id": "stride-facebook-client"})
        cls.linkedin.write({"enabled": True, "client_id": "stride-linkedin-client", "client_secret": "li-secret"})
        cls.idp = FakeIdentityProvider(
            "stride-linkedin-client", client_secret="li-secret", token_url=LINKEDIN_TOKEN_URL,
            jwks_url=LINKEDIN_JWKS_URL,
        )

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Odoo's tests refuse every outgoing request; the fake LinkedIn answers its own URLs instead.
        answer = cls.idp.answer(r)
        return answer if answer is not None else super()._request_handler(s, r, **kw)

    def _signin(self, provider, **params):
        state = json.dumps({"d": get_db_name(), "p": provider.id})
        return self.url_open("/auth_oauth/signin", params={"state": state, **params}, allow_redirects=False)

    def _linkedin_signin(self, code):
        """Sign in with a LinkedIn code; the shop must have gone to the (fake) LinkedIn token endpoint for it."""
        requests_before = len(self.idp.token_requests)
        response = self._signin(self.linkedin, code=code)
        self.assertEqual(len(self.idp.token_requests), requests_before + 1)
        return response

    def _session_uid(self):
        return http.root.session_store.get(self.opener.cookies["session_id"]).uid

    def _oauth(self):
        users = type(self.env["res.users"])
        return patch.object(users, "_auth_oauth_rpc", lambda _self, endpoint, token: self.idp.userinfo(endpoint, token))

    def _assert_portal_customer_logged_in(self, response, provider, oauth_uid, email):
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("oauth_error", response.headers["Location"])
        user = self.env["res.users"].search([("oauth_provider_id", "=", provider.id), ("oauth_uid", "=", oauth_uid)])
        self.assertEqual(user.login, email)
        self.assertTrue(user._is_portal(), "a customer signing in with a social account gets a portal account")
        self.assertEqual(self._session_uid(), user.id)
        return user

    def _assert_refused(self, response, provider):
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login?oauth_error=", response.headers["Location"])
        self.assertFalse(self.env["res.users"].search([("oauth_provider_id", "=", provider.id)]))
        self.assertFalse(self._session_uid())

    def test_google_signin_creates_and_logs_in_a_portal_customer(self):
        token = self.idp.issue_access_token({"sub": "g-1001", "email": "mai@example.com", "name": "Mai Tran"})
        with self._oauth():
            response = self._signin(self.google, access_token=token)
        user = self._assert_portal_customer_logged_in(response, self.google, "g-1001", "mai@example.com")
        self.assertEqual(user.name, "Mai Tran")

    def test_facebook_signin_creates_and_logs_in_a_portal_customer(self):
        token = self.idp.issue_access_token({"id": "fb-2002", "email": "quang@example.com", "name": "Quang Le"})
        with self._oauth():
            response = self._signin(self.facebook, access_token=token)
        self._assert_portal_customer_logged_in(response, self.facebook, "fb-2002", "quang@example.com")

    def test_a_returning_google_customer_logs_in_to_the_same_account(self):
        token = self.idp.issue_access_token({"sub": "g-1001", "email": "mai@example.com", "name": "Mai Tran"})
        with self._oauth():
            first = self._assert_portal_customer_logged_in(
                self._signin(self.google, access_token=token), self.google, "g-1001", "mai@example.com")
            self.authenticate(None, None)
            token = self.idp.issue_access_token({"sub": "g-1001", "email": "mai@example.com", "name": "Mai Tran"})
            again = self._assert_portal_customer_logged_in(
                self._signin(self.google, access_token=token), self.google, "g-1001", "mai@example.com")
        self.assertEqual(first, again)

    def test_a_token_the_provider_did_not_issue_is_refused(self):
        with self._oauth(), mute_logger(AUTH_OAUTH_LOGGER):
            response = self._signin(self.google, access_token="forged-token")
            self._assert_refused(response, self.google)
            response = self._signin(self.facebook, access_token="<script>alert(1)</script>" + "٣" * 1000)
        self._assert_refused(response, self.facebook)

    def test_linkedin_signin_creates_and_logs_in_a_portal_customer(self):
        code = self.idp.authorize({"sub": "li-4004", "email": "vy@example.com", "name": "Vy Pham"})
        response = self._linkedin_signin(code)
        self._assert_portal_customer_logged_in(response, self.linkedin, "li-4004", "vy@example.com")
        token_request = self.idp.token_requests[-1]
        self.assertIn("client_secret=li-secret", token_request.body)
        self.assertNotIn("Authorization", token_request.headers, "one client authentication method per request")

    def test_linkedin_id_token_signed_by_another_key_is_refused(self):
        other_key, _jwk = _rsa_key()
        forged = self.idp.id_token({"sub": "li-5005", "email": "evil@example.com"}, key_pem=other_key)
        code = self.idp.authorize({"__id_token__": forged})
        with mute_logger(AUTH_OAUTH_LOGGER):
            response = self._linkedin_signin(code)
        self._assert_refused(response, self.linkedin)

    def test_linkedin_unsigned_id_token_is_refused(self):
        header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"  # {"alg":"none","typ":"JWT"}
        signed = self.idp.id_token({"sub": "li-6006", "email": "evil@example.com"})
        unsigned = f"{header}.{signed.split('.')[1]}."
        code = self.idp.authorize({"__id_token__": unsigned})
        with mute_logger(AUTH_OAUTH_LOGGER):
            response = self._linkedin_signin(code)
        self._assert_refused(response, self.linkedin)

    def test_linkedin_id_token_for_another_client_is_refused(self):
        other_audience = self.idp.id_token({"sub": "li-7007", "email": "evil@example.com"}, audience="someone-else")
        code = self.idp.authorize({"__id_token__": other_audience})
        with mute_logger(AUTH_OAUTH_LOGGER):
            response = self._linkedin_signin(code)
        self._assert_refused(response, self.linkedin)

    def test_linkedin_code_used_twice_is_refused(self):
        code = self.idp.authorize({"sub": "li-8008", "email": "an@example.com"})
        self._linkedin_signin(code)
        self.authenticate(None, None)
        with mute_logger(AUTH_OAUTH_LOGGER):
            response = self._linkedin_signin(code)
        self.assertIn("/web/login?oauth_error=", response.headers["Location"])
        self.assertFalse(self._session_uid())
