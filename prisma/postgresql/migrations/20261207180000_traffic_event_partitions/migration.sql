-- Written by hand (Prisma cannot say it): "TrafficEvent" becomes a table partitioned by range of
-- "windowStart", one partition per UTC day, so that retention drops whole days (DROP TABLE of a
-- partition: no dead rows, no vacuum, no index bloat) instead of deleting millions of rows.
--
-- Why a day: retention is counted in days, and the charts, the event list and the rollups must
-- agree on where the kept data starts, so the partition edge is the retention edge. A day holds
-- about 700,000 events at 5M a week: its indexes stay in memory while it is the day written to,
-- and a 90-day retention keeps about a hundred partitions (planning prunes by "windowStart"; the
-- charts and the list always filter by it). A week would make the retention edge move in steps of
-- seven days.
--
-- The key: PostgreSQL requires a partitioned table's primary key to hold the partition key, so it
-- is ("id", "windowStart"). "id" still comes from the same sequence and is unique in practice;
-- Prisma addresses rows by "id" alone (WHERE "id" = $1), which works as before. The schema
-- (prisma/schema.prisma) still says @id on "id": Prisma cannot describe partitions, and the SQLite
-- table is unchanged.
--
-- Partitions: the leader's periodic job (lib/server/traffic-retention.ts) keeps today and the next
-- 7 days created, and drops days older than MESHDECK_TRAFFIC_RETENTION_DAYS. The DEFAULT partition
-- takes any event whose day has no partition yet (a reporter's clock far off, the leader down for a
-- week), so an insert never fails; the job moves such rows into their day's partition.
--
-- Upgrading: the existing rows are copied into the partitions inside this migration's transaction
-- (the server starts once it is done); it needs free disk for a second copy of the events meanwhile.

-- The old table steps aside under another name, with its key, indexes and foreign key.
ALTER TABLE "TrafficEvent" RENAME TO "TrafficEvent_unpartitioned";
ALTER TABLE "TrafficEvent_unpartitioned" RENAME CONSTRAINT "TrafficEvent_pkey" TO "TrafficEvent_unpartitioned_pkey";
ALTER TABLE "TrafficEvent_unpartitioned" RENAME CONSTRAINT "TrafficEvent_accountId_fkey" TO "TrafficEvent_unpartitioned_accountId_fkey";
ALTER INDEX "TrafficEvent_accountId_windowStart_idx" RENAME TO "TrafficEvent_unpartitioned_accountId_windowStart_idx";
ALTER INDEX "TrafficEvent_accountId_windowDay_srcPort_windowHour_searchG_idx" RENAME TO "TrafficEvent_unpartitioned_accountId_windowDay_idx";

-- The same columns in the same order, with the same defaults ("id" keeps its sequence).
CREATE TABLE "TrafficEvent" (LIKE "TrafficEvent_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("windowStart");
ALTER SEQUENCE "TrafficEvent_id_seq" OWNED BY "TrafficEvent"."id";

-- A partition for every day that has events, and for today and the next 7 days.
DO $$
DECLARE
  d date;
BEGIN
  FOR d IN
    SELECT DISTINCT ("windowStart")::date FROM "TrafficEvent_unpartitioned"
    UNION
    SELECT generate_series((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 7, interval '1 day')::date
  LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "TrafficEvent" FOR VALUES FROM (%L) TO (%L)',
      'TrafficEvent_p' || to_char(d, 'YYYYMMDD'), d::timestamp, (d + 1)::timestamp);
  END LOOP;
END $$;
CREATE TABLE "TrafficEvent_default" PARTITION OF "TrafficEvent" DEFAULT;

-- Rows first, key and indexes after: one index build per partition instead of row-by-row upkeep.
INSERT INTO "TrafficEvent" SELECT * FROM "TrafficEvent_unpartitioned";
DROP TABLE "TrafficEvent_unpartitioned";

ALTER TABLE "TrafficEvent" ADD CONSTRAINT "TrafficEvent_pkey" PRIMARY KEY ("id", "windowStart");
CREATE INDEX "TrafficEvent_accountId_windowStart_idx" ON "TrafficEvent"("accountId", "windowStart");
CREATE INDEX "TrafficEvent_accountId_windowDay_srcPort_windowHour_searchG_idx" ON "TrafficEvent"("accountId", "windowDay", "srcPort", "windowHour", "searchGroupId", "rxBytes", "txBytes");
ALTER TABLE "TrafficEvent" ADD CONSTRAINT "TrafficEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
