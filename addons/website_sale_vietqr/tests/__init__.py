from . import test_confirmation_qr
