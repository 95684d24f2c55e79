// Minimal shapes of the NetBird objects the console's pickers list.
export interface GroupOption {
  id: string;
  name: string;
}

export interface PeerOption {
  id: string;
  name: string;
  ip: string;
}

/** The label of a group id: its name, or the id itself when the group is gone. */
export function groupNames(groups: GroupOption[], ids: string[]): string {
  return ids.length ? ids.map((id) => groups.find((g) => g.id === id)?.name ?? id).join(', ') : '—';
}
