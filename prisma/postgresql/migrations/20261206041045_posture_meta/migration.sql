-- AlterTable
ALTER TABLE "Peer" ADD COLUMN     "networkAddresses" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "reportedFiles" TEXT NOT NULL DEFAULT '[]';
