-- DropIndex
DROP INDEX "User_email_key";

-- DropIndex
DROP INDEX "User_accountId_idx";

-- CreateTable
CREATE TABLE "Person" (
    "email" TEXT NOT NULL PRIMARY KEY,
    "passwordHash" TEXT,
    "operator" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- Passwords move from each user to their person (one per email); the bootstrap owner is the first operator.
INSERT INTO "Person" ("email", "passwordHash", "operator", "updatedAt")
  SELECT u."email", c."passwordHash", u."issued" = 'bootstrap', CURRENT_TIMESTAMP FROM "Credential" c JOIN "User" u ON u."id" = c."userId";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Credential";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "AccountInvite" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountInvite_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiRequestCount" (
    "accountId" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("accountId", "minute"),
    CONSTRAINT "ApiRequestCount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "domainCategory" TEXT NOT NULL DEFAULT 'private',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "networkRange" TEXT NOT NULL DEFAULT '100.64.0.0/10',
    "networkRangeV6" TEXT NOT NULL DEFAULT 'fd7a:115c:a1e0::/48',
    "dnsDomain" TEXT NOT NULL DEFAULT 'meshdeck.internal',
    "peerLoginExpirationEnabled" BOOLEAN NOT NULL DEFAULT true,
    "peerLoginExpiration" INTEGER NOT NULL DEFAULT 86400,
    "peerInactivityExpirationEnabled" BOOLEAN NOT NULL DEFAULT false,
    "peerInactivityExpiration" INTEGER NOT NULL DEFAULT 600,
    "regularUsersViewBlocked" BOOLEAN NOT NULL DEFAULT true,
    "settingsJson" TEXT NOT NULL DEFAULT '{}',
    "dnsDisabledManagementGroups" TEXT NOT NULL DEFAULT '[]',
    "networkSerial" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'active',
    "peerQuota" INTEGER,
    "apiRequestsPerMinute" INTEGER
);
INSERT INTO "new_Account" ("createdAt", "createdBy", "dnsDisabledManagementGroups", "dnsDomain", "domain", "domainCategory", "id", "name", "networkRange", "networkRangeV6", "networkSerial", "peerInactivityExpiration", "peerInactivityExpirationEnabled", "peerLoginExpiration", "peerLoginExpirationEnabled", "regularUsersViewBlocked", "settingsJson") SELECT "createdAt", "createdBy", "dnsDisabledManagementGroups", "dnsDomain", "domain", "domainCategory", "id", "name", "networkRange", "networkRangeV6", "networkSerial", "peerInactivityExpiration", "peerInactivityExpirationEnabled", "peerLoginExpiration", "peerLoginExpirationEnabled", "regularUsersViewBlocked", "settingsJson" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
CREATE UNIQUE INDEX "Account_domain_key" ON "Account"("domain");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AccountInvite_accountId_idx" ON "AccountInvite"("accountId");

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_accountId_email_key" ON "User"("accountId", "email");
