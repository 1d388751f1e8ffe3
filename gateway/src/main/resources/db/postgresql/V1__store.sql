-- The gateway's store on PostgreSQL (PostgresStore), shared by every node of a cluster.
--
-- Each row keeps its whole record in `body`, JSON as StoreJson writes it: a field added to a record
-- later round-trips without a migration, and instants keep their nanoseconds. Byte fields (raw mail,
-- sealed secrets) are kept in bytea columns instead and left out of the body. The other columns hold
-- what is looked up, filtered, ordered or constrained; their times are to the microsecond (truncated),
-- PostgreSQL's resolution. Ids sort as Java sorts them (COLLATE "C"): they are made to sort by time.
-- Statuses and kinds are plain text with no CHECK: new ones are added in code.

CREATE TABLE tenants (
    id                  text COLLATE "C" PRIMARY KEY,
    token_hash          text NOT NULL,
    previous_token_hash text,
    created_at          timestamptz NOT NULL,
    body                json NOT NULL
);
CREATE INDEX tenants_by_token_hash ON tenants (token_hash);
CREATE INDEX tenants_by_previous_token_hash ON tenants (previous_token_hash) WHERE previous_token_hash IS NOT NULL;

-- One address, one connection; one number, one connection: a second node racing to give either
-- away twice fails its commit.
CREATE TABLE connections (
    id         text COLLATE "C" PRIMARY KEY,
    tenant_id  text COLLATE "C" NOT NULL,
    local_part text NOT NULL UNIQUE,
    phone      text UNIQUE,
    status     text NOT NULL,
    created_at timestamptz NOT NULL,
    body       json NOT NULL
);
CREATE INDEX connections_by_tenant ON connections (tenant_id, status);

-- id_time: when the message id was made (Ids.instantOf); retention goes by it. Null for an id not
-- made by Ids: such a message is kept. dedup_hash: SHA-256 of the dedup key, which holds a sender's
-- Message-ID of any length (too long for an index entry as it is).
CREATE TABLE messages (
    id            text COLLATE "C" PRIMARY KEY,
    connection_id text COLLATE "C" NOT NULL,
    dedup_hash    bytea NOT NULL,
    id_time       timestamptz,
    raw           bytea NOT NULL,
    body          json NOT NULL,
    UNIQUE (connection_id, dedup_hash)
);
CREATE INDEX messages_by_id_time ON messages (id_time);

-- Keyed as the embedded store keys them: a connection's codes in time order, then by id.
CREATE TABLE codes (
    connection_id text COLLATE "C" NOT NULL,
    received_at   timestamptz NOT NULL,
    id            text COLLATE "C" NOT NULL,
    body          json NOT NULL,
    PRIMARY KEY (connection_id, received_at, id)
);
CREATE INDEX codes_by_received_at ON codes (received_at);

CREATE TABLE events (
    connection_id text COLLATE "C" NOT NULL,
    id            text COLLATE "C" NOT NULL,
    type          text NOT NULL,
    id_time       timestamptz,
    body          json NOT NULL,
    PRIMARY KEY (connection_id, id)
);
CREATE INDEX events_by_id_time ON events (id_time);

-- Which senders each utility has delivered codes from (SenderHistory); looked up by the SHA-256 of
-- the sender, whose length a mail's author chooses.
CREATE TABLE senders (
    utility     text NOT NULL,
    sender_hash bytea NOT NULL,
    sender      text NOT NULL,
    PRIMARY KEY (utility, sender_hash)
);

CREATE TABLE security_answers (
    connection_id text COLLATE "C" PRIMARY KEY,
    sealed        bytea NOT NULL,
    body          json NOT NULL
);

CREATE TABLE connection_secrets (
    connection_id text COLLATE "C" NOT NULL,
    kind          text COLLATE "C" NOT NULL,
    sealed        bytea NOT NULL,
    body          json NOT NULL,
    PRIMARY KEY (connection_id, kind)
);

CREATE TABLE webhooks (
    id            text COLLATE "C" PRIMARY KEY,
    tenant_id     text COLLATE "C" NOT NULL,
    created_at    timestamptz NOT NULL,
    sealed_secret bytea NOT NULL,
    body          json NOT NULL
);
CREATE INDEX webhooks_by_tenant ON webhooks (tenant_id, created_at);

-- The outbox: pending deliveries, oldest first by id. claimed_until: taken for one attempt by a node
-- until then (claimDelivery).
CREATE TABLE deliveries (
    id              text COLLATE "C" PRIMARY KEY,
    kind            text NOT NULL,
    target          text NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    claimed_until   timestamptz,
    body            json NOT NULL
);
CREATE INDEX deliveries_by_target ON deliveries (target);

CREATE TABLE invitations (
    id           text COLLATE "C" PRIMARY KEY,
    token_hash   text NOT NULL,
    session_hash text,
    body         json NOT NULL
);
CREATE INDEX invitations_by_token_hash ON invitations (token_hash);
CREATE INDEX invitations_by_session_hash ON invitations (session_hash) WHERE session_hash IS NOT NULL;

-- Work one node at a time should do (Store.lease).
CREATE TABLE leases (
    name   text PRIMARY KEY,
    holder text NOT NULL,
    until  timestamptz NOT NULL
);
