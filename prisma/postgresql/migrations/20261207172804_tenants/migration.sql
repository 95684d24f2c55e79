-- DropForeignKey
ALTER TABLE "Credential" DROP CONSTRAINT "Credential_userId_fkey";

-- DropIndex
DROP INDEX "User_email_key";

-- DropIndex
DROP INDEX "User_accountId_idx";

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "apiRequestsPerMinute" INTEGER,
ADD COLUMN     "peerQuota" INTEGER,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'active';

-- CreateTable
CREATE TABLE "Person" (
    "email" TEXT NOT NULL,
    "passwordHash" TEXT,
    "operator" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("email")
);

-- Passwords move from each user to their person (one per email); the bootstrap owner is the first operator.
INSERT INTO "Person" ("email", "passwordHash", "operator", "updatedAt")
  SELECT u."email", c."passwordHash", u."issued" = 'bootstrap', CURRENT_TIMESTAMP FROM "Credential" c JOIN "User" u ON u."id" = c."userId";

-- DropTable
DROP TABLE "Credential";

-- CreateTable
CREATE TABLE "AccountInvite" (
    "tokenHash" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountInvite_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "ApiRequestCount" (
    "accountId" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiRequestCount_pkey" PRIMARY KEY ("accountId","minute")
);

-- CreateIndex
CREATE INDEX "AccountInvite_accountId_idx" ON "AccountInvite"("accountId");

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_accountId_email_key" ON "User"("accountId", "email");

-- AddForeignKey
ALTER TABLE "AccountInvite" ADD CONSTRAINT "AccountInvite_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiRequestCount" ADD CONSTRAINT "ApiRequestCount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
