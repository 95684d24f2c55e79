// What the console's Ziti endpoints answer (docs/console.md).
export interface ZitiIdentity {
  id: string;
  name: string;
  type: 'User' | 'Device' | 'Default' | 'Router';
  role_attributes: string[];
  is_admin: boolean;
  disabled: boolean;
  mfa_enabled: boolean;
  authenticators: { id: string; method: string; username: string | null; fingerprint: string | null }[];
  pending_enrollments: { id: string; method: string; expires_at: string }[];
  api_sessions: number;
  created_at: string;
}

export interface ZitiEnrollment {
  id: string;
  method: 'ott' | 'updb';
  expires_at: string;
  token: string;
  jwt: string;
}

export interface ZitiIdentityRef {
  id: string;
  name: string;
  disabled: boolean;
}

/** GET /api/console/ziti/services */
export interface ZitiServiceOverview {
  id: string;
  name: string;
  address: string;
  type: string;
  enabled: boolean;
  network: { id: string; name: string };
  role_attributes: string[];
  dial_identities: ZitiIdentityRef[];
  bind_identities: ZitiIdentityRef[];
  edge_routers: { id: string; name: string; connected: boolean }[];
}

/** GET /api/console/ziti/api-sessions */
export interface ZitiApiSession {
  id: string;
  identity: { id: string; name: string };
  ip: string;
  mfa: 'not_required' | 'pending' | 'passed';
  sessions: number;
  created_at: string;
  last_activity_at: string;
  expires_at: string;
  expired: boolean;
}

/** GET /api/console/ziti/sessions */
export interface ZitiServiceSession {
  id: string;
  type: 'Dial' | 'Bind';
  identity: { id: string; name: string };
  service: { id: string; name: string };
  api_session_id: string;
  created_at: string;
}
