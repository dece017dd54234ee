{
    "name": "Password, Idle Session and Login Lock Policy",
    "summary": "Strong passwords with history, idle backend sessions closed after 2 hours, a login locked after "
    "10 failures",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # password_security (OCA) adds the character classes and the password history to auth_password_policy;
    # auth_session_timeout (OCA) closes idle sessions. This addon sets their policy and fixes what they miss.
    "depends": ["auth_password_policy", "password_security", "auth_session_timeout"],
    "data": [
        "data/ir_config_parameter_data.xml",
        "views/res_config_settings_views.xml",
    ],
    "installable": True,
}
