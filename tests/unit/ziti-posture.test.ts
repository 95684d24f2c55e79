// The in-memory posture response store stays bounded whatever a client sends.
import { describe, expect, it } from 'vitest';
import type { ZitiCaller } from '@/lib/domain/ziti/api-sessions';
import { MAX_POSTURE_RESPONSES, postureResponsesOf, recordPostureResponses } from '@/lib/domain/ziti/posture';
import { ValidationError } from '@/lib/domain/errors';

const caller = (id: string) => ({ accountId: 'acct', identity: { id } }) as unknown as ZitiCaller;

describe('Ziti posture responses', () => {
  it('keeps the latest answer per posture query and at most 100 per identity, newest first kept', () => {
    const c = caller(`bounded-${Math.random()}`);
    for (let batch = 0; batch < 20; batch++) {
      recordPostureResponses(c, Array.from({ length: 50 }, (_, i) => ({ id: `q${batch * 50 + i}`, typeId: 'DOMAIN', domain: `d${batch}` })));
    }
    const kept = postureResponsesOf(c);
    expect(kept).toHaveLength(MAX_POSTURE_RESPONSES);
    // The newest 100 of the 1,000 distinct queries survive.
    expect(kept.map((e) => e.id)).toEqual(Array.from({ length: 100 }, (_, i) => `q${900 + i}`));
    // Answering a query again replaces its entry and makes it the newest.
    recordPostureResponses(c, [{ id: 'q900', typeId: 'DOMAIN', domain: 'again' }]);
    const after = postureResponsesOf(c);
    expect(after).toHaveLength(MAX_POSTURE_RESPONSES);
    expect(after.at(-1)).toMatchObject({ id: 'q900', data: { domain: 'again' } });
  });

  it('refuses too many or oversized responses without keeping any of the request', () => {
    const c = caller(`refused-${Math.random()}`);
    expect(() => recordPostureResponses(c, Array.from({ length: 101 }, (_, i) => ({ id: `q${i}`, typeId: 'OS' })))).toThrow(ValidationError);
    expect(() => recordPostureResponses(c, [{ id: 'ok', typeId: 'OS' }, { id: 'big', typeId: 'PROCESS', path: 'x'.repeat(10_000) }])).toThrow(/bytes/);
    expect(postureResponsesOf(c)).toEqual([]);
  });
});
