"""The project's git-ignored ``.local/`` folder (STRIDE_LOCAL_DIR moves it): scripts/serve keeps its PostgreSQL
cluster (``pg/``), Odoo's data_dir (``data/``) and logs there, scripts/backup its archives (``backups/``)."""

import os
from pathlib import Path

LOCAL = Path(os.environ.get("STRIDE_LOCAL_DIR") or Path(__file__).resolve().parents[2] / ".local")
LOCAL_PG_PORT = 54329  # the local cluster's port when scripts/serve or scripts/restore starts it
