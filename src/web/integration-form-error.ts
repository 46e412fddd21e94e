import { AppError, isAppError } from '../lib/app-error.js';

/** A rejected form's message and the input it is about (`name`, `config` or `config.<path>`). */
export interface FormError {
  message: string;
  /** The form input to show the message next to; null when it names none. */
  field: string | null;
  /** The message without the field's path, for beside the field. */
  fieldText: string;
}

/**
 * The channel use-cases answer in the API's words (`json validation error: config.url_down: …`);
 * the form shows the whole text above the form and the rest beside the field it names.
 */
export function formError(message: string): FormError {
  const configField = /^json validation error: (config(?:\.[\w.]+)?): (.*)$/s.exec(message);
  if (configField) return { message, field: configField[1]!, fieldText: configField[2]! };
  const name = /^json validation error: (name .*)$/s.exec(message);
  if (name) return { message, field: 'name', fieldText: name[1]! };
  if (message.startsWith('invalid channel identifier')) return { message, field: 'config', fieldText: message };
  return { message, field: null, fieldText: message };
}

/** A problem the form itself finds, worded as the use-cases word theirs. */
export function fieldProblem(field: string, text: string): AppError {
  return new AppError('bad_request', `json validation error: ${field}: ${text}`);
}

/** The form error of a rejected input; anything but a 400 is not the form's business. */
export function asFormError(error: unknown): FormError {
  if (isAppError(error) && error.code === 'bad_request') return formError(error.message);
  throw error;
}
