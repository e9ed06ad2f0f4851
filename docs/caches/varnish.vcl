# ServeStatic behind Varnish 7 (VCL 4.1): the configuration docs/caches.md explains, rule by rule, and that
# tests/ServeStatic.Interop.Tests runs in front of a real origin with curl, Python, Node, .NET and Chromium.
# ${ORIGIN_HOST} and ${ORIGIN_PORT} are placeholders: render the file with envsubst, or write the values in.
vcl 4.1;

backend servestatic {
    .host = "${ORIGIN_HOST}";
    .port = "${ORIGIN_PORT}";
}

sub vcl_recv {
    # Rule 1, ranges of the identity representation. Varnish cuts a range out of the object it stores, so the object
    # must be the identity one: a compressed body's bytes 100- decode to nothing a client can use.
    if (req.http.Range) {
        unset req.http.Accept-Encoding;
    }
    # Rule 2, one Accept-Encoding per choice. The origin varies on Accept-Encoding; keyed on the raw header a cache
    # fetches and stores the same body once per spelling of it. Reduced to the one coding the origin would choose
    # (br, then zstd, then gzip, else none), there are at most four copies of a URL, and each client gets a coding it
    # accepts. A coding is acceptable when it is listed with a non-zero q, or not listed while * is (RFC 9110 §12.5.3).
    set req.http.X-ServeStatic-Encoding = "identity";
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(;|,|$)") {
        if (req.http.Accept-Encoding !~ "(?i)(^|,)\s*br\s*;\s*q=0(\.0{0,3})?\s*(,|$)") {
            set req.http.X-ServeStatic-Encoding = "br";
        }
    } elsif (req.http.Accept-Encoding ~ "(^|,)\s*\*\s*(;|,|$)" && req.http.Accept-Encoding !~ "(^|,)\s*\*\s*;\s*q=0(\.0{0,3})?\s*(,|$)") {
        set req.http.X-ServeStatic-Encoding = "br";
    }
    if (req.http.X-ServeStatic-Encoding == "identity") {
        if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*zstd\s*(;|,|$)") {
            if (req.http.Accept-Encoding !~ "(?i)(^|,)\s*zstd\s*;\s*q=0(\.0{0,3})?\s*(,|$)") {
                set req.http.X-ServeStatic-Encoding = "zstd";
            }
        } elsif (req.http.Accept-Encoding ~ "(^|,)\s*\*\s*(;|,|$)" && req.http.Accept-Encoding !~ "(^|,)\s*\*\s*;\s*q=0(\.0{0,3})?\s*(,|$)") {
            set req.http.X-ServeStatic-Encoding = "zstd";
        }
    }
    if (req.http.X-ServeStatic-Encoding == "identity") {
        if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*(x-)?gzip\s*(;|,|$)") {
            if (req.http.Accept-Encoding !~ "(?i)(^|,)\s*(x-)?gzip\s*;\s*q=0(\.0{0,3})?\s*(,|$)") {
                set req.http.X-ServeStatic-Encoding = "gzip";
            }
        } elsif (req.http.Accept-Encoding ~ "(^|,)\s*\*\s*(;|,|$)" && req.http.Accept-Encoding !~ "(^|,)\s*\*\s*;\s*q=0(\.0{0,3})?\s*(,|$)") {
            set req.http.X-ServeStatic-Encoding = "gzip";
        }
    }
    if (req.http.X-ServeStatic-Encoding == "identity") {
        unset req.http.Accept-Encoding;
    } else {
        set req.http.Accept-Encoding = req.http.X-ServeStatic-Encoding;
    }
}

sub vcl_hash {
    # With http_gzip_support on (the default), Varnish rewrites Accept-Encoding after vcl_recv to "gzip" or nothing, which
    # would fold br and zstd into identity: the chosen coding is part of the cache key instead. The built-in vcl_hash
    # (URL and host) runs after this.
    hash_data(req.http.X-ServeStatic-Encoding);
}

sub vcl_backend_fetch {
    # The origin is asked for exactly the chosen coding (Varnish would otherwise ask for gzip on every miss).
    if (bereq.http.X-ServeStatic-Encoding == "identity") {
        unset bereq.http.Accept-Encoding;
    } elsif (bereq.http.X-ServeStatic-Encoding) {
        set bereq.http.Accept-Encoding = bereq.http.X-ServeStatic-Encoding;
    }
    unset bereq.http.X-ServeStatic-Encoding;
}

sub vcl_deliver {
    # For operators: HIT or MISS, as nginx's $upstream_cache_status.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
