import requests

from odoo import models
from odoo.http import request


class ResUsers(models.Model):
    _inherit = "res.users"

    def _auth_oauth_get_tokens_auth_code_flow(self, oauth_provider, params):
        if oauth_provider.token_endpoint_auth_method != "client_secret_post" or not oauth_provider.client_secret:
            return super()._auth_oauth_get_tokens_auth_code_flow(oauth_provider, params)
        # auth_oidc's token request, with the client's credentials in the body instead of an Authorization header
        # (one method per request: RFC 6749 section 2.3).
        response = requests.post(
            oauth_provider.token_endpoint,
            data={
                "client_id": oauth_provider.client_id,
                "client_secret": oauth_provider.client_secret,
                "grant_type": "authorization_code",
                "code": params.get("code"),
                "code_verifier": oauth_provider.code_verifier,
                "redirect_uri": request.httprequest.url_root + "auth_oauth/signin",
            },
            timeout=10,
        )
        response.raise_for_status()
        tokens = response.json()
        return tokens.get("access_token"), tokens.get("id_token")
