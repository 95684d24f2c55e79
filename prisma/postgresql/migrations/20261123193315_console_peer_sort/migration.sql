-- CreateIndex
CREATE INDEX "Peer_accountId_os_id_idx" ON "Peer"("accountId", "os", "id");

-- CreateIndex
CREATE INDEX "Peer_accountId_version_id_idx" ON "Peer"("accountId", "version", "id");

-- CreateIndex
CREATE INDEX "Peer_accountId_connected_id_idx" ON "Peer"("accountId", "connected", "id");

-- CreateIndex
CREATE INDEX "Peer_accountId_approvalRequired_id_idx" ON "Peer"("accountId", "approvalRequired", "id");

-- CreateIndex
CREATE INDEX "Peer_accountId_loginExpirationEnabled_id_idx" ON "Peer"("accountId", "loginExpirationEnabled", "id");
