{
    "name": "Signup E-mail Confirmation",
    "summary": "A new account confirms its e-mail address, by a link or a 6-digit code, before it can log in",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # auth_signup holds the signup form, the signed tokens and the password reset this addon hooks into.
    "depends": ["auth_signup"],
    "data": [
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "views/auth_signup_confirm_email_templates.xml",
        "views/auth_signup_confirmation_views.xml",
    ],
    "installable": True,
}
