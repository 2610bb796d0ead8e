import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
}

export function describeZodError(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({
    field: i.path.map(String).join('.') || '(body)',
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
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
