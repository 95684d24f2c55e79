import { getDb } from '../db/client';

export async function databaseHealthy(): Promise<boolean> {
  try {
    const db = await getDb();
    await db.account.count();
    return true;
  } catch {
    return false;
  }
}
