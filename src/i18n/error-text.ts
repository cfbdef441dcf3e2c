import type { Locale } from '../kernel/locale';
import type { ParseError } from '../kernel/parsing/parse-error';
import { type TextKey, type TextParams, t } from './texts';

type ParamsObject<K extends TextKey> = TextParams<K> extends [infer P] ? P : Record<string, never>;
/** The kinds of a union of errors whose fields do not match their catalog text's parameters (never when all fit). */
export type TextMisfits<E extends { readonly kind: TextKey }> = E extends { readonly kind: TextKey }
  ? Omit<E, 'kind'> extends ParamsObject<E['kind']>
    ? never
    : E['kind']
  : never;
/** Fails to compile, naming the kind, when a parse error's fields stop matching its catalog text. */
const everyParseErrorFitsItsText: [TextMisfits<ParseError>] extends [never] ? true : TextMisfits<ParseError> = true;
void everyParseErrorFitsItsText;

/**
 * An error's kind is its text key and its fields are the text's parameters (a parse error, a use case's refusal:
 * each union checks itself with TextMisfits).
 */
export const errorText = (locale: Locale, error: { readonly kind: TextKey }): string =>
  (t as (locale: Locale, key: TextKey, params: object) => string)(locale, error.kind, error);
