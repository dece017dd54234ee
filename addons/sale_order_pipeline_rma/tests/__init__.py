from . import test_pipeline_returns, test_pipeline_returns_portal
