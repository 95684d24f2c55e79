'use client';
import { CopyButton } from './CopyButton';

/** The server's (or a form check's) message, announced to screen readers. */
export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

/** A secret shown once, right after it was created, with a copy button; `children` adds more. */
export function ShowOnceSecret(props: { what: string; name: string; secret: string; testId: string; secretTestId: string; onDone: () => void; children?: React.ReactNode }) {
  return (
    <div className="notice" data-testid={props.testId}>
      <p className="mt-0">
        {props.what} <strong>{props.name}</strong> created. Copy it now: it will not be shown again.
      </p>
      <div className="secret">
        <code data-testid={props.secretTestId}>{props.secret}</code>
        <CopyButton text={props.secret} />
      </div>
      {props.children}
      <button type="button" className="mt-8" onClick={props.onDone}>
        Done
      </button>
    </div>
  );
}
