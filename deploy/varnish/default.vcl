vcl 4.1;
# The front cache for the toolkit (Varnish 7). The app servers are declared
# in backends.vcl next to this file (a round-robin director named "app"; see
# backends.vcl.example), so this file is the same on every machine.
#
# What is cached: anonymous GET/HEAD responses the app marks "public" with an
# s-maxage (ops/middleware.py). Never cached: the admin and previews, POSTs,
# anyone with a session (signed in) or a flash message, audit private links,
# /healthz, and anything sent with Set-Cookie, private, no-cache or no-store
# (pages with CSRF forms are sent private).
#
# Purging: the app's task worker sends PURGE <path> (wagtail.contrib.frontend_cache
# HTTP backend, ops/frontend_cache.py); it bans every cached copy of that path
# on that host, whatever its query string (?page=2, library filters).

import std;
import directors;

include "backends.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from " + client.ip));
        }
        ban("obj.http.x-cache-host == " + std.tolower(regsub(req.http.host, ":[0-9]+$", "")) +
            " && obj.http.x-cache-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    set req.backend_hint = app.backend();
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)" || req.url ~ "^/healthz") {
        return (pass);
    }
    # Audit private links: .../r/<token>/ and everything under it.
    if (req.url ~ "/r/[^/]+/") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Any other cookie (csrftoken, analytics) does not change a public page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(std.tolower(regsub(req.http.host, ":[0-9]+$", "")));
    return (lookup);
}

sub vcl_backend_response {
    # Stored on the object so that bans can match it (and the ban lurker can work).
    set beresp.http.x-cache-host = std.tolower(regsub(bereq.http.host, ":[0-9]+$", ""));
    set beresp.http.x-cache-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.http.Set-Cookie || !beresp.http.Cache-Control ||
        beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    # While every app server is down, serve what we have for up to an hour.
    set beresp.grace = 1h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-cache-host;
    unset resp.http.x-cache-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
