-- Search groups get a number (TrafficSearchGroup.id); events name their group by it (searchGroupId
-- instead of the 22-character key) and keep the day beside the hour (windowDay); the port index is
-- ordered by day, then port, then hour. Reordered by hand: the events take their group's number
-- before the key column is dropped.

-- DropIndex
DROP INDEX "TrafficEvent_accountId_windowHour_srcPort_searchGroup_rxByt_idx";

-- AlterTable
ALTER TABLE "TrafficSearchGroup" DROP CONSTRAINT "TrafficSearchGroup_pkey",
ADD COLUMN     "id" SERIAL NOT NULL,
ADD CONSTRAINT "TrafficSearchGroup_pkey" PRIMARY KEY ("id");

-- CreateIndex
CREATE UNIQUE INDEX "TrafficSearchGroup_accountId_groupKey_key" ON "TrafficSearchGroup"("accountId", "groupKey");

-- AlterTable
ALTER TABLE "TrafficEvent" ADD COLUMN     "searchGroupId" INTEGER,
ADD COLUMN     "windowDay" INTEGER;

UPDATE "TrafficEvent" AS e SET
    "searchGroupId" = (SELECT g."id" FROM "TrafficSearchGroup" AS g WHERE g."accountId" = e."accountId" AND g."groupKey" = e."searchGroup"),
    "windowDay" = e."windowHour" / 24
WHERE e."windowHour" IS NOT NULL;

ALTER TABLE "TrafficEvent" DROP COLUMN "searchGroup";

-- CreateIndex
CREATE INDEX "TrafficEvent_accountId_windowDay_srcPort_windowHour_searchG_idx" ON "TrafficEvent"("accountId", "windowDay", "srcPort", "windowHour", "searchGroupId", "rxBytes", "txBytes");
