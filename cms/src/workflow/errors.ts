/**
 * The workflow's refusal: a Strapi ForbiddenError (HTTP 403, GraphQL FORBIDDEN) whose Vietnamese
 * message reaches the caller. It extends PolicyError because Strapi's route authorisation wrapper
 * replaces any other ForbiddenError thrown below it with a bare "Forbidden" — and the message is
 * the point: it says what is missing. Its `name` stays "ForbiddenError".
 */
import { errors } from '@strapi/utils';

export class WorkflowForbiddenError extends errors.PolicyError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
    (this as { name: string }).name = 'ForbiddenError';
  }
}
