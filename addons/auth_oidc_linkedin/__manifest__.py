{
    "name": "LinkedIn Login (OpenID Connect)",
    "summary": "A LinkedIn provider for OCA auth_oidc, disabled until an administrator enters its keys",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "AGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # auth_oidc (OCA) holds the OpenID Connect code flow, PKCE and the ID token check; auth_oauth the login buttons.
    "depends": ["auth_oidc"],
    "data": [
        "views/auth_oauth_provider_views.xml",
        "data/auth_oauth_provider_data.xml",
    ],
    "installable": True,
}
