import { applyDecorators, Body, Param, Query } from '@nestjs/common';
import { ApiBody, ApiParam, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe.js';

type JsonSchema = Record<string, unknown>;
const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' }) as JsonSchema;

/** Validated body: the same zod schema drives validation and the OpenAPI document. */
export const ZodBody = (schema: z.ZodType): ParameterDecorator => Body(new ZodValidationPipe(schema));
export const ApiZodBody = (schema: z.ZodType) => applyDecorators(ApiBody({ schema: toSchema(schema) }));
export const ZodQuery = (schema: z.ZodType): ParameterDecorator => Query(new ZodValidationPipe(schema));
export const ApiZodQuery = (name: string, schema: z.ZodType) =>
  applyDecorators(ApiQuery({ name, required: false, schema: toSchema(schema) }));

const idParam = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[\w.-]+$/, 'must be an id (letters, digits, "-", "_", ".")');
/** A path id, checked before it reaches a query. */
export const IdParam = (name: string): ParameterDecorator => Param(name, new ZodValidationPipe(idParam));
export const ApiIdParam = (name: string) => ApiParam({ name, type: String });

/**
 * For a handler that writes its JSON itself (a StreamableFile with an ETag): `T` names what the body
 * holds (for example `@ApiJsonBody<AfterActionReport>()`). scripts/gen-contract.mjs reads the type argument into the API contract.
 */
export const ApiJsonBody = <_Body>(): MethodDecorator => ApiProduces('application/json');
