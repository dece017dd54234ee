from . import payment_method
