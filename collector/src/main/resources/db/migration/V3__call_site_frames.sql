-- The stack frames of each call site, from its first sighting, so that alerts raised from delta records (which
-- carry no frames) name the full call path also after a restart of the collector (see CallSiteFrames).
-- frame_id: hex SHA-256 (first 32 characters) of service name, NUL, call site id: call sites may be long.
CREATE TABLE IF NOT EXISTS sinkwatch_call_site_frames (
    frame_id        VARCHAR(32)   NOT NULL PRIMARY KEY,
    service_name    VARCHAR(512)  NOT NULL,
    call_site       VARCHAR(4096) NOT NULL,
    frames          TEXT          NOT NULL,
    updated_unix_ms BIGINT        NOT NULL
);
