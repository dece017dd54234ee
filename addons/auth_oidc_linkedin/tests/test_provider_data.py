from urllib.parse import parse_qs, urlparse

from odoo.tests import TransactionCase, tagged

from odoo.addons.auth_oidc.controllers.main import OpenIDLogin
from odoo.addons.http_routing.tests.common import MockRequest


@tagged("post_install", "-at_install")
class TestLinkedinProviderData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.linkedin = cls.env.ref("auth_oidc_linkedin.provider_linkedin")

    def _login_buttons(self):
        with MockRequest(self.env) as request:
            request.httprequest.url_root = "https://shop.example/"
            request.params = {}
            return {provider["id"]: provider for provider in OpenIDLogin().list_providers()}

    def test_social_providers_ship_disabled_and_without_keys(self):
        google, facebook = self.env.ref("auth_oauth.provider_google"), self.env.ref("auth_oauth.provider_facebook")
        social = self.linkedin | google | facebook
        self.assertEqual(social.mapped("enabled"), [False, False, False])
        self.assertFalse(any(social.mapped("client_id")))
        self.assertFalse(self.linkedin.client_secret)
        self.assertFalse(set(social.ids) & set(self._login_buttons()))

    def test_linkedin_is_an_openid_connect_code_flow_with_the_secret_in_the_body(self):
        self.assertEqual(self.linkedin.flow, "id_token_code")
        self.assertEqual(self.linkedin.token_endpoint_auth_method, "client_secret_post")
        self.assertEqual(self.linkedin.token_endpoint, "https://www.linkedin.com/oauth/v2/accessToken")
        self.assertEqual(self.linkedin.jwks_uri, "https://www.linkedin.com/oauth/openid/jwks")
        self.assertEqual(set(self.linkedin.scope.split()), {"openid", "profile", "email"})

    def test_an_enabled_linkedin_shows_a_login_button_with_pkce_and_the_shop_redirect(self):
        self.linkedin.write({"enabled": True, "client_id": "stride-linkedin-client", "client_secret": "li-secret"})
        button = self._login_buttons()[self.linkedin.id]
        link = urlparse(button["auth_link"])
        params = parse_qs(link.query)
        self.assertEqual(f"{link.scheme}://{link.netloc}{link.path}", "https://www.linkedin.com/oauth/v2/authorization")
        self.assertEqual(params["client_id"], ["stride-linkedin-client"])
        self.assertEqual(params["response_type"], ["code"])
        self.assertEqual(params["redirect_uri"], ["https://shop.example/auth_oauth/signin"])
        self.assertEqual(params["code_challenge_method"], ["S256"])
        self.assertNotIn("li-secret", button["auth_link"])
