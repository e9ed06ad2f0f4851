# Varnish as installed, with nothing but the backend: the "without the rules" side of the origin-fetch measurement
# (OriginFetchTests, docs/caches.md).
vcl 4.1;

backend servestatic {
    .host = "${ORIGIN_HOST}";
    .port = "${ORIGIN_PORT}";
}
