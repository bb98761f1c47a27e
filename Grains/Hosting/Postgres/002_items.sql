-- Kinopio.Orleans PostgreSQL migration 002: grain state that grows, one row per item.
--
-- A grain whose state grows with use (a user's spaces and favorites, a space's cards, connections
-- and connection types) owns one partition: a version row, bumped by every write so that a stale
-- writer fails instead of overwriting, and one row per item. `seq` keeps the order in which each
-- item was first stored (an upsert keeps its row, so an edited card keeps its place).
--
-- Idempotent, like every migration here.

CREATE TABLE IF NOT EXISTS kinopio_item_partition
(
    partition text   NOT NULL PRIMARY KEY,
    version   bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS kinopio_item
(
    seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partition text  NOT NULL,
    key       text  NOT NULL,
    value     bytea NOT NULL,
    CONSTRAINT kinopio_item_key UNIQUE (partition, key)
);

CREATE INDEX IF NOT EXISTS kinopio_item_order ON kinopio_item (partition, seq);

INSERT INTO KinopioSchemaVersion (Name) VALUES ('002_items') ON CONFLICT (Name) DO NOTHING;
