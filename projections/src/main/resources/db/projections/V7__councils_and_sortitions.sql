-- Councils and sortitions (tirage au sort). Read models only: the events are in domain_event_entry.
-- V6 is the participatory budget's.

-- Read model of processing group "councils": councils, calls, frozen pools, draws and mandates.
CREATE TABLE sortition_council (
    council_id     VARCHAR(64)  PRIMARY KEY,
    name           TEXT         NOT NULL,
    seats          INTEGER      NOT NULL,
    min_age        INTEGER,
    max_age        INTEGER,
    residents_only BOOLEAN      NOT NULL,
    mandate_months INTEGER      NOT NULL,
    renewable      BOOLEAN      NOT NULL,
    defined_at     TIMESTAMPTZ  NOT NULL
);

CREATE TABLE sortition_council_quota (
    council_id VARCHAR(64) NOT NULL,
    group_name VARCHAR(32) NOT NULL,
    seats      INTEGER     NOT NULL,
    PRIMARY KEY (council_id, group_name)
);

CREATE TABLE sortition_call (
    council_id           VARCHAR(64) NOT NULL,
    call_id              VARCHAR(64) NOT NULL,
    status               VARCHAR(16) NOT NULL,
    alternates_per_group INTEGER     NOT NULL,
    opened_at            TIMESTAMPTZ NOT NULL,
    closed_at            TIMESTAMPTZ,
    pool_hash            VARCHAR(64),
    pool_size            INTEGER,
    algorithm            VARCHAR(16),
    key_string           TEXT,
    drawn_at             TIMESTAMPTZ,
    PRIMARY KEY (council_id, call_id)
);

-- Seats a call asks for (requested) and those it drew (drawn: the vacant ones at the draw, at most requested).
CREATE TABLE sortition_call_seats (
    council_id VARCHAR(64) NOT NULL,
    call_id    VARCHAR(64) NOT NULL,
    group_name VARCHAR(32) NOT NULL,
    requested  INTEGER     NOT NULL,
    drawn      INTEGER,
    PRIMARY KEY (council_id, call_id, group_name)
);

-- The frozen pool, in the order the applications were recorded (position 0, 1, ...).
CREATE TABLE sortition_pool_entry (
    council_id     VARCHAR(64) NOT NULL,
    call_id        VARCHAR(64) NOT NULL,
    position       INTEGER     NOT NULL,
    application_id VARCHAR(16) NOT NULL,
    group_name     VARCHAR(32) NOT NULL,
    PRIMARY KEY (council_id, call_id, position)
);

-- The random sources of a draw in published order: kind NUMBERS (value: the numbers as given,
-- comma-separated) or TEXT (value: the string).
CREATE TABLE sortition_random_source (
    council_id VARCHAR(64) NOT NULL,
    call_id    VARCHAR(64) NOT NULL,
    position   INTEGER     NOT NULL,
    kind       VARCHAR(8)  NOT NULL,
    value      TEXT        NOT NULL,
    PRIMARY KEY (council_id, call_id, position)
);

-- The outcome of a draw: per group, the selected (kind SELECTED) and the alternates (kind ALTERNATE) by rank.
CREATE TABLE sortition_draw_entry (
    council_id     VARCHAR(64) NOT NULL,
    call_id        VARCHAR(64) NOT NULL,
    group_name     VARCHAR(32) NOT NULL,
    kind           VARCHAR(10) NOT NULL,
    rank           INTEGER     NOT NULL,
    application_id VARCHAR(16) NOT NULL,
    PRIMARY KEY (council_id, call_id, group_name, kind, rank)
);

-- Mandates. Whether one is still running is computed at read time from mandate_end (no job).
CREATE TABLE sortition_member (
    council_id     VARCHAR(64) NOT NULL,
    application_id VARCHAR(16) NOT NULL,
    call_id        VARCHAR(64) NOT NULL,
    group_name     VARCHAR(32) NOT NULL,
    mandate_start  TIMESTAMPTZ NOT NULL,
    mandate_end    TIMESTAMPTZ NOT NULL,
    resigned_at    TIMESTAMPTZ,
    replaces       VARCHAR(16),
    PRIMARY KEY (council_id, application_id)
);

CREATE INDEX sortition_member_by_council ON sortition_member (council_id, group_name, mandate_end);

-- Seats left vacant after a resignation, no alternate of the group being still eligible.
CREATE TABLE sortition_vacancy (
    council_id VARCHAR(64) NOT NULL,
    vacated_by VARCHAR(16) NOT NULL,
    group_name VARCHAR(32) NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (council_id, vacated_by)
);
