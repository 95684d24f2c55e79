-- Search groups get a number (TrafficSearchGroup.id); events name their group by it (searchGroupId
-- instead of the 22-character key) and keep the day beside the hour (windowDay); the port index is
-- ordered by day, then port, then hour. Written by hand: the engine's plan copied the whole events
-- table to drop one column.

-- RedefineTables (TrafficSearchGroup: a few rows per peer and counterpart)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TrafficSearchGroup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    CONSTRAINT "TrafficSearchGroup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TrafficSearchGroup" ("accountId", "connectionType", "direction", "dstId", "groupKey", "protocol", "reporterId", "searchText", "srcId", "userEmail", "userId") SELECT "accountId", "connectionType", "direction", "dstId", "groupKey", "protocol", "reporterId", "searchText", "srcId", "userEmail", "userId" FROM "TrafficSearchGroup" ORDER BY "accountId", "groupKey";
DROP TABLE "TrafficSearchGroup";
ALTER TABLE "new_TrafficSearchGroup" RENAME TO "TrafficSearchGroup";
CREATE UNIQUE INDEX "TrafficSearchGroup_accountId_groupKey_key" ON "TrafficSearchGroup"("accountId", "groupKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- TrafficEvent: the new columns, filled from the old ones, then the old column and index go.
DROP INDEX "TrafficEvent_accountId_windowHour_srcPort_searchGroup_rxBytes_txBytes_idx";
ALTER TABLE "TrafficEvent" ADD COLUMN "searchGroupId" INTEGER;
ALTER TABLE "TrafficEvent" ADD COLUMN "windowDay" INTEGER;
UPDATE "TrafficEvent" SET
    "searchGroupId" = (SELECT g."id" FROM "TrafficSearchGroup" AS g WHERE g."accountId" = "TrafficEvent"."accountId" AND g."groupKey" = "TrafficEvent"."searchGroup"),
    "windowDay" = "windowHour" / 24
WHERE "windowHour" IS NOT NULL;
ALTER TABLE "TrafficEvent" DROP COLUMN "searchGroup";
CREATE INDEX "TrafficEvent_accountId_windowDay_srcPort_windowHour_searchGroupId_rxBytes_txBytes_idx" ON "TrafficEvent"("accountId", "windowDay", "srcPort", "windowHour", "searchGroupId", "rxBytes", "txBytes");
