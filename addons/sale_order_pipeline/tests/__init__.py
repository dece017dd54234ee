from . import (
    test_pipeline_access,
    test_pipeline_api,
    test_pipeline_carrier_callback,
    test_pipeline_feedback,
    test_pipeline_flow,
    test_pipeline_kanban_phone,
    test_pipeline_migration,
    test_pipeline_notifications,
    test_pipeline_portal,
    test_pipeline_replaying_history,
    test_pipeline_tracking,
    test_pipeline_transit,
)
