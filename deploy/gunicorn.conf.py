"""gunicorn's configuration for the register's web server (registry-web.service).

    gunicorn -c deploy/gunicorn.conf.py registry.wsgi

Read from the environment (the same file as the application's, /etc/registry/
environment): WEB_CONCURRENCY (worker processes), FORWARDED_ALLOW_IPS (the proxies
whose X-Forwarded-* headers gunicorn believes), LOG_FORMAT (gunicorn's own messages,
as the application's: one JSON object per line unless `text`).

Each worker keeps one database connection, and a page of a region's figures opens up
to FIGURES_PARALLEL more while it counts: see "Database connections" in the README.
"""

import os

# Only the reverse proxy on this host reaches gunicorn (deploy/nginx.conf).
bind = "127.0.0.1:8000"

# Synchronous workers, one request at a time each: 2 per CPU and one more, at most 8
# unless WEB_CONCURRENCY says otherwise (every worker holds a database connection).
workers = int(os.environ.get("WEB_CONCURRENCY", "") or min(2 * (os.cpu_count() or 1) + 1, 8))
worker_class = "sync"

# Long work (workbook import, exports, the annual report) runs in the background
# worker: a page answers in a few seconds, and one still running after 30 s is stuck.
# nginx waits a little longer (proxy_read_timeout 60s) so that gunicorn decides.
timeout = 30
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (memory of large workbooks is given back).
max_requests = 1000
max_requests_jitter = 100

# The proxies whose X-Forwarded-Proto gunicorn trusts: nginx on this host. The client's
# address is the application's business (TRUSTED_PROXIES), not gunicorn's.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "") or "127.0.0.1,::1"

# The application writes one access line per request itself (logger registry.requests,
# without the query string); gunicorn's own would repeat it with the query string.
accesslog = None
errorlog = "-"
loglevel = "info"
proc_name = "registry-web"

# gunicorn's own messages (workers started, a worker timed out) in the application's
# format, so that the journal holds one JSON object per line.
debug = os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
if (os.environ.get("LOG_FORMAT", "") or ("text" if debug else "json")) == "json":
    logconfig_dict = {
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
        },
        "formatters": {"generic": {"()": "registry.logcontext.JsonFormatter"}},
    }
