'use client';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { ShowOnceSecret } from '../Feedback';
import type { ZitiEnrollmentView as ZitiEnrollment } from '@/lib/dialects/console/ziti-identities';

/** A new enrollment JWT, shown once, with its QR code (drawn in the browser, nothing leaves it). */
export function EnrollmentSecret({ name, enrollment, onDone }: { name: string; enrollment: ZitiEnrollment; onDone: () => void }) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    QRCode.toDataURL(enrollment.jwt, { errorCorrectionLevel: 'L', margin: 2, width: 320 }).then(setQr, () => setQr(null));
  }, [enrollment.jwt]);
  return (
    <ShowOnceSecret what="Enrollment token for" name={name} secret={enrollment.jwt} testId="new-enrollment" secretTestId="enrollment-jwt" onDone={onDone}>
      <p>
        {enrollment.method === 'ott' ? 'One-time certificate enrollment' : 'Username/password enrollment'}, valid until {new Date(enrollment.expires_at).toLocaleString()}. Save
        it as <code>{name}.jwt</code> for a Ziti tunneler, or scan the code.
      </p>
      {qr && (
        <div>
          <img src={qr} alt={`QR code of the enrollment token for ${name}`} width={220} height={220} data-testid="enrollment-qr" />
        </div>
      )}
    </ShowOnceSecret>
  );
}
