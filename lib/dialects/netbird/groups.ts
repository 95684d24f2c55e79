// NetBird wire shapes for groups (components.schemas.Group, GroupMinimum, GroupRequest).
import { z } from 'zod';
import type { GroupSummary } from '../../domain/groups/summaries';
import type { GroupInput, GroupView } from '../../domain/groups/groups';

const resource = z.object({ id: z.string(), type: z.string() });

// Optional lists may be sent as null (NetBird's Go decoder treats null as absent).
export const groupRequest = z.object({
  name: z.string(),
  peers: z.array(z.string()).nullish(),
  resources: z.array(resource).nullish(),
});

export const groupListQuery = z.object({ name: z.string().optional() });

export function groupInput(body: z.infer<typeof groupRequest>): GroupInput {
  return { name: body.name, peers: body.peers ?? undefined, resources: body.resources ?? undefined };
}

export function toNetbirdGroup(g: GroupView) {
  return {
    id: g.id,
    name: g.name,
    peers_count: g.peers.length,
    resources_count: g.resources.length,
    issued: g.issued,
    peers: g.peers.map((p) => ({ id: p.id, name: p.name })),
    resources: g.resources.map((r) => ({ id: r.id, type: r.type })),
  };
}

export function toNetbirdGroupMinimum(g: GroupSummary) {
  return { id: g.id, name: g.name, peers_count: g.peersCount, resources_count: g.resourcesCount, issued: g.issued };
}

export type NetbirdGroup = ReturnType<typeof toNetbirdGroup>;
