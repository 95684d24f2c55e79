-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "domainCategory" TEXT NOT NULL DEFAULT 'private',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
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

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'user',
    "status" TEXT NOT NULL DEFAULT 'active',
    "isServiceUser" BOOLEAN NOT NULL DEFAULT false,
    "autoGroups" TEXT NOT NULL DEFAULT '[]',
    "issued" TEXT NOT NULL DEFAULT 'api',
    "lastLogin" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credential" (
    "userId" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activityCode" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "initiatorId" TEXT NOT NULL,
    "initiatorName" TEXT NOT NULL DEFAULT '',
    "initiatorEmail" TEXT NOT NULL DEFAULT '',
    "targetId" TEXT NOT NULL DEFAULT '',
    "meta" TEXT NOT NULL DEFAULT '{}',
    "source" TEXT NOT NULL DEFAULT 'system',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Peer" (
    "id" TEXT NOT NULL,
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
    "lastSeen" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLogin" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
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
    "expiresAt" TIMESTAMP(3),
    "ztAddress" TEXT,

    CONSTRAINT "Peer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issued" TEXT NOT NULL DEFAULT 'api',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupPeer" (
    "groupId" TEXT NOT NULL,
    "peerId" TEXT NOT NULL,

    CONSTRAINT "GroupPeer_pkey" PRIMARY KEY ("groupId","peerId")
);

-- CreateTable
CREATE TABLE "GroupResource" (
    "groupId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,

    CONSTRAINT "GroupResource_pkey" PRIMARY KEY ("groupId","resourceId")
);

-- CreateTable
CREATE TABLE "SetupKey" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revoked" BOOLEAN NOT NULL DEFAULT false,
    "usedTimes" INTEGER NOT NULL DEFAULT 0,
    "lastUsed" TIMESTAMP(3),
    "autoGroups" TEXT NOT NULL DEFAULT '[]',
    "usageLimit" INTEGER NOT NULL DEFAULT 0,
    "ephemeral" BOOLEAN NOT NULL DEFAULT false,
    "allowExtraDnsLabels" BOOLEAN NOT NULL DEFAULT false,
    "preauthorized" BOOLEAN NOT NULL DEFAULT true,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SetupKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sourcePostureChecks" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyRule" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "action" TEXT NOT NULL DEFAULT 'accept',
    "bidirectional" BOOLEAN NOT NULL DEFAULT false,
    "protocol" TEXT NOT NULL DEFAULT 'all',
    "ports" TEXT NOT NULL DEFAULT '[]',
    "portRanges" TEXT NOT NULL DEFAULT '[]',
    "sources" TEXT NOT NULL DEFAULT '[]',
    "destinations" TEXT NOT NULL DEFAULT '[]',
    "sourceResource" TEXT NOT NULL DEFAULT '',
    "destinationResource" TEXT NOT NULL DEFAULT '',
    "authorizedGroups" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "PolicyRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostureCheck" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "checks" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "PostureCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Route" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "networkId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "peer" TEXT NOT NULL DEFAULT '',
    "peerGroups" TEXT NOT NULL DEFAULT '[]',
    "network" TEXT NOT NULL DEFAULT '',
    "domains" TEXT NOT NULL DEFAULT '[]',
    "networkType" TEXT NOT NULL DEFAULT 'IPv4',
    "metric" INTEGER NOT NULL DEFAULT 9999,
    "masquerade" BOOLEAN NOT NULL DEFAULT true,
    "groups" TEXT NOT NULL DEFAULT '[]',
    "keepRoute" BOOLEAN NOT NULL DEFAULT false,
    "accessControlGroups" TEXT NOT NULL DEFAULT '[]',
    "skipAutoApply" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Route_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Network" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Network_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkResource" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "NetworkResource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkRouter" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "peer" TEXT NOT NULL DEFAULT '',
    "peerGroups" TEXT NOT NULL DEFAULT '[]',
    "metric" INTEGER NOT NULL DEFAULT 9999,
    "masquerade" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "NetworkRouter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NameserverGroup" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "nameservers" TEXT NOT NULL DEFAULT '[]',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "groups" TEXT NOT NULL DEFAULT '[]',
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "domains" TEXT NOT NULL DEFAULT '[]',
    "searchDomainsEnabled" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "NameserverGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrafficEvent" (
    "id" SERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "receiveTimestamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "srcId" TEXT NOT NULL DEFAULT '',
    "srcType" TEXT NOT NULL DEFAULT '',
    "srcName" TEXT NOT NULL DEFAULT '',
    "srcAddress" TEXT NOT NULL DEFAULT '',
    "srcDnsLabel" TEXT NOT NULL DEFAULT '',
    "srcOs" TEXT NOT NULL DEFAULT '',
    "srcCountry" TEXT NOT NULL DEFAULT '',
    "srcCity" TEXT NOT NULL DEFAULT '',
    "dstId" TEXT NOT NULL DEFAULT '',
    "dstType" TEXT NOT NULL DEFAULT '',
    "dstName" TEXT NOT NULL DEFAULT '',
    "dstAddress" TEXT NOT NULL DEFAULT '',
    "dstDnsLabel" TEXT NOT NULL DEFAULT '',
    "dstOs" TEXT NOT NULL DEFAULT '',
    "dstCountry" TEXT NOT NULL DEFAULT '',
    "dstCity" TEXT NOT NULL DEFAULT '',
    "userId" TEXT NOT NULL DEFAULT '',
    "userEmail" TEXT NOT NULL DEFAULT '',
    "userName" TEXT NOT NULL DEFAULT '',
    "policyId" TEXT NOT NULL DEFAULT '',
    "policyName" TEXT NOT NULL DEFAULT '',
    "icmpType" INTEGER NOT NULL DEFAULT 0,
    "icmpCode" INTEGER NOT NULL DEFAULT 0,
    "protocol" INTEGER NOT NULL DEFAULT 0,
    "direction" TEXT NOT NULL DEFAULT 'DIRECTION_UNKNOWN',
    "connectionType" TEXT NOT NULL DEFAULT 'P2P',
    "rxBytes" BIGINT NOT NULL DEFAULT 0,
    "rxPackets" BIGINT NOT NULL DEFAULT 0,
    "txBytes" BIGINT NOT NULL DEFAULT 0,
    "txPackets" BIGINT NOT NULL DEFAULT 0,
    "numStarts" INTEGER NOT NULL DEFAULT 0,
    "numEnds" INTEGER NOT NULL DEFAULT 0,
    "numDrops" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "events" TEXT NOT NULL DEFAULT '[]',
    "eventTypes" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "TrafficEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngressPeer" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "peerId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "fallback" BOOLEAN NOT NULL DEFAULT false,
    "region" TEXT NOT NULL DEFAULT 'default',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IngressPeer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngressPortAllocation" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "peerId" TEXT NOT NULL,
    "ingressPeerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "portMappings" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "IngressPortAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TailnetDns" (
    "accountId" TEXT NOT NULL,
    "nameservers" TEXT NOT NULL DEFAULT '[]',
    "magicDns" BOOLEAN NOT NULL DEFAULT false,
    "searchPaths" TEXT NOT NULL DEFAULT '[]',
    "splitDns" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TailnetDns_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "ServerSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServerSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ZeroTierNetwork" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "nwid" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "private" BOOLEAN NOT NULL DEFAULT true,
    "enableBroadcast" BOOLEAN NOT NULL DEFAULT true,
    "mtu" INTEGER NOT NULL DEFAULT 2800,
    "multicastLimit" INTEGER NOT NULL DEFAULT 32,
    "v4AssignMode" TEXT NOT NULL DEFAULT '{}',
    "v6AssignMode" TEXT NOT NULL DEFAULT '{}',
    "routes" TEXT NOT NULL DEFAULT '[]',
    "ipAssignmentPools" TEXT NOT NULL DEFAULT '[]',
    "rules" TEXT NOT NULL DEFAULT '[]',
    "rulesSource" TEXT NOT NULL DEFAULT '',
    "capabilities" TEXT NOT NULL DEFAULT '[]',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "dns" TEXT NOT NULL DEFAULT '[]',
    "remoteTraceTarget" TEXT NOT NULL DEFAULT '',
    "remoteTraceLevel" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "creationTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ZeroTierNetwork_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZeroTierMember" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "peerId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "authorized" BOOLEAN NOT NULL DEFAULT false,
    "activeBridge" BOOLEAN NOT NULL DEFAULT false,
    "noAutoAssignIps" BOOLEAN NOT NULL DEFAULT false,
    "ssoExempt" BOOLEAN NOT NULL DEFAULT false,
    "ipAssignments" TEXT NOT NULL DEFAULT '[]',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "capabilities" TEXT NOT NULL DEFAULT '[]',
    "remoteTraceTarget" TEXT NOT NULL DEFAULT '',
    "remoteTraceLevel" INTEGER NOT NULL DEFAULT 0,
    "authenticationExpiryTime" BIGINT NOT NULL DEFAULT 0,
    "lastAuthorizedTime" BIGINT NOT NULL DEFAULT 0,
    "lastDeauthorizedTime" BIGINT NOT NULL DEFAULT 0,
    "lastAuthorizedCredentialType" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "creationTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ZeroTierMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZeroTierNode" (
    "accountId" TEXT NOT NULL,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ZeroTierNode_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "ZeroTierJoin" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "nwid" TEXT NOT NULL,
    "allowManaged" BOOLEAN NOT NULL DEFAULT true,
    "allowGlobal" BOOLEAN NOT NULL DEFAULT false,
    "allowDefault" BOOLEAN NOT NULL DEFAULT false,
    "allowDNS" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ZeroTierJoin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZeroTierMoon" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "moonId" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ZeroTierMoon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AclDocument" (
    "accountId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AclDocument_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "AclVersion" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "authorId" TEXT NOT NULL DEFAULT '',
    "authorName" TEXT NOT NULL DEFAULT '',
    "message" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AclVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_domain_key" ON "Account"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_accountId_idx" ON "User"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_secretHash_key" ON "ApiToken"("secretHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "ApiToken_accountId_idx" ON "ApiToken"("accountId");

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_timestamp_idx" ON "AuditEvent"("accountId", "timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "Peer_agentTokenHash_key" ON "Peer"("agentTokenHash");

-- CreateIndex
CREATE INDEX "Peer_accountId_name_idx" ON "Peer"("accountId", "name");

-- CreateIndex
CREATE INDEX "Peer_accountId_lastSeen_idx" ON "Peer"("accountId", "lastSeen");

-- CreateIndex
CREATE INDEX "Peer_accountId_userId_idx" ON "Peer"("accountId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Peer_accountId_ip_key" ON "Peer"("accountId", "ip");

-- CreateIndex
CREATE UNIQUE INDEX "Peer_accountId_dnsLabel_key" ON "Peer"("accountId", "dnsLabel");

-- CreateIndex
CREATE UNIQUE INDEX "Peer_accountId_wgPubKey_key" ON "Peer"("accountId", "wgPubKey");

-- CreateIndex
CREATE UNIQUE INDEX "Peer_accountId_ztAddress_key" ON "Peer"("accountId", "ztAddress");

-- CreateIndex
CREATE UNIQUE INDEX "Group_accountId_name_key" ON "Group"("accountId", "name");

-- CreateIndex
CREATE INDEX "GroupPeer_peerId_idx" ON "GroupPeer"("peerId");

-- CreateIndex
CREATE INDEX "GroupResource_resourceId_idx" ON "GroupResource"("resourceId");

-- CreateIndex
CREATE UNIQUE INDEX "SetupKey_keyHash_key" ON "SetupKey"("keyHash");

-- CreateIndex
CREATE INDEX "SetupKey_accountId_idx" ON "SetupKey"("accountId");

-- CreateIndex
CREATE INDEX "Policy_accountId_idx" ON "Policy"("accountId");

-- CreateIndex
CREATE INDEX "PolicyRule_policyId_idx" ON "PolicyRule"("policyId");

-- CreateIndex
CREATE UNIQUE INDEX "PostureCheck_accountId_name_key" ON "PostureCheck"("accountId", "name");

-- CreateIndex
CREATE INDEX "Route_accountId_idx" ON "Route"("accountId");

-- CreateIndex
CREATE INDEX "Network_accountId_idx" ON "Network"("accountId");

-- CreateIndex
CREATE INDEX "NetworkResource_networkId_idx" ON "NetworkResource"("networkId");

-- CreateIndex
CREATE INDEX "NetworkResource_accountId_idx" ON "NetworkResource"("accountId");

-- CreateIndex
CREATE INDEX "NetworkRouter_networkId_idx" ON "NetworkRouter"("networkId");

-- CreateIndex
CREATE INDEX "NetworkRouter_accountId_idx" ON "NetworkRouter"("accountId");

-- CreateIndex
CREATE INDEX "NameserverGroup_accountId_idx" ON "NameserverGroup"("accountId");

-- CreateIndex
CREATE INDEX "TrafficEvent_accountId_windowStart_idx" ON "TrafficEvent"("accountId", "windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "IngressPeer_accountId_peerId_key" ON "IngressPeer"("accountId", "peerId");

-- CreateIndex
CREATE INDEX "IngressPortAllocation_accountId_peerId_idx" ON "IngressPortAllocation"("accountId", "peerId");

-- CreateIndex
CREATE UNIQUE INDEX "ZeroTierNetwork_nwid_key" ON "ZeroTierNetwork"("nwid");

-- CreateIndex
CREATE INDEX "ZeroTierNetwork_accountId_idx" ON "ZeroTierNetwork"("accountId");

-- CreateIndex
CREATE INDEX "ZeroTierMember_peerId_idx" ON "ZeroTierMember"("peerId");

-- CreateIndex
CREATE INDEX "ZeroTierMember_accountId_idx" ON "ZeroTierMember"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ZeroTierMember_networkId_address_key" ON "ZeroTierMember"("networkId", "address");

-- CreateIndex
CREATE UNIQUE INDEX "ZeroTierJoin_accountId_nwid_key" ON "ZeroTierJoin"("accountId", "nwid");

-- CreateIndex
CREATE UNIQUE INDEX "ZeroTierMoon_accountId_moonId_key" ON "ZeroTierMoon"("accountId", "moonId");

-- CreateIndex
CREATE UNIQUE INDEX "AclVersion_accountId_number_key" ON "AclVersion"("accountId", "number");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Peer" ADD CONSTRAINT "Peer_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupPeer" ADD CONSTRAINT "GroupPeer_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupPeer" ADD CONSTRAINT "GroupPeer_peerId_fkey" FOREIGN KEY ("peerId") REFERENCES "Peer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupResource" ADD CONSTRAINT "GroupResource_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupResource" ADD CONSTRAINT "GroupResource_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "NetworkResource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SetupKey" ADD CONSTRAINT "SetupKey_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyRule" ADD CONSTRAINT "PolicyRule_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostureCheck" ADD CONSTRAINT "PostureCheck_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Route" ADD CONSTRAINT "Route_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Network" ADD CONSTRAINT "Network_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkResource" ADD CONSTRAINT "NetworkResource_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkRouter" ADD CONSTRAINT "NetworkRouter_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NameserverGroup" ADD CONSTRAINT "NameserverGroup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrafficEvent" ADD CONSTRAINT "TrafficEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngressPeer" ADD CONSTRAINT "IngressPeer_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TailnetDns" ADD CONSTRAINT "TailnetDns_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZeroTierNetwork" ADD CONSTRAINT "ZeroTierNetwork_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZeroTierMember" ADD CONSTRAINT "ZeroTierMember_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "ZeroTierNetwork"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZeroTierMember" ADD CONSTRAINT "ZeroTierMember_peerId_fkey" FOREIGN KEY ("peerId") REFERENCES "Peer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZeroTierNode" ADD CONSTRAINT "ZeroTierNode_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZeroTierJoin" ADD CONSTRAINT "ZeroTierJoin_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZeroTierMoon" ADD CONSTRAINT "ZeroTierMoon_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AclDocument" ADD CONSTRAINT "AclDocument_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AclVersion" ADD CONSTRAINT "AclVersion_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
