// Pure rules of the groups/policies/posture-checks slice: CIDR and version checks, normalisation of
// posture checks, and how "in use" is worded.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/domain/errors';
import { describeUsage } from '@/lib/domain/groups/usage';
import { isCidr, validateChecks } from '@/lib/domain/posture/rules';

describe('isCidr', () => {
  it('accepts IPv4 and IPv6 prefixes that fit their family', () => {
    for (const ok of ['0.0.0.0/0', '10.0.0.0/8', '1.2.3.4/32', '::/0', 'fd00::/8', '2001:db8::1/128']) expect(isCidr(ok), ok).toBe(true);
  });
  it('rejects addresses without prefix, oversized prefixes and malformed addresses', () => {
    for (const bad of ['10.0.0.0', '10.0.0.0/33', 'fd00::/129', '300.0.0.0/8', '10.0.0.0/-1', '10.0.0.0/8/8', 'example.com/24', '010.0.0.0/8', '']) {
      expect(isCidr(bad), bad).toBe(false);
    }
  });
});

describe('validateChecks', () => {
  it('normalises country codes, cities, ranges and process paths', () => {
    expect(
      validateChecks({
        geo_location_check: { locations: [{ country_code: ' gb ', city_name: '  ' }], action: 'deny' },
        peer_network_range_check: { ranges: [' 10.0.0.0/8', '10.0.0.0/8'], action: 'allow' },
        process_check: { processes: [{ linux_path: ' /bin/agent ', mac_path: '' }] },
      }),
    ).toEqual({
      geo_location_check: { locations: [{ country_code: 'GB' }], action: 'deny' },
      peer_network_range_check: { ranges: ['10.0.0.0/8'], action: 'allow' },
      process_check: { processes: [{ linux_path: '/bin/agent' }] },
    });
  });

  it('accepts the version forms go-version parses and rejects others', () => {
    for (const v of ['0.25.0', '14', '17.3.1', 'v1.2', '6.1.0-rc1', '10.0.22631', '5.15.0-91-generic']) {
      expect(validateChecks({ nb_version_check: { min_version: v } }).nb_version_check?.min_version).toBe(v);
    }
    for (const v of ['', 'latest', '1..2', '.1', '1.', '1.2.x']) {
      expect(() => validateChecks({ nb_version_check: { min_version: v } }), v).toThrow(ValidationError);
    }
  });

  it('needs at least one check', () => {
    expect(() => validateChecks(undefined)).toThrow(/shouldn't be empty/);
    expect(() => validateChecks({})).toThrow(ValidationError);
  });
});

describe('describeUsage', () => {
  it('names what uses a group, and how many more there are', () => {
    expect(describeUsage([{ kind: 'policy', name: 'Default' }])).toBe('policy "Default"');
    expect(describeUsage([{ kind: 'route', name: 'lan' }, { kind: 'DNS settings', name: 'disabled management groups' }])).toBe(
      'route "lan" and DNS settings (disabled management groups)',
    );
    const many = Array.from({ length: 7 }, (_, i) => ({ kind: 'setup key', name: `k${i}` }));
    expect(describeUsage(many)).toBe('setup key "k0", setup key "k1", setup key "k2", setup key "k3", setup key "k4" and 2 more');
  });
});
