from . import payment_stripe
