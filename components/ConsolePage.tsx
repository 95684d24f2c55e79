import type { Actor } from '@/lib/domain/actor';
import { allows, type Permission } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';
import { sectionBySlug, type Section, type SectionSlug } from './sections';

/** What a page's body (and a worded lead) gets: who is signed in, and whether they may change things. */
export interface ConsoleContext {
  actor: Actor;
  /** Owners and admins change account objects; everyone else only reads. */
  canEdit: boolean;
  section: Section;
}

/** Who holds each permission, for the message shown to everyone else. */
const HOLDERS: Record<Exclude<Permission, 'read'>, string> = {
  audit: 'owners, admins and auditors',
  admin: 'owners and admins',
  owner: 'owners',
  self: 'users other than auditors',
};

/**
 * The frame of every console page: the signed-in user, the role check, the heading and lead (from
 * `sections.ts` unless the page words its own), an optional navigation between the section's views,
 * then the body. A `detail` page (one peer, one network) heads itself with the object's name, so the
 * frame adds only the role check.
 */
export async function ConsolePage(props: {
  section: SectionSlug;
  /** What the signed-in user must be allowed to see the page. */
  need: Permission;
  heading?: string;
  lead?: React.ReactNode | ((ctx: ConsoleContext) => React.ReactNode);
  nav?: React.ReactNode;
  detail?: boolean;
  children: (ctx: ConsoleContext) => React.ReactNode | Promise<React.ReactNode>;
}) {
  const section = sectionBySlug(props.section);
  const heading = props.heading ?? section.heading ?? section.title;
  const actor = await requireConsoleActor();
  if (props.need !== 'read' && !allows(actor.role, props.need)) {
    return (
      <>
        <h1>{heading}</h1>
        <div className="panel">Only {HOLDERS[props.need]} can see this page.</div>
      </>
    );
  }
  const ctx: ConsoleContext = { actor, canEdit: allows(actor.role, 'admin'), section };
  const body = await props.children(ctx);
  if (props.detail) return <>{body}</>;
  return (
    <>
      <h1>{heading}</h1>
      {props.nav}
      <p className="lead">{typeof props.lead === 'function' ? props.lead(ctx) : (props.lead ?? section.lead)}</p>
      {body}
    </>
  );
}
