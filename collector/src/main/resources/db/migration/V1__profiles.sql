-- Profiles (baselines) of the collector: one row per (service name, service version, call site, sink kind).
-- The profile itself is one JSON document (snapshot); row_version is the optimistic-concurrency counter that lets
-- several collectors share one PostgreSQL without losing each other's learned targets (see ProfileStore).
-- Idempotent (IF NOT EXISTS), so that databases made before migrations existed, baselined at version 0, take it;
-- valid on H2 (PostgreSQL mode) and on PostgreSQL.
CREATE TABLE IF NOT EXISTS sinkwatch_profile (
    profile_id      VARCHAR(32)   NOT NULL PRIMARY KEY,
    service_name    VARCHAR(512)  NOT NULL,
    service_version VARCHAR(512)  NOT NULL,
    call_site       VARCHAR(4096) NOT NULL,
    sink_kind       VARCHAR(32)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    row_version     BIGINT        NOT NULL,
    updated_unix_ms BIGINT        NOT NULL,
    snapshot        TEXT          NOT NULL
);
CREATE INDEX IF NOT EXISTS sinkwatch_profile_service ON sinkwatch_profile (service_name);
