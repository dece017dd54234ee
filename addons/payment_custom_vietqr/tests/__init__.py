from . import test_status_page_qr, test_wire_transfer_qr
