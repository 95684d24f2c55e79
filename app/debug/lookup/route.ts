import { zerotier } from '@/lib/http/dialects/zerotier';
import { jsonpOr } from '@/lib/dialects/zerotier/jsonp';
import { ipAddress, nodeAddress } from '@/lib/dialects/zerotier/params';
import { lookupByAddress, lookupByIp } from '@/lib/domain/zerotier/debug';
import { ValidationError } from '@/lib/domain/errors';
import { route } from '@/lib/http/route';

// GET /debug/lookup?ip=<ip> (node addresses seen at an IP) or ?ztaddr=<address> (its IPs).
export const GET = route({ dialect: zerotier, permission: 'audit' }, async ({ db, actor, url }) => {
  const ip = url.searchParams.get('ip');
  const zt = url.searchParams.get('ztaddr');
  if ((ip === null) === (zt === null)) throw new ValidationError('give exactly one of ?ip= and ?ztaddr=');
  return jsonpOr(url, ip !== null ? await lookupByIp(db, actor, ipAddress(ip)) : await lookupByAddress(db, actor, nodeAddress(zt, 'ztaddr (10 hex digits)')));
});
