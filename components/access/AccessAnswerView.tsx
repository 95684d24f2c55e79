'use client';
// One answer of the access simulator: the verdict and every rule that decides it, each said in
// words; a line of the policy document is a button that moves the editor there (when there is one).
import type { AccessAnswer, Decider } from '@/lib/domain/access/simulator';

const VERDICT: Record<AccessAnswer['verdict'], string> = { allowed: 'Allowed', denied: 'Denied', partial: 'Partly allowed' };

function policyRule(d: Extract<Decider, { kind: 'netbird' }>) {
  return (
    <>
      NetBird policy <strong>“{d.policyName}”</strong>, rule <strong>“{d.ruleName}”</strong>
    </>
  );
}

function DeciderText({ d, jumpTo }: { d: Decider; jumpTo?: (line: number) => void }) {
  switch (d.kind) {
    case 'netbird':
      if (d.effect === 'accept')
        return (
          <>
            Allowed by {policyRule(d)} ({d.traffic}){d.left && d.left !== d.traffic ? `; left after drops: ${d.left}` : ''}
          </>
        );
      if (d.effect === 'drop')
        return (
          <>
            Dropped by {policyRule(d)}: takes away {d.traffic}
          </>
        );
      return (
        <>
          Removed by the posture checks of {policyRule(d)}: the source peer fails{' '}
          {d.failedChecks?.length ? d.failedChecks.map((c) => `“${c.name}”`).join(', ') : 'a check'}
        </>
      );
    case 'acl':
      if (!d.line) return <>Allowed by the policy document ({d.entry})</>;
      return (
        <>
          Allowed by the policy document,{' '}
          {jumpTo ? (
            <button type="button" className="link" onClick={() => jumpTo(d.line)} aria-label={`Go to line ${d.line} in the editor`} data-testid="sim-line">
              line {d.line}
            </button>
          ) : (
            <span data-testid="sim-line">line {d.line}</span>
          )}{' '}
          ({d.entry}, {d.traffic})
        </>
      );
    case 'route':
      if (d.effect === 'accept') return <>Route “{d.name}” has no access control groups: every peer it is distributed to may use it</>;
      if (d.effect === 'disabled') return <>Route “{d.name}” is disabled</>;
      return <>Route “{d.name}” is not distributed to the source (none of its distribution groups)</>;
    case 'resource':
      return <>Network resource “{d.name}” is disabled</>;
  }
}

export function AccessAnswerView({ title, answer, jumpTo, testId }: { title: string; answer: AccessAnswer | { error: string }; jumpTo?: (line: number) => void; testId: string }) {
  if ('error' in answer) {
    return (
      <div className="sim-answer" data-testid={testId}>
        <h3 className="m-0">{title}</h3>
        <p className="error">The document cannot be saved as it is: {answer.error}</p>
      </div>
    );
  }
  return (
    <div className="sim-answer" data-testid={testId}>
      <h3 className="m-0">
        {title}: <span className={`sim-verdict ${answer.verdict}`} data-testid={`${testId}-verdict`}>{VERDICT[answer.verdict]}</span>
      </h3>
      {answer.checkedPairs > 1 && (
        <p className="hint m-0">
          {answer.allowedPairs} of {answer.checkedPairs} peer pairs allowed{answer.omittedPairs ? ` (${answer.omittedPairs} more not checked)` : ''}.
        </p>
      )}
      {answer.deciders.length ? (
        <ul className="sim-deciders" data-testid={`${testId}-deciders`}>
          {answer.deciders.map((d, i) => (
            <li key={i} className={`sim-${d.effect}`}>
              <DeciderText d={d} jumpTo={jumpTo} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="m-0 mt-6">No rule allows this traffic.</p>
      )}
      {answer.notes.map((n) => (
        <p key={n} className="hint m-0">
          {n}
        </p>
      ))}
    </div>
  );
}
