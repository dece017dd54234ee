from odoo import models

ACCOUNT_CREATED_TEMPLATE = "auth_signup.mail_template_user_signup_account_created"


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def send_mail(self, res_id, force_send=False, raise_exception=False, email_values=None,
                  email_layout_xmlid=False):
        # auth_signup's /web/signup mails "account created" right after the signup. A signup that waits for its
        # confirmation has just been sent our mail, which is the one it needs: a second mail, welcoming an
        # account that cannot log in yet, would only confuse. Invited signups and every other mail are untouched.
        if self.env.context.get("signup_confirm_email_skip_account_created") and self == self.env.ref(
            ACCOUNT_CREATED_TEMPLATE, raise_if_not_found=False
        ):
            return False
        return super().send_mail(
            res_id, force_send=force_send, raise_exception=raise_exception, email_values=email_values,
            email_layout_xmlid=email_layout_xmlid,
        )
