import type { Locale } from '../kernel/locale';
import type { ParseError } from '../kernel/parsing/parse-error';
import { type TextKey, type TextParams, t } from './texts';

type ParamsObject<K extends TextKey> = TextParams<K> extends [infer P] ? P : Record<string, never>;
/** The members of a union of refusals whose fields are not their text's parameters. */
type Misfits<E extends { kind: TextKey }> = E extends { kind: TextKey }
  ? Omit<E, 'kind'> extends ParamsObject<E['kind']>
    ? never
    : E['kind']
  : never;
/** Fails to compile, naming the kind, when a parse error's fields stop matching its catalog text. */
const everyParseErrorFitsItsText: [Misfits<ParseError>] extends [never] ? true : Misfits<ParseError> = true;
void everyParseErrorFitsItsText;

/**
 * A refusal's text: its kind is its text key and its other fields are the text's parameters (a parse error, or a
 * use case's expected failure). A refusal whose fields stop matching its text does not compile.
 */
export const errorText = <E extends { kind: TextKey }>(
  locale: Locale,
  error: [Misfits<E>] extends [never] ? E : never,
): string => (t as (locale: Locale, key: TextKey, params: object) => string)(locale, error.kind, error);
