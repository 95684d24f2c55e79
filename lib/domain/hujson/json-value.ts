// What the rest of meshdeck uses to read a policy document: HuJSON text in, a plain JSON value out,
// or a ValidationError carrying Go's message and the line and column of the mistake.
import { ValidationError } from '../errors';
import { byteStringToText, lineColumn } from './bytes';
import { format } from './format';
import { packByteString, packText, standardize } from './pack';
import { parse } from './parse';
import { HujsonError, type Value } from './types';

/** A HuJSON syntax error as a domain ValidationError (kind 'parse') with its position. */
export class HujsonSyntaxError extends ValidationError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message, 'parse');
  }
}

function parseOrThrow(text: string | Uint8Array): Value {
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof HujsonError) throw new HujsonSyntaxError(e.message, e.line ?? 1, e.column ?? 1);
    throw e;
  }
}

/**
 * Parses HuJSON, standardizes it and returns the JSON value (duplicate names: the last wins, as in
 * Go). Throws HujsonSyntaxError (a ValidationError) with Go's message, line and column.
 */
export function toJSONValue(text: string | Uint8Array): unknown {
  const std = packByteString(standardize(parseOrThrow(text)));
  try {
    return JSON.parse(byteStringToText(std));
  } catch {
    // Unreachable for parsed input; kept so that a surprise still surfaces as a validation error.
    const { line, column } = lineColumn(std, 0);
    throw new HujsonSyntaxError('hujson: invalid JSON after standardizing', line, column);
  }
}

/** HuJSON → standard JSON text with the same line numbers (comments and trailing commas blanked). */
export function standardizeText(text: string | Uint8Array): string {
  return packText(standardize(parseOrThrow(text)));
}

/** HuJSON → the canonical formatting of Go's hujson (hujsonfmt). */
export function formatText(text: string | Uint8Array): string {
  return packText(format(parseOrThrow(text)));
}
