"""ChatBI's Ask panel in Apache Superset, from superset_config.py, without rebuilding Superset.

One Flask blueprint does three things:

- answers ``/dynamic-plugins/api/read`` (the endpoint Superset's frontend still asks when the
  ``DYNAMIC_PLUGINS`` feature flag is on, though 6.x dropped its backend) with the panel's bundle;
- serves that bundle (``npm run build:superset`` in superset-plugin writes ``dist/superset``);
- forwards the panel's requests (``/chatbi/api/...``) to ChatBI from Superset's backend, for logged-in
  users only, with the user signed for ChatBI: ``X-ChatBI-User`` (base64url of JSON ``{"sub", "name",
  "email", "roles", "iat"}``) and ``X-ChatBI-Signature`` (hex HMAC-SHA256 of that exact value, keyed
  with the secret ChatBI has as ``CHATBI_TRUSTED_PROXY_SECRET``). The browser never learns ChatBI's
  address.

In superset_config.py::

    import os, sys
    sys.path.append("/opt/chatbi/superset-plugin/superset")
    from chatbi_superset import chatbi_blueprint

    FEATURE_FLAGS = {"DYNAMIC_PLUGINS": True}
    BLUEPRINTS = [chatbi_blueprint(chatbi_url=os.environ["CHATBI_URL"],
                                   trusted_proxy_secret=os.environ["CHATBI_TRUSTED_PROXY_SECRET"])]
"""

import base64
import hashlib
import hmac
import json
import time
from pathlib import Path
from typing import Any, Mapping, Optional
from urllib.parse import quote, urlencode

import requests
from flask import Blueprint, Response, jsonify, request, send_from_directory
from flask_login import current_user

VIZ_KEY = "chatbi_ask"
BUNDLE_FILE = "chatbi-ask.js"
DEFAULT_BUNDLE_DIR = Path(__file__).resolve().parent.parent / "dist" / "superset"
MIN_SECRET_LENGTH = 32
# A little above ChatBI's own limit for a question (CHATBI_ASK_TIMEOUT_MS, 60 s by default).
ASK_TIMEOUT_SECONDS = 65
SHORT_TIMEOUT_SECONDS = 10


def signed_user_headers(user: Mapping[str, Any], secret: str, now: Optional[float] = None) -> dict:
    """The two headers ChatBI's TrustedUserVerifier checks, for a user {"sub", "name", "email", "roles"}."""
    claims = {**user, "iat": int(time.time() if now is None else now)}
    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    value = base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii")
    signature = hmac.new(secret.encode("utf-8"), value.encode("ascii"), hashlib.sha256).hexdigest()
    return {"X-ChatBI-User": value, "X-ChatBI-Signature": signature}


def superset_user_claims(user: Any) -> dict:
    """Who is logged in to Superset, as ChatBI receives it: username, name, email and role names."""
    name = " ".join(part for part in (user.first_name, user.last_name) if part)
    return {
        "sub": user.username,
        "name": name or user.username,
        "email": user.email or "",
        "roles": [role.name for role in user.roles],
    }


def chatbi_blueprint(
    chatbi_url: str,
    trusted_proxy_secret: str,
    bundle_dir: Path = DEFAULT_BUNDLE_DIR,
    url_prefix: str = "/chatbi",
) -> Blueprint:
    """The blueprint to add to BLUEPRINTS; checks its settings now, so a mistake stops Superset's start."""
    if not chatbi_url.startswith(("http://", "https://")):
        raise ValueError(f"chatbi_url must be ChatBI's http(s) base URL, not {chatbi_url!r}")
    if len(trusted_proxy_secret) < MIN_SECRET_LENGTH:
        raise ValueError(f"trusted_proxy_secret needs at least {MIN_SECRET_LENGTH} characters, as ChatBI's CHATBI_TRUSTED_PROXY_SECRET")
    bundle_dir = Path(bundle_dir)
    if not (bundle_dir / BUNDLE_FILE).is_file():
        raise ValueError(f"{bundle_dir / BUNDLE_FILE} is missing: run `npm run build:superset` in superset-plugin")
    upstream = chatbi_url.rstrip("/")
    blueprint = Blueprint("chatbi_ask", __name__)

    @blueprint.route("/dynamic-plugins/api/read")
    def dynamic_plugins():
        bundle_url = f"{url_prefix}/static/{BUNDLE_FILE}?v={int((bundle_dir / BUNDLE_FILE).stat().st_mtime)}"
        return jsonify(result=[{"id": 1, "name": "ChatBI Ask", "key": VIZ_KEY, "bundle_url": bundle_url}])

    @blueprint.route(f"{url_prefix}/static/<path:filename>")
    def bundle(filename: str):
        return send_from_directory(bundle_dir, filename, max_age=300)

    def forward(method: str, path: str, timeout: float) -> Response:
        if not current_user.is_authenticated:
            return _error(401, "UNAUTHORIZED", "Log in to Superset first.")
        headers = {"accept": "application/json", **signed_user_headers(superset_user_claims(current_user), trusted_proxy_secret)}
        if method == "POST":
            headers["content-type"] = "application/json"
        try:
            answer = requests.request(method, f"{upstream}{path}", data=request.get_data() if method == "POST" else None, headers=headers, timeout=timeout)
        except requests.Timeout:
            return _error(504, "PIPELINE_TIMEOUT", "ChatBI did not answer in time.")
        except requests.RequestException:
            return _error(502, "CHATBI_UNREACHABLE", "Superset could not reach ChatBI; ask the administrator to check that it is running.")
        return Response(answer.content, status=answer.status_code, content_type=answer.headers.get("content-type", "application/json"))

    @blueprint.route(f"{url_prefix}/api/ask", methods=["POST"])
    def ask():
        return forward("POST", "/api/ask", ASK_TIMEOUT_SECONDS)

    @blueprint.route(f"{url_prefix}/api/feedback", methods=["POST"])
    def feedback():
        return forward("POST", "/api/feedback", SHORT_TIMEOUT_SECONDS)

    @blueprint.route(f"{url_prefix}/api/ask/<string:request_id>/progress")
    def progress(request_id: str):
        return forward("GET", f"/api/ask/{quote(request_id, safe='')}/progress", SHORT_TIMEOUT_SECONDS)

    @blueprint.route(f"{url_prefix}/api/conversations")
    def conversations():
        search = request.args.get("search", "")
        return forward("GET", f"/api/conversations?{urlencode({'search': search})}" if search else "/api/conversations", SHORT_TIMEOUT_SECONDS)

    @blueprint.route(f"{url_prefix}/api/conversations/<string:session_id>")
    def conversation(session_id: str):
        return forward("GET", f"/api/conversations/{quote(session_id, safe='')}", SHORT_TIMEOUT_SECONDS)

    @blueprint.route(f"{url_prefix}/api/catalog")
    def catalog():
        return forward("GET", "/api/catalog", SHORT_TIMEOUT_SECONDS)

    return blueprint


def _error(status: int, code: str, message: str) -> Response:
    return Response(json.dumps({"error": {"code": code, "message": message}}), status=status, content_type="application/json")
