from . import test_install, test_metrics_batch, test_metrics_currency, test_metrics_flow
