import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import type { ErrorParams } from './domain-error.js';

/**
 * One thing wrong with a request: where (`field`, `path`), what (zod's issue `code` and the values
 * its wording needs in `params`), and the English sentence (`message`). The interface words
 * `code` + `params` in the reader's language (`errors.validation.*` in common.json) and names the
 * field from `path`.
 */
export interface FieldProblem {
  /** the dotted path, `(body)` for the request as a whole */
  field: string;
  /** the path's parts, array positions as numbers */
  path: (string | number)[];
  /**
   * zod's issue code: `too_small`, `too_big`, `invalid_type`, `invalid_format`, `invalid_value`,
   * `unrecognized_keys`, `not_multiple_of`, `custom`, `invalid_union`, `invalid_key`, `invalid_element`
   */
  code: string;
  /**
   * too_small: `origin` (string, number, array…), `minimum`; too_big: `origin`, `maximum`;
   * invalid_type: `expected` (and `received: 'undefined'` when the field is missing);
   * invalid_format: `format` (regex, email, datetime…); invalid_value: `values`;
   * unrecognized_keys: `keys`; not_multiple_of: `divisor`; custom: the check's own `code`.
   */
  params: ErrorParams;
  message: string;
}

function issueParams(issue: z.core.$ZodIssue): ErrorParams {
  switch (issue.code) {
    case 'too_small':
      return { origin: String(issue.origin), minimum: Number(issue.minimum) };
    case 'too_big':
      return { origin: String(issue.origin), maximum: Number(issue.maximum) };
    case 'invalid_type':
      return /received undefined$/.test(issue.message)
        ? { expected: issue.expected, received: 'undefined' }
        : { expected: issue.expected };
    case 'invalid_format':
      return { format: issue.format };
    case 'invalid_value':
      return { values: issue.values.map((v) => String(v)).join(', ') };
    case 'unrecognized_keys':
      return { keys: issue.keys.join(', ') };
    case 'not_multiple_of':
      return { divisor: Number(issue.divisor) };
    case 'custom': {
      const params: ErrorParams = {};
      for (const [k, v] of Object.entries(issue.params ?? {}))
        if (typeof v === 'string' || typeof v === 'number') params[k] = v;
      return params;
    }
    default:
      return {};
  }
}

export function describeZodError(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    return {
      field: path.map(String).join('.') || '(body)',
      path,
      code: i.code,
      params: issueParams(i),
      message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
    };
  });
}

/** Parses a request part with a zod schema; a 400 names each bad field. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const problems = describeZodError(result.error);
    throw new BadRequestException({
      code: 'validation-failed',
      message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    });
  }
}
