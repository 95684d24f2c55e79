'use client';
// The editor's markers as a list a screen reader can read; each entry jumps to its line.
import type { PolicyProblem } from './types';

export function ProblemList({ problems, jumpTo }: { problems: PolicyProblem[] | null; jumpTo(line: number): void }) {
  if (!problems?.length) return null;
  return (
    <ul className="acl-problems" aria-label="Problems" data-testid="acl-problems">
      {problems.map((p, i) => (
        <li key={i}>
          <button type="button" className="link" onClick={() => jumpTo(p.line)}>
            Line {p.line}, column {p.column}
          </button>
          : {p.message}
        </li>
      ))}
    </ul>
  );
}
