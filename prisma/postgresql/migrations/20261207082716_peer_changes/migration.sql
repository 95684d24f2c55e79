-- CreateTable
CREATE TABLE "PeerChange" (
    "seq" BIGSERIAL NOT NULL,
    "accountId" TEXT,
    "peerId" TEXT NOT NULL,
    "txid" BIGINT,
    "atMs" BIGINT NOT NULL,

    CONSTRAINT "PeerChange_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "PeerChange_accountId_seq_idx" ON "PeerChange"("accountId", "seq");

-- CreateIndex
CREATE INDEX "PeerChange_accountId_txid_idx" ON "PeerChange"("accountId", "txid");

-- CreateIndex
CREATE INDEX "PeerChange_atMs_idx" ON "PeerChange"("atMs");

-- Written by hand (Prisma cannot say it): triggers record every change of a peer's row or group
-- memberships, whatever wrote it, with the writing transaction's id. Sequence values are not
-- handed out in commit order; readers use txid and the snapshot's xmin instead
-- (lib/domain/access/peer-journal.ts).
CREATE FUNCTION "meshdeck_peer_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_account TEXT;
  row_peer TEXT;
BEGIN
  IF TG_TABLE_NAME = 'Peer' THEN
    IF TG_OP = 'DELETE' THEN row_account := OLD."accountId"; row_peer := OLD."id";
    ELSE row_account := NEW."accountId"; row_peer := NEW."id"; END IF;
  ELSE
    IF TG_OP = 'DELETE' THEN row_peer := OLD."peerId"; ELSE row_peer := NEW."peerId"; END IF;
    SELECT "accountId" INTO row_account FROM "Peer" WHERE "id" = row_peer;
  END IF;
  INSERT INTO "PeerChange" ("accountId", "peerId", "txid", "atMs")
  VALUES (row_account, row_peer, pg_current_xact_id()::text::bigint, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
  RETURN NULL;
END $$;
CREATE TRIGGER "PeerChange_peer" AFTER INSERT OR UPDATE OR DELETE ON "Peer" FOR EACH ROW EXECUTE FUNCTION "meshdeck_peer_change"();
CREATE TRIGGER "PeerChange_member" AFTER INSERT OR UPDATE OR DELETE ON "GroupPeer" FOR EACH ROW EXECUTE FUNCTION "meshdeck_peer_change"();
