import type { ErrorParams } from './domain-error.js';
import type { FieldProblem } from './zod-validation.pipe.js';

/**
 * What every refused request answers (the exception filter writes it). The interface words `code`
 * in the reader's language, filled in from `params`; a refused request body names each field's
 * problem in `problems`. Part of the generated contract (scripts/gen-contract.mjs), so the
 * frontend reads these types instead of retyping them.
 */
export interface ApiErrorBody {
  statusCode: number;
  /** stable: `exercise.not-found`, `validation-failed`, `body.invalid-json`, `too-many-requests`… */
  code: string;
  /** the English sentence, for API clients and logs */
  message: string;
  /** quote it when reporting a problem: the server's log lines carry it */
  correlationId: string | undefined;
  /** what fills in the code's wording: a limit, an id, seconds to wait */
  params?: ErrorParams;
  /** a refused request body: one entry per thing wrong with it */
  problems?: FieldProblem[];
  /** a 429: seconds to wait (also the Retry-After header) */
  retryAfterSeconds?: number;
  /** more about the error (a pack's errors, each with its own code) */
  details?: unknown;
}
