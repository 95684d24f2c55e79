-- CreateTable
CREATE TABLE "ZitiIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'Default',
    "roleAttributes" TEXT NOT NULL DEFAULT '[]',
    "peerId" TEXT,
    "userId" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "appData" TEXT NOT NULL DEFAULT '{}',
    "mfaSecret" TEXT NOT NULL DEFAULT '',
    "mfaEnabled" BOOLEAN NOT NULL DEFAULT false,
    "mfaCreatedAt" DATETIME,
    "mfaRecoveryCodes" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ZitiIdentity_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ZitiIdentity_peerId_fkey" FOREIGN KEY ("peerId") REFERENCES "Peer" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ZitiIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ZitiAuthenticator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "username" TEXT,
    "passwordHash" TEXT NOT NULL DEFAULT '',
    "certFingerprint" TEXT,
    "certPem" TEXT NOT NULL DEFAULT '',
    "unverifiedCertPem" TEXT NOT NULL DEFAULT '',
    "unverifiedFingerprint" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ZitiAuthenticator_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ZitiIdentity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ZitiEnrollment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "username" TEXT NOT NULL DEFAULT '',
    "caId" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ZitiEnrollment_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ZitiIdentity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ZitiApiSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "authenticatorId" TEXT NOT NULL DEFAULT '',
    "tokenHash" TEXT NOT NULL,
    "ip" TEXT NOT NULL DEFAULT '',
    "expiresAt" DATETIME NOT NULL,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mfaRequired" BOOLEAN NOT NULL DEFAULT false,
    "mfaPassed" BOOLEAN NOT NULL DEFAULT false,
    "configTypes" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ZitiApiSession_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ZitiIdentity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ZitiApiSessionCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "apiSessionId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "pem" TEXT NOT NULL,
    "validFrom" DATETIME NOT NULL,
    "validTo" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ZitiApiSessionCertificate_apiSessionId_fkey" FOREIGN KEY ("apiSessionId") REFERENCES "ZitiApiSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ZitiSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "apiSessionId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ZitiSession_apiSessionId_fkey" FOREIGN KEY ("apiSessionId") REFERENCES "ZitiApiSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ZitiSession_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ZitiIdentity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ZitiIdentity_peerId_idx" ON "ZitiIdentity"("peerId");

-- CreateIndex
CREATE INDEX "ZitiIdentity_userId_idx" ON "ZitiIdentity"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ZitiIdentity_accountId_name_key" ON "ZitiIdentity"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ZitiAuthenticator_username_key" ON "ZitiAuthenticator"("username");

-- CreateIndex
CREATE UNIQUE INDEX "ZitiAuthenticator_certFingerprint_key" ON "ZitiAuthenticator"("certFingerprint");

-- CreateIndex
CREATE INDEX "ZitiAuthenticator_identityId_idx" ON "ZitiAuthenticator"("identityId");

-- CreateIndex
CREATE INDEX "ZitiAuthenticator_accountId_idx" ON "ZitiAuthenticator"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ZitiEnrollment_tokenHash_key" ON "ZitiEnrollment"("tokenHash");

-- CreateIndex
CREATE INDEX "ZitiEnrollment_identityId_idx" ON "ZitiEnrollment"("identityId");

-- CreateIndex
CREATE INDEX "ZitiEnrollment_accountId_idx" ON "ZitiEnrollment"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ZitiApiSession_tokenHash_key" ON "ZitiApiSession"("tokenHash");

-- CreateIndex
CREATE INDEX "ZitiApiSession_identityId_idx" ON "ZitiApiSession"("identityId");

-- CreateIndex
CREATE INDEX "ZitiApiSession_accountId_idx" ON "ZitiApiSession"("accountId");

-- CreateIndex
CREATE INDEX "ZitiApiSessionCertificate_apiSessionId_idx" ON "ZitiApiSessionCertificate"("apiSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "ZitiSession_tokenHash_key" ON "ZitiSession"("tokenHash");

-- CreateIndex
CREATE INDEX "ZitiSession_apiSessionId_idx" ON "ZitiSession"("apiSessionId");

-- CreateIndex
CREATE INDEX "ZitiSession_identityId_idx" ON "ZitiSession"("identityId");

-- CreateIndex
CREATE INDEX "ZitiSession_accountId_serviceId_idx" ON "ZitiSession"("accountId", "serviceId");
