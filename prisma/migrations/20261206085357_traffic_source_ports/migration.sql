-- AlterTable
ALTER TABLE "TrafficEvent" ADD COLUMN "srcPort" INTEGER;
ALTER TABLE "TrafficEvent" ADD COLUMN "windowHour" INTEGER;

-- RedefineTables (WITHOUT ROWID added by hand, as in 20261206061609_traffic_search_rollups)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TrafficSearchRollup" (
    "accountId" TEXT NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "groupKey" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "srcId" TEXT NOT NULL,
    "dstId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "protocol" INTEGER NOT NULL,
    "direction" TEXT NOT NULL,
    "connectionType" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "userEmail" TEXT NOT NULL,
    "rxBytes" BIGINT NOT NULL DEFAULT 0,
    "txBytes" BIGINT NOT NULL DEFAULT 0,
    "flows" INTEGER NOT NULL DEFAULT 0,
    "startRxBytes" BIGINT NOT NULL DEFAULT 0,
    "startTxBytes" BIGINT NOT NULL DEFAULT 0,
    "startFlows" INTEGER NOT NULL DEFAULT 0,
    "endRxBytes" BIGINT NOT NULL DEFAULT 0,
    "endTxBytes" BIGINT NOT NULL DEFAULT 0,
    "endFlows" INTEGER NOT NULL DEFAULT 0,
    "dropRxBytes" BIGINT NOT NULL DEFAULT 0,
    "dropTxBytes" BIGINT NOT NULL DEFAULT 0,
    "dropFlows" INTEGER NOT NULL DEFAULT 0,
    "unknownRxBytes" BIGINT NOT NULL DEFAULT 0,
    "unknownTxBytes" BIGINT NOT NULL DEFAULT 0,
    "unknownFlows" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("accountId", "bucketStart", "reporterId", "userId", "protocol", "groupKey"),
    CONSTRAINT "TrafficSearchRollup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
-- The search sums so far left both addresses' ports out and were grouped by sub-event types; now
-- only the source port is left out (the events of the ports a search can match are read beside
-- them) and types are sums of their own. The rows are rebuilt from the events, grouped by the full
-- searchable text: exact for every search, only less compact than ingest's. Events stored before
-- this migration have no srcPort: these rows alone answer for them.
INSERT INTO "new_TrafficSearchRollup" ("accountId", "bucketStart", "groupKey", "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail", "rxBytes", "txBytes", "flows", "startRxBytes", "startTxBytes", "startFlows", "endRxBytes", "endTxBytes", "endFlows", "dropRxBytes", "dropTxBytes", "dropFlows", "unknownRxBytes", "unknownTxBytes", "unknownFlows")
SELECT "accountId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "windowStart"), 'migrated:' || MIN("id"), "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail", SUM("rxBytes"), SUM("txBytes"), COUNT(*), SUM(CASE WHEN instr("eventTypes", ',TYPE_START,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_START,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_START,') > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_END,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_END,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_END,') > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_DROP,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_DROP,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_DROP,') > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_UNKNOWN,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_UNKNOWN,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_UNKNOWN,') > 0 THEN 1 ELSE 0 END)
FROM "TrafficEvent"
GROUP BY "accountId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "windowStart"), "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail";
DROP TABLE "TrafficSearchRollup";
ALTER TABLE "new_TrafficSearchRollup" RENAME TO "TrafficSearchRollup";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TrafficEvent_accountId_windowHour_srcPort_idx" ON "TrafficEvent"("accountId", "windowHour", "srcPort");
