import { zerotier } from '@/lib/http/dialects/zerotier';
import { settingsBody, toZtConfig } from '@/lib/dialects/zerotier/service';
import { updateSettings } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

// Change local settings (`zerotier-cli set <setting> <value>`); unknown settings are refused.
export const POST = route({ dialect: zerotier, body: settingsBody }, async ({ db, actor, body }) => {
  const { settings } = await updateSettings(db, actor, body);
  return toZtConfig(settings);
});
export const PUT = POST;
