from odoo import fields, models


class AuthOauthProvider(models.Model):
    _inherit = "auth.oauth.provider"

    # OpenID Connect's default is HTTP Basic, which auth_oidc sends; LinkedIn accepts only the body
    # (client_secret_post, https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow).
    token_endpoint_auth_method = fields.Selection(
        [
            ("client_secret_basic", "HTTP Basic (client_secret_basic)"),
            ("client_secret_post", "In the request body (client_secret_post)"),
        ],
        string="Client Authentication",
        default="client_secret_basic",
        required=True,
        help="How the client id and secret reach the token endpoint in the OpenID Connect authorization code flow.",
    )
