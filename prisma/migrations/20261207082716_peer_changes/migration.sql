-- CreateTable
CREATE TABLE "PeerChange" (
    "seq" BIGINT NOT NULL PRIMARY KEY,
    "accountId" TEXT,
    "peerId" TEXT NOT NULL,
    "txid" BIGINT,
    "atMs" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "PeerChange_accountId_seq_idx" ON "PeerChange"("accountId", "seq");

-- CreateIndex
CREATE INDEX "PeerChange_accountId_txid_idx" ON "PeerChange"("accountId", "txid");

-- CreateIndex
CREATE INDEX "PeerChange_atMs_idx" ON "PeerChange"("atMs");

-- Written by hand (Prisma cannot say it): triggers record every change of a peer's row or group
-- memberships, whatever wrote it. seq is MAX+1: SQLite serializes writers, so seq order is commit
-- order, and pruning always keeps the newest row so a seq is never handed out twice.
CREATE TRIGGER "PeerChange_peer_insert" AFTER INSERT ON "Peer" BEGIN
  INSERT INTO "PeerChange" ("seq", "accountId", "peerId", "atMs")
  VALUES ((SELECT COALESCE(MAX("seq"), 0) + 1 FROM "PeerChange"), NEW."accountId", NEW."id", CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER));
END;
CREATE TRIGGER "PeerChange_peer_update" AFTER UPDATE ON "Peer" BEGIN
  INSERT INTO "PeerChange" ("seq", "accountId", "peerId", "atMs")
  VALUES ((SELECT COALESCE(MAX("seq"), 0) + 1 FROM "PeerChange"), NEW."accountId", NEW."id", CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER));
END;
CREATE TRIGGER "PeerChange_peer_delete" AFTER DELETE ON "Peer" BEGIN
  INSERT INTO "PeerChange" ("seq", "accountId", "peerId", "atMs")
  VALUES ((SELECT COALESCE(MAX("seq"), 0) + 1 FROM "PeerChange"), OLD."accountId", OLD."id", CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER));
END;
CREATE TRIGGER "PeerChange_member_insert" AFTER INSERT ON "GroupPeer" BEGIN
  INSERT INTO "PeerChange" ("seq", "accountId", "peerId", "atMs")
  VALUES ((SELECT COALESCE(MAX("seq"), 0) + 1 FROM "PeerChange"), (SELECT "accountId" FROM "Peer" WHERE "id" = NEW."peerId"), NEW."peerId", CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER));
END;
CREATE TRIGGER "PeerChange_member_delete" AFTER DELETE ON "GroupPeer" BEGIN
  INSERT INTO "PeerChange" ("seq", "accountId", "peerId", "atMs")
  VALUES ((SELECT COALESCE(MAX("seq"), 0) + 1 FROM "PeerChange"), (SELECT "accountId" FROM "Peer" WHERE "id" = OLD."peerId"), OLD."peerId", CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER));
END;
