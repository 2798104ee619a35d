-- Responses to requests that carried an Idempotency-Key, so that a retry returns the first
-- response instead of acting twice. A row without a response is a request still in progress.
CREATE TABLE idempotency_key (
    principal        VARCHAR(255) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at     TIMESTAMPTZ,
    response_status  INTEGER,
    response_type    VARCHAR(255),
    response_body    BYTEA,
    PRIMARY KEY (principal, idempotency_key)
);

CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
