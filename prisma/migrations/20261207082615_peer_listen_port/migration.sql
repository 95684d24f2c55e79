-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Peer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "hostname" TEXT NOT NULL DEFAULT '',
    "dnsLabel" TEXT NOT NULL,
    "extraDnsLabels" TEXT NOT NULL DEFAULT '[]',
    "ip" TEXT NOT NULL,
    "ipv6" TEXT NOT NULL DEFAULT '',
    "wgPubKey" TEXT NOT NULL,
    "os" TEXT NOT NULL DEFAULT '',
    "osVersion" TEXT NOT NULL DEFAULT '',
    "kernelVersion" TEXT NOT NULL DEFAULT '',
    "version" TEXT NOT NULL DEFAULT '',
    "uiVersion" TEXT NOT NULL DEFAULT '',
    "serialNumber" TEXT NOT NULL DEFAULT '',
    "connectionIp" TEXT NOT NULL DEFAULT '',
    "connected" BOOLEAN NOT NULL DEFAULT false,
    "lastSeen" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLogin" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sshEnabled" BOOLEAN NOT NULL DEFAULT false,
    "loginExpirationEnabled" BOOLEAN NOT NULL DEFAULT false,
    "inactivityExpirationEnabled" BOOLEAN NOT NULL DEFAULT false,
    "approvalRequired" BOOLEAN NOT NULL DEFAULT false,
    "disapprovalReason" TEXT NOT NULL DEFAULT '',
    "ephemeral" BOOLEAN NOT NULL DEFAULT false,
    "countryCode" TEXT NOT NULL DEFAULT '',
    "cityName" TEXT NOT NULL DEFAULT '',
    "geonameId" INTEGER NOT NULL DEFAULT 0,
    "localFlags" TEXT NOT NULL DEFAULT '{}',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "advertisedRoutes" TEXT NOT NULL DEFAULT '[]',
    "enabledRoutes" TEXT NOT NULL DEFAULT '[]',
    "setupKeyId" TEXT NOT NULL DEFAULT '',
    "agentTokenHash" TEXT,
    "expiresAt" DATETIME,
    "ztAddress" TEXT,
    "networkAddresses" TEXT NOT NULL DEFAULT '[]',
    "reportedFiles" TEXT NOT NULL DEFAULT '[]',
    "listenPort" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Peer_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Peer" ("accountId", "advertisedRoutes", "agentTokenHash", "approvalRequired", "cityName", "connected", "connectionIp", "countryCode", "createdAt", "disapprovalReason", "dnsLabel", "enabledRoutes", "ephemeral", "expiresAt", "extraDnsLabels", "geonameId", "hostname", "id", "inactivityExpirationEnabled", "ip", "ipv6", "kernelVersion", "lastLogin", "lastSeen", "localFlags", "loginExpirationEnabled", "name", "networkAddresses", "os", "osVersion", "reportedFiles", "serialNumber", "setupKeyId", "sshEnabled", "tags", "uiVersion", "userId", "version", "wgPubKey", "ztAddress") SELECT "accountId", "advertisedRoutes", "agentTokenHash", "approvalRequired", "cityName", "connected", "connectionIp", "countryCode", "createdAt", "disapprovalReason", "dnsLabel", "enabledRoutes", "ephemeral", "expiresAt", "extraDnsLabels", "geonameId", "hostname", "id", "inactivityExpirationEnabled", "ip", "ipv6", "kernelVersion", "lastLogin", "lastSeen", "localFlags", "loginExpirationEnabled", "name", "networkAddresses", "os", "osVersion", "reportedFiles", "serialNumber", "setupKeyId", "sshEnabled", "tags", "uiVersion", "userId", "version", "wgPubKey", "ztAddress" FROM "Peer";
DROP TABLE "Peer";
ALTER TABLE "new_Peer" RENAME TO "Peer";
CREATE UNIQUE INDEX "Peer_agentTokenHash_key" ON "Peer"("agentTokenHash");
CREATE INDEX "Peer_accountId_name_idx" ON "Peer"("accountId", "name");
CREATE INDEX "Peer_accountId_lastSeen_idx" ON "Peer"("accountId", "lastSeen");
CREATE INDEX "Peer_accountId_userId_idx" ON "Peer"("accountId", "userId");
CREATE INDEX "Peer_accountId_os_id_idx" ON "Peer"("accountId", "os", "id");
CREATE INDEX "Peer_accountId_version_id_idx" ON "Peer"("accountId", "version", "id");
CREATE INDEX "Peer_accountId_connected_id_idx" ON "Peer"("accountId", "connected", "id");
CREATE INDEX "Peer_accountId_approvalRequired_id_idx" ON "Peer"("accountId", "approvalRequired", "id");
CREATE INDEX "Peer_accountId_loginExpirationEnabled_id_idx" ON "Peer"("accountId", "loginExpirationEnabled", "id");
CREATE UNIQUE INDEX "Peer_accountId_ip_key" ON "Peer"("accountId", "ip");
CREATE UNIQUE INDEX "Peer_accountId_dnsLabel_key" ON "Peer"("accountId", "dnsLabel");
CREATE UNIQUE INDEX "Peer_accountId_wgPubKey_key" ON "Peer"("accountId", "wgPubKey");
CREATE UNIQUE INDEX "Peer_accountId_ztAddress_key" ON "Peer"("accountId", "ztAddress");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
