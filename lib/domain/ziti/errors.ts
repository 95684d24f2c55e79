// The OpenZiti errors meshdeck raises, with Ziti's own codes and statuses (openziti/edge apierror),
// so SDKs that switch on `error.code` behave as they do against a Ziti controller.
import { CodedError } from '../errors';

const make = (status: number, code: string, fallback: string) => (message = fallback) => new CodedError(status, code, message);

export const zitiErrors = {
  unauthorized: make(401, 'UNAUTHORIZED', 'The request could not be completed. The session is not authorized or the credentials are invalid'),
  invalidAuth: make(401, 'INVALID_AUTH', 'The authentication request failed'),
  invalidAuthMethod: make(400, 'INVALID_AUTH_METHOD', 'The supplied authentication method is not valid'),
  notFound: make(404, 'NOT_FOUND', 'The resource requested was not found or is no longer available'),
  couldNotValidate: make(400, 'COULD_NOT_VALIDATE', 'The supplied request contains an invalid document'),
  invalidEnrollmentToken: make(400, 'INVALID_ENROLLMENT_TOKEN', 'The supplied token is not valid'),
  enrollmentExpired: make(400, 'ENROLLMENT_EXPIRED', 'The window for this enrollment has expired'),
  invalidEnrollMethod: make(400, 'INVALID_ENROLL_METHOD', 'The supplied enrollment method is not valid'),
  missingOrInvalidCsr: make(400, 'MISSING_OR_INVALID_CSR', 'The supplied enrollment request is missing or contains an invalid CSR'),
  couldNotProcessCsr: make(400, 'COULD_NOT_PROCESS_CSR', 'The supplied csr could not be processed'),
  enrollmentNoValidCas: make(400, 'ENROLLMENT_NO_VALID_CAS', 'No CAs are valid for this request'),
  invalidClientCert: make(400, 'INVALID_CLIENT_CERT', 'The provided client certificate is invalid'),
  invalidCertPem: make(400, 'INVALID_CERT_PEM', 'the supplied certificate PEM is either invalid or contains the incorrect number of certificates'),
  certInUse: make(409, 'CERT_IN_USE', 'The certificate supplied is already associated with another identity'),
  canNotUpdateAuthenticator: make(409, 'CAN_NOT_UPDATE_AUTHENTICATOR', 'The authenticator cannot be updated in this fashion'),
  mfaExists: make(409, 'MFA_EXISTS', 'An MFA record already exists, try removing it'),
  mfaInvalidToken: make(400, 'MFA_INVALID_TOKEN', 'An invalid token/code was provided'),
  mfaNotEnrolled: make(409, 'MFA_NOT_ENROLLED', 'The current identity is not enrolled in MFA'),
  conflict: make(409, 'CONFLICT', 'The request conflicts with the current state'),
};
