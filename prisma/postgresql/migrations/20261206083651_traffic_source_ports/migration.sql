-- AlterTable
ALTER TABLE "TrafficEvent" ADD COLUMN     "srcPort" INTEGER,
ADD COLUMN     "windowHour" INTEGER;

-- AlterTable (the rows are rebuilt below)
DELETE FROM "TrafficSearchRollup";
ALTER TABLE "TrafficSearchRollup" DROP CONSTRAINT "TrafficSearchRollup_pkey",
ADD CONSTRAINT "TrafficSearchRollup_pkey" PRIMARY KEY ("accountId", "bucketStart", "reporterId", "userId", "protocol", "groupKey");

-- CreateIndex
CREATE INDEX "TrafficEvent_accountId_windowHour_srcPort_idx" ON "TrafficEvent"("accountId", "windowHour", "srcPort");

-- The search sums stored so far left both addresses' ports out; from now on only the source port is
-- (and the events of the ports a search can match are read beside them), so the rows are rebuilt
-- from the events, grouped by the full searchable text: exact for every search, only less compact
-- than ingest's. Events stored before this migration have no srcPort: these rows alone answer them.
INSERT INTO "TrafficSearchRollup" ("accountId", "bucketStart", "groupKey", "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "eventTypes", "searchText", "userEmail", "rxBytes", "txBytes", "flows")
SELECT "accountId", date_trunc('hour', "windowStart"), 'migrated:' || MIN("id"), "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "eventTypes", "searchText", "userEmail", SUM("rxBytes"), SUM("txBytes"), COUNT(*)
FROM "TrafficEvent"
GROUP BY "accountId", date_trunc('hour', "windowStart"), "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "eventTypes", "searchText", "userEmail";
