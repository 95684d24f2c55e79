-- DropIndex
DROP INDEX "ZeroTierNetwork_nwid_key";

-- CreateIndex
CREATE UNIQUE INDEX "ZeroTierNetwork_accountId_nwid_key" ON "ZeroTierNetwork"("accountId", "nwid");
