import { zerotier } from '@/lib/http/dialects/zerotier';
import { settingsBody, toZtConfig } from '@/lib/dialects/zerotier/service';
import { updateSettings } from '@/lib/domain/zerotier/node';
import { route } from '@/lib/http/route';

// Change local settings (`zerotier-cli set <setting> <value>`); unknown settings are refused.
export const POST = route({ dialect: zerotier, body: settingsBody }, async ({ db, actor, body, audit }) => {
  const { settings, changed } = await updateSettings(db, actor, body);
  if (changed.length) audit({ code: 'zerotier.settings.update', activity: 'ZeroTier node settings changed', targetId: actor.accountId, meta: { fields: changed } });
  return toZtConfig(settings);
});
export const PUT = POST;
