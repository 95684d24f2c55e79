// Whether the node can serve: the database answers.
import type { Tx } from '../../db/client';

export async function databaseHealthy(db: Tx): Promise<boolean> {
  try {
    await db.serverSetting.count();
    return true;
  } catch {
    return false;
  }
}
