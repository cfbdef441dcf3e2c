import type { Locale } from '../kernel/locale';
import type { ParseError } from '../kernel/parsing/parse-error';
import { type TextKey, type TextParams, t } from './texts';

type ParamsObject<K extends TextKey> = TextParams<K> extends [infer P] ? P : Record<string, never>;
type Misfits<E extends ParseError> = E extends ParseError
  ? Omit<E, 'kind'> extends ParamsObject<E['kind']>
    ? never
    : E['kind']
  : never;
/** Fails to compile, naming the kind, when a parse error's fields stop matching its catalog text. */
const everyParseErrorFitsItsText: [Misfits<ParseError>] extends [never] ? true : Misfits<ParseError> = true;
void everyParseErrorFitsItsText;

/** A parse error's kind is its text key and its fields are the text's parameters. */
export const errorText = (locale: Locale, error: ParseError): string =>
  (t as (locale: Locale, key: TextKey, params: object) => string)(locale, error.kind, error);
