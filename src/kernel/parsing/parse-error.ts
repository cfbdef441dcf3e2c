/**
 * Why a command's arguments were refused. `kind` is also the text key of the reply,
 * so every kind here must exist in src/i18n/vi.ts with exactly these parameters.
 */
export type ParseError =
  | { kind: 'log.usage' }
  | { kind: 'log.unknownMetric'; metric: string }
  | { kind: 'log.missingAmount'; metric: string }
  | { kind: 'log.badAmount'; amount: string }
  | { kind: 'log.amountNotPositive'; amount: string }
  | { kind: 'log.amountTooLarge'; amount: string; max: number; metric: string }
  | { kind: 'log.repeatedMetric'; metric: string }
  | { kind: 'log.badDate'; date: string }
  | { kind: 'log.noSuchDay'; date: string }
  | { kind: 'log.repeatedDate'; date: string }
  | { kind: 'log.numberWithoutMetric'; amount: string }
  | { kind: 'log.badNumber'; text: string }
  | { kind: 'log.ambiguousPair'; text: string }
  | { kind: 'log.noteTooLong'; max: number }
  | { kind: 'top.usage' }
  | { kind: 'top.unknownMetric'; metric: string }
  | { kind: 'lang.usage' }
  | { kind: 'unit.usage' }
  | { kind: 'unit.badCode'; code: string }
  | { kind: 'unit.missingName' }
  | { kind: 'unit.nameTooLong'; max: number }
  | { kind: 'register.usage' }
  | { kind: 'role.usage' }
  | { kind: 'metric.usage' }
  | { kind: 'metric.badCode'; code: string }
  | { kind: 'metric.badMax'; max: string }
  | { kind: 'metric.aliasTooLong'; max: number }
  | { kind: 'metric.aliasNumeric'; alias: string }
  | { kind: 'metric.aliasDateWord'; alias: string }
  | { kind: 'metric.aliasTaken'; alias: string; metric: string }
  | { kind: 'metric.aliasNoLetter'; alias: string }
  | { kind: 'nominate.usage' }
  | { kind: 'nominate.reasonTooShort'; min: number }
  | { kind: 'nominate.reasonTooLong'; max: number }
  | { kind: 'reject.usage' }
  | { kind: 'commendations.usage' };
