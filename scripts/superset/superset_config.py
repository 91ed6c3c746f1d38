"""superset_config.py for Apache Superset with ChatBI's Ask panel, as run-superset.sh starts it (and
test/superset.e2e-spec.ts through it). Everything secret comes from the environment:
SUPERSET_SECRET_KEY, CHATBI_URL (ChatBI as Superset's backend reaches it) and
CHATBI_TRUSTED_PROXY_SECRET (the same value ChatBI has)."""

import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2] / "superset-plugin" / "superset"))

from chatbi_superset import chatbi_blueprint  # noqa: E402

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = f"sqlite:///{Path(os.environ['SUPERSET_HOME']).resolve() / 'superset.db'}"
# Superset 6.x still loads plugin bundles with this flag; chatbi_blueprint answers the endpoint it asks.
FEATURE_FLAGS = {"DYNAMIC_PLUGINS": True}
# Every chart needs a dataset, though the panel's data comes from ChatBI: a SQLite file will do here.
PREVENT_UNSAFE_DB_CONNECTIONS = False
BLUEPRINTS = [chatbi_blueprint(chatbi_url=os.environ["CHATBI_URL"], trusted_proxy_secret=os.environ["CHATBI_TRUSTED_PROXY_SECRET"])]
