// What the console's Ziti identity endpoints answer (docs/console.md).
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
