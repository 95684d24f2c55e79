// NetBird's zero time for "never" (ZERO_TIME in lib/dialects/netbird/setup-keys.ts, a server module).
export const NEVER = '0001-01-01T00:00:00Z';
