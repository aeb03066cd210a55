"""nginx's configuration for the production topology on one machine (`make prod-local`, tests/topology).

nginx runs as an ordinary process (`nginx -p PREFIX -c nginx.conf -e error.log`): every path it writes is
under PREFIX, it listens on a non-privileged port, and it is the ingress for BASE_DOMAIN and every customer
host `<slug>.BASE_DOMAIN` in front of several gunicorn instances.

    python scripts/nginx_conf.py PREFIX PORT BASE_DOMAIN UPSTREAM_PORT [UPSTREAM_PORT ...]
"""

import sys
from pathlib import Path

TEMPLATE = """\
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    client_max_body_size 25m;

    upstream pilot_web {{
{servers}
        # Connections to gunicorn are reused (its keepalive is 5 s; nginx closes idle ones after 4 s).
        keepalive 16;
        keepalive_timeout 4s;
    }}

    server {{
        listen 127.0.0.1:{port};
        # The back office on BASE_DOMAIN, each customer's portal on <slug>.BASE_DOMAIN; django-tenants maps
        # the host to the schema, so the Host header must reach it unchanged (with the port, for redirects).
        server_name {domain} *.{domain} 127.0.0.1;
        location / {{
            proxy_pass http://pilot_web;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 65s;
            # A dead instance is skipped for idempotent requests only (nginx's default): a POST that may
            # have reached gunicorn is never sent twice, so a write is never doubled by the ingress.
            proxy_next_upstream error timeout;
        }}
    }}

    # Any other host: refused here rather than passed to Django.
    server {{
        listen 127.0.0.1:{port} default_server;
        return 421;
    }}
}}
"""


def nginx_conf(*, prefix: Path, port: int, domain: str, upstream_ports: list[int]) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=3s;" for p in upstream_ports)
    return TEMPLATE.format(prefix=prefix, port=port, domain=domain, servers=servers)


def nginx_conf_write(*, prefix: Path, port: int, domain: str, upstream_ports: list[int]) -> Path:
    """Writes PREFIX/nginx.conf (and the temp folders nginx needs) and returns the file's path."""
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    path = prefix / "nginx.conf"
    path.write_text(nginx_conf(prefix=prefix, port=port, domain=domain, upstream_ports=upstream_ports))
    return path


if __name__ == "__main__":
    prefix, port, domain, *upstreams = sys.argv[1:]
    conf = nginx_conf_write(
        prefix=Path(prefix).resolve(), port=int(port), domain=domain, upstream_ports=[int(p) for p in upstreams]
    )
    print(conf)
