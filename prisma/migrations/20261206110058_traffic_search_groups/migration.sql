-- DropIndex
DROP INDEX "TrafficEvent_accountId_windowHour_srcPort_idx";

-- AlterTable
ALTER TABLE "TrafficEvent" ADD COLUMN "searchGroup" TEXT;

-- Events stored so far get no search group: their source ports are forgotten (srcPort stays in
-- srcAddress and searchText) and the search sums are rebuilt from all events grouped by the full
-- searchable text, as in 20261206085357_traffic_source_ports, so those rows alone answer every
-- search for them, exactly. Only events stored from now on are found through their port.
UPDATE "TrafficEvent" SET "srcPort" = NULL WHERE "srcPort" IS NOT NULL;
DELETE FROM "TrafficSearchRollup";
INSERT INTO "TrafficSearchRollup" ("accountId", "bucketStart", "groupKey", "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail", "rxBytes", "txBytes", "flows", "startRxBytes", "startTxBytes", "startFlows", "endRxBytes", "endTxBytes", "endFlows", "dropRxBytes", "dropTxBytes", "dropFlows", "unknownRxBytes", "unknownTxBytes", "unknownFlows")
SELECT "accountId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "windowStart"), 'migrated:' || MIN("id"), "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail", SUM("rxBytes"), SUM("txBytes"), COUNT(*), SUM(CASE WHEN instr("eventTypes", ',TYPE_START,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_START,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_START,') > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_END,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_END,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_END,') > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_DROP,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_DROP,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_DROP,') > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_UNKNOWN,') > 0 THEN "rxBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_UNKNOWN,') > 0 THEN "txBytes" ELSE 0 END), SUM(CASE WHEN instr("eventTypes", ',TYPE_UNKNOWN,') > 0 THEN 1 ELSE 0 END)
FROM "TrafficEvent"
GROUP BY "accountId", strftime('%Y-%m-%dT%H:00:00.000+00:00', "windowStart"), "reporterId", "srcId", "dstId", "userId", "protocol", "direction", "connectionType", "searchText", "userEmail";

-- CreateTable (both WITHOUT ROWID, added by hand: they are read and written by their keys)
CREATE TABLE "TrafficSearchGroup" (
    "accountId" TEXT NOT NULL,
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

    PRIMARY KEY ("accountId", "groupKey"),
    CONSTRAINT "TrafficSearchGroup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "TrafficPortSum" (
    "accountId" TEXT NOT NULL,
    "digit" TEXT NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "reporterId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "protocol" INTEGER NOT NULL,
    "groupKey" TEXT NOT NULL,
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

    PRIMARY KEY ("accountId", "digit", "bucketStart", "reporterId", "userId", "protocol", "groupKey"),
    CONSTRAINT "TrafficPortSum_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateIndex
CREATE INDEX "TrafficEvent_accountId_windowHour_srcPort_searchGroup_rxBytes_txBytes_idx" ON "TrafficEvent"("accountId", "windowHour", "srcPort", "searchGroup", "rxBytes", "txBytes");
