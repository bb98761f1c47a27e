-- Kinopio.Orleans PostgreSQL migration 003: the ASP.NET Core Data Protection key ring of the cluster.
--
-- Every silo encrypts the apiKey it stores in a user's state with a key of this ring and decrypts
-- with any of them, so all silos read the same rows (PostgresXmlRepository). One row per XML
-- element Data Protection writes (a key, or a revocation); rows are only added, never changed.
-- The grain state tables hold only ciphertext: a copy of them reveals no apiKey without this table.
--
-- Idempotent, like every migration here.

CREATE TABLE IF NOT EXISTS kinopio_data_protection_key
(
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text        NOT NULL,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

INSERT INTO KinopioSchemaVersion (Name) VALUES ('003_data_protection_keys') ON CONFLICT (Name) DO NOTHING;
