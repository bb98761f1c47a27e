-- Kinopio.Orleans PostgreSQL migration 001: what the Orleans 10.4.2 ADO.NET providers need.
--
-- * Clustering (Microsoft.Orleans.Clustering.AdoNet): the membership version row and one row per
--   silo incarnation, plus the query texts it looks up by key in OrleansQuery.
-- * Grain state (Microsoft.Orleans.Persistence.AdoNet): one row per grain and the queries that
--   read, write, clear and delete it with optimistic concurrency on an integer version (the ETag).
--
-- Orleans sends each query text from OrleansQuery as is, binding @Name parameters, and reads the
-- result columns by name, so the names of parameters and result columns below are the contract.
--
-- Idempotent: every statement may run again on a database that already has it (the Silo applies
-- every migration at each start, in one transaction, under an advisory lock). By hand:
--   psql -v ON_ERROR_STOP=1 --single-transaction -f 001_orleans_schema.sql "<connection string>"

CREATE TABLE IF NOT EXISTS KinopioSchemaVersion
(
    Name      text        NOT NULL PRIMARY KEY,
    AppliedOn timestamptz NOT NULL DEFAULT now()
);

-- The only table Orleans knows by name: "SELECT QueryKey, QueryText FROM OrleansQuery".
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

---------------------------------------------------------------------------------------------------
-- Clustering
---------------------------------------------------------------------------------------------------

-- One row per cluster (Orleans calls the cluster id "DeploymentId" here). Every change to the
-- membership rows bumps Version; a writer that read an older Version loses and reads again.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port and generation = the silo's start).
-- Status is Orleans' SiloStatus: 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Adds a silo row, but only together with a bump of the expected membership version: 1 when both
-- happened, 0 when the version moved on or the row exists already (then nothing is changed).
CREATE OR REPLACE FUNCTION kinopio_membership_insert(
    cluster_id text, silo_address text, silo_port integer, silo_generation integer,
    silo_name text, host_name text, silo_status integer, gateway_port integer,
    started_at timestamptz, alive_at timestamptz, expected_version integer)
    RETURNS integer
    LANGUAGE plpgsql AS
$body$
BEGIN
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = cluster_id AND Version = expected_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (cluster_id, silo_address, silo_port, silo_generation, silo_name, host_name, silo_status, gateway_port, started_at, alive_at);
    RETURN 1;
EXCEPTION
    -- The row was there already: this block's version bump is rolled back with it.
    WHEN unique_violation THEN
        RETURN 0;
END
$body$;

-- Changes a silo row's status and suspicions, but only together with a bump of the expected
-- membership version: 1 when both happened, 0 otherwise (then nothing is changed).
CREATE OR REPLACE FUNCTION kinopio_membership_update(
    cluster_id text, silo_address text, silo_port integer, silo_generation integer,
    silo_status integer, suspect_times text, alive_at timestamptz, expected_version integer)
    RETURNS integer
    LANGUAGE plpgsql AS
$body$
BEGIN
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = cluster_id AND Version = expected_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipTable
       SET Status = silo_status,
           SuspectTimes = suspect_times,
           IAmAliveTime = GREATEST(IAmAliveTime, alive_at)
     WHERE DeploymentId = cluster_id AND Address = silo_address AND Port = silo_port AND Generation = silo_generation;
    IF NOT FOUND THEN
        -- No such silo row: undo this block's version bump.
        RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'no_data_found';
    END IF;
    RETURN 1;
EXCEPTION
    WHEN no_data_found THEN
        RETURN 0;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    -- Creates the cluster's version row if missing; answers 1 when it created it, else 0.
    'InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM created
    $q$
),
(
    'InsertMembershipKey', $q$
    SELECT kinopio_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                     @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
    $q$
),
(
    'UpdateMembershipKey', $q$
    SELECT kinopio_membership_update(@DeploymentId, @Address, @Port, @Generation,
                                     @Status, @SuspectTimes, @IAmAliveTime, @Version)
    $q$
),
(
    -- The heartbeat. It never moves IAmAliveTime backwards and never touches the version.
    'UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
     WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
    $q$
),
(
    -- The version row with one silo row joined (or none: the version row alone).
    'MembershipReadRowKey', $q$
    SELECT v.DeploymentId, v.Version,
           m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId
       AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId
    $q$
),
(
    -- The version row with every silo row of the cluster joined.
    'MembershipReadAllKey', $q$
    SELECT v.DeploymentId, v.Version,
           m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId
    $q$
),
(
    'DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
    $q$
),
(
    -- What clients connect to: the gateways of silos in the asked status (Active).
    'GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
    $q$
),
(
    -- Forgets silos that are Dead (6) and were last alive before the cut-off.
    'CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Status = 6
       AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime
    $q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

---------------------------------------------------------------------------------------------------
-- Grain state
---------------------------------------------------------------------------------------------------

-- One row per grain: its id (hash, two 64-bit halves and an optional string part, '' when it has
-- none), its type, the service, the payload (Orleans binary serializer) and the version (ETag).
-- The unique key makes two racing first writes of one grain impossible: one inserts, one loses.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    ServiceId              varchar(150) NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL DEFAULT '',
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL,
    CONSTRAINT OrleansStorage_Grain UNIQUE
        (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
);

-- Writes a grain's state if the caller read the current version (expected_version; NULL = "I saw
-- no row"). Answers the new version, or NULL when the caller's version is stale: Orleans then
-- raises InconsistentStateException and the grain deactivates instead of overwriting newer state.
CREATE OR REPLACE FUNCTION kinopio_storage_write(
    id_hash integer, n0 bigint, n1 bigint, type_hash integer, type_name text, id_extension text,
    service_id text, expected_version integer, payload bytea)
    RETURNS integer
    LANGUAGE plpgsql AS
$body$
BEGIN
    IF expected_version IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString,
             PayloadBinary, ModifiedOn, Version)
        VALUES
            (id_hash, type_hash, service_id, n0, n1, type_name, COALESCE(id_extension, ''), payload, now(), 1)
        ON CONFLICT ON CONSTRAINT OrleansStorage_Grain DO NOTHING;
        RETURN CASE WHEN FOUND THEN 1 END;
    END IF;

    UPDATE OrleansStorage
       SET PayloadBinary = payload, ModifiedOn = now(), Version = Version + 1
     WHERE GrainIdHash = id_hash AND GrainTypeHash = type_hash AND ServiceId = service_id
       AND GrainIdN0 = n0 AND GrainIdN1 = n1 AND GrainTypeString = type_name
       AND GrainIdExtensionString = COALESCE(id_extension, '')
       AND Version = expected_version;
    RETURN CASE WHEN FOUND THEN expected_version + 1 END;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
    $q$
),
(
    'WriteToStorageKey', $q$
    SELECT kinopio_storage_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                                 @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
           AS NewGrainStateVersion
    $q$
),
(
    -- Empties the state but keeps the row and moves the version on (no row = stale version).
    'ClearStorageKey', $q$
    UPDATE OrleansStorage
       SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion
    $q$
),
(
    -- Removes the row (storage option DeleteStateOnClear); answers a version past the deleted one.
    'DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
       AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion
    $q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO KinopioSchemaVersion (Name) VALUES ('001_orleans_schema') ON CONFLICT (Name) DO NOTHING;
