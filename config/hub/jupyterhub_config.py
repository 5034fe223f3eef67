"""JupyterHub for Flask Interview Lab: what `flasklab hub` (and `make hub`) starts (docs/hub.md).

Nothing here is per machine: `flasklab hub` passes the state folder, ports and
limits in FLASKLAB_HUB_* variables and the proxy's token in
CONFIGPROXY_AUTH_TOKEN. The hub runs as root (it starts each person's server as
their own system user) and listens on 127.0.0.1 only.
"""

import os
import sys
from pathlib import Path

from flasklab import hub

c = get_config()  # noqa: F821 - provided by traitlets when JupyterHub loads this file

env = os.environ
state = Path(env["FLASKLAB_HUB_STATE"])
venv_bin = Path(sys.executable).parent

# --- where it listens: loopback only; a TLS reverse proxy in front for anyone else (docs/hub.md)
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(env.get("FLASKLAB_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env.get("FLASKLAB_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env.get('FLASKLAB_PROXY_API_PORT', '8001')}"
# Proxy and culler run in sessions of their own; parentbound stops them if the hub is killed.
c.ConfigurableHTTPProxy.command = hub.parent_bound(str(hub.proxy_command()))
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.should_start = True

# --- state: database, cookie secret, accounts, homes, exchange, all in the state folder
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# --- accounts: the accounts file and one-time login links (flasklab/hub_jupyterhub.py)
c.JupyterHub.authenticator_class = "flasklab.hub_jupyterhub.OneTimeCodeAuthenticator"
c.OneTimeCodeAuthenticator.state_dir = str(state)

# --- servers: each as its own system user, capped (flasklab/hub_jupyterhub.py)
c.JupyterHub.spawner_class = "flasklab.hub_jupyterhub.FlasklabSpawner"
c.FlasklabSpawner.state_dir = str(state)
# The venv's Python, or a view of the venv other users can run (flasklab.hub.server_python).
server_python = env.get("FLASKLAB_HUB_PYTHON") or str(hub.server_python())
c.Spawner.cmd = [server_python, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.ip = "127.0.0.1"
c.Spawner.mem_limit = env.get("FLASKLAB_HUB_MEM_LIMIT", "2G")
c.Spawner.cpu_limit = float(env.get("FLASKLAB_HUB_CPU_LIMIT", "1"))
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
# The cap: servers running at once (a login beyond it is told to try again later).
c.JupyterHub.active_server_limit = int(env.get("FLASKLAB_HUB_MAX_SERVERS", "30"))
c.JupyterHub.concurrent_spawn_limit = 10

# --- services: the idle culler, and the token `flasklab hub` and its tests manage the hub with
idle = int(env.get("FLASKLAB_HUB_IDLE_TIMEOUT", "3600"))
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": hub.parent_bound(sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={idle}",
                                    f"--cull-every={max(10, min(300, idle // 2))}"),
    },
    {"name": "flasklab-admin", "api_token": (state / "admin-token").read_text().strip()},
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
    {"name": "admin", "services": ["flasklab-admin"]},
]
