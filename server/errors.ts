/** Small errors services throw; server/trpc.ts turns them into tRPC error codes. */

export class DomainError extends Error {}

/** Also used for another tenant's rows, so that their existence is never confirmed. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`${what} was not found.`);
  }
}

export class ForbiddenError extends DomainError {}

/**
 * Someone else changed the document since it was read, or the change clashes with what exists (an
 * open outage at the practice). `detail` reaches the client as the error's data.detail, so a form
 * can offer the way out (e.g. the open outage to join).
 */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The request is well-formed but breaks a rule ("an MSP needs at least one admin"); field names the input at fault. */
export class InvalidError extends DomainError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Too many attempts or open streams for now; the message says how long to wait or what to close. */
export class TooManyRequestsError extends DomainError {}

/** Failed attempts (sign-in, re-authentication) have locked the account or address for a while. */
export class ThrottledError extends TooManyRequestsError {
  constructor(
    readonly minutes: number,
    attempts = "failed attempts",
  ) {
    super(`Too many ${attempts}. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`);
  }
}
