// A network resource with its groups, and what a change of one did to its group memberships: the
// shape the resource writers return and the audit entries are built from (audit.ts).
import type { NetworkResource } from '../../db/models';

export type ResourceWithGroups = NetworkResource & { groupIds: string[] };

/** A change of a resource, with the group memberships it added and removed (for the audit log). */
export interface ResourceChange {
  resource: ResourceWithGroups;
  addedGroups: string[];
  removedGroups: string[];
}
