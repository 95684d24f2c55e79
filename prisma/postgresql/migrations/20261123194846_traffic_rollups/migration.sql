-- CreateTable
CREATE TABLE "TrafficRollup" (
    "accountId" TEXT NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "reporterId" TEXT NOT NULL,
    "srcId" TEXT NOT NULL,
    "dstId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "protocol" INTEGER NOT NULL,
    "direction" TEXT NOT NULL,
    "connectionType" TEXT NOT NULL,
    "userEmail" TEXT NOT NULL DEFAULT '',
    "rxBytes" BIGINT NOT NULL DEFAULT 0,
    "txBytes" BIGINT NOT NULL DEFAULT 0,
    "rxPackets" BIGINT NOT NULL DEFAULT 0,
    "txPackets" BIGINT NOT NULL DEFAULT 0,
    "flows" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TrafficRollup_pkey" PRIMARY KEY ("accountId","bucketStart","reporterId","srcId","dstId","userId","protocol","direction","connectionType")
);

-- CreateTable
CREATE TABLE "TrafficTotal" (
    "accountId" TEXT NOT NULL,
    "dim" TEXT NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "value" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "rxBytes" BIGINT NOT NULL DEFAULT 0,
    "txBytes" BIGINT NOT NULL DEFAULT 0,
    "flows" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TrafficTotal_pkey" PRIMARY KEY ("accountId","dim","bucketStart","value")
);

-- AddForeignKey
ALTER TABLE "TrafficRollup" ADD CONSTRAINT "TrafficRollup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrafficTotal" ADD CONSTRAINT "TrafficTotal_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
