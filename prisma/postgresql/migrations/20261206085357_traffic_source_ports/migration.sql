-- AlterTable
ALTER TABLE "TrafficEvent" ADD COLUMN     "srcPort" INTEGER,
ADD COLUMN     "windowHour" INTEGER;

-- AlterTable (its rows are rebuilt below)
DELETE FROM "TrafficSearchRollup";
ALTER TABLE "TrafficSearchRollup" DROP CONSTRAINT "TrafficSearchRollup_pkey",
DROP COLUMN "eventTypes",
ADD COLUMN     "dropFlows" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "dropRxBytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "dropTxBytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "endFlows" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "endRxBytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "endTxBytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "startFlows" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "startRxBytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "startTxBytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "unknownFlows" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unknownRxBytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "unknownTxBytes" BIGINT NOT NULL DEFAULT 0,
ADD CONSTRAINT "TrafficSearchRollup_pkey" PRIMARY KEY ("accountId", "bucketStart", "reporterId", "userId", "protocol", "groupKey");

-- CreateIndex
CREATE INDEX "TrafficEvent_accountId_windowHour_srcPort_idx" ON "TrafficEvent"("accountId", "windowHour", "srcPort");

-- The search sums so far left both addresses' ports out and were grouped by sub-event types; now
-- only the source port is left out (the events of the ports a search can match are read beside
-- them) and types are sums of their own. The rows are rebuilt from the events, grouped by the full
-- searchable text: exact for every search, only less compact than ingest's. Events stored before
-- this migration have no srcPort: these rows alone answer for them.
INSERT INTO "TrafficSearchRollup" ("accountId", "bucketStart", "groupKey", "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail", "rxBytes", "txBytes", "flows", "startRxBytes", "startTxBytes", "startFlows", "endRxBytes", "endTxBytes", "endFlows", "dropRxBytes", "dropTxBytes", "dropFlows", "unknownRxBytes", "unknownTxBytes", "unknownFlows")
SELECT "accountId", date_trunc('hour', "windowStart"), 'migrated:' || MIN("id"), "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail", SUM("rxBytes"), SUM("txBytes"), COUNT(*), SUM(CASE WHEN strpos("eventTypes", ',TYPE_START,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_START,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_START,') > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_END,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_END,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_END,') > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_DROP,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_DROP,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_DROP,') > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_UNKNOWN,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_UNKNOWN,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN strpos("eventTypes", ',TYPE_UNKNOWN,') > 0 THEN 1 ELSE 0 END)
FROM "TrafficEvent"
GROUP BY "accountId", date_trunc('hour', "windowStart"), "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail";
