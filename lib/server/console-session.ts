// The signed-in console user, for server components.
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { getDb } from '../db/client';
import type { Actor } from '../domain/actor';
import { actorFromSession } from '../domain/users/users';
import { authOptions } from './auth-options';

export async function requireConsoleActor(): Promise<Actor> {
  const session = (await getServerSession(authOptions())) as { userId?: string } | null;
  if (!session?.userId) redirect('/app/login');
  let actor: Actor | null = null;
  try {
    actor = await actorFromSession(await getDb(), session.userId);
  } catch {
    actor = null;
  }
  if (!actor) redirect('/app/login?error=Blocked');
  return actor;
}
