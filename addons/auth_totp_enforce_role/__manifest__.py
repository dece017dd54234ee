{
    "name": "Two-Factor Authentication Required by Role",
    "summary": "Users of chosen groups (administrators, managers) must set up an authenticator app before the "
    "backend opens",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # auth_totp holds the authenticator codes, the setup wizard and the code check at login; base_setup the
    # settings page the group choice sits on.
    "depends": ["auth_totp", "base_setup"],
    "data": [
        "views/res_groups_views.xml",
        "views/res_config_settings_views.xml",
        "views/auth_totp_setup_templates.xml",
    ],
    "installable": True,
}
