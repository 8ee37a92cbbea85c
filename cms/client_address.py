"""The client's address, read in one place for every throttle (sign-in
lockouts, private-page passwords, the audit start limit).

Today it is REMOTE_ADDR, the address the application server saw. Behind a
reverse proxy every client would share the proxy's address: the production
work (trusted proxies, shared cache) replaces this function's body, and every
throttle follows.
"""


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
