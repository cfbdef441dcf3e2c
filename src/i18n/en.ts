import { ENGLISH_MONTHS, formatDay, formatNumber, formatShortDay, type Html } from './format';
import type { TargetProgressLine, Texts } from './vi';

const n = (value: number) => formatNumber('en', value);

/** English catalog: the compiler holds it to the Vietnamese master's keys and parameters. */
export const en = {
  'error.generic': 'Something went wrong; please try again in a few minutes.',
  'list.more': (p: { count: number }) => `… and ${n(p.count)} more.`,
  'log.confirmation': (p: {
    name: string;
    what: Html;
    day: string;
    note: string;
    unit: string;
    weekFrom: string;
    weekTo: string;
    week: Html;
  }) =>
    `✍ <b>${p.name}</b>: ${p.what} · ${formatDay(p.day)}${p.note ? ` · “${p.note}”` : ''}\n` +
    `Week ${formatShortDay(p.weekFrom)}–${formatShortDay(p.weekTo)}, ${p.unit}: ${p.week}`,
  'log.pair': (p: { metric: string; amount: number; countUnit: string }) =>
    `${p.metric} <b>${n(p.amount)}</b> ${p.countUnit}`,
  'log.mergedHeading': '✍ Logged (merged because the group is busy; type /undo to undo your own entry):',
  'log.mergedLine': (p: { name: string; what: Html; day: string }) =>
    `• ${p.name}: ${p.what} · ${formatShortDay(p.day)}`,
  'settings.confirmSet': (p: { mode: string }) => `✍ How this group's /log entries are confirmed: <b>${p.mode}</b>.`,
  'settings.confirm.reply': 'a reply to each entry',
  'settings.confirm.reaction': 'only a ✍ reaction on the message',
  'settings.confirm.auto':
    'automatic (a reply while the group has message budget, a ✍ reaction and merged confirmations when it runs out)',
  'chat.notRegistered':
    'This group is not bound to a unit yet. An admin types <code>/register UNIT_CODE</code> (or just <code>/register</code> to pick the unit) to register it.',
  'chat.groupOnly': "This command works in a unit's group. Open your unit's Telegram group and type it there.",
  'chat.welcome':
    'Hello! I am the "Soldier\'s smile" campaign bot: officers record their work with <code>/log cccd 120</code>, colleagues nominate each other with <code>/nominate</code>.\n' +
    'An admin types <code>/register UNIT_CODE</code> (or just <code>/register</code> to pick the unit) to bind this group to a unit. Type /help for instructions.',
  'chat.welcomeBack': (p: { unit: string }) =>
    `Hello! This group is bound to ${p.unit}: officers can log right away with <code>/log cccd 120</code>. Type /help for instructions.`,
  'auth.adminOnly': "Only the bot's admins may use this command.",
  'auth.commanderOrAdmin': "Only the unit's commanders or the bot's admins may use this command in a group.",
  'command.unknown': "I don't know that command. Type /help to see the commands.",

  start: (p: { name: string }) =>
    `Hello ${p.name}! I am the "Soldier's smile" campaign bot: I record your unit's work, rank and summarise it.\n` +
    'Type /help for instructions.',
  help: [
    '<b>Help</b>',
    '/log <i>metric</i> <i>amount</i> [<i>date</i>] [<i>note</i>] (/ghi): record work, e.g. <code>/log cccd 120</code>, <code>/log cccd 120 dkoto 5 yesterday</code>',
    '/undo (/hoantac): undo your latest entry (within 24 hours)',
    '/me (/toi): your totals this week and this month',
    '/history (/lichsu): your entries this week and last, with undo buttons',
    'Logged by mistake? Edit the /log message itself while its undo button lasts, and the entry follows.',
    '/top [<i>metric</i>] [week|month|year|last-week|last-month] (/bxh): leaderboard; in a private chat with the bot, of your units',
    '/metrics (/chitieu): the metric catalog and aliases',
    "/nominate <i>reason</i> (/khen): reply to a colleague's message to nominate them; others press 👍 to endorse, a commander decides in one tap",
    '/nominations (/decu): nominations waiting for you; /commendations [week|month|year] (/khenthuong): approved commendations',
    "/profile (/hoso): this year's results and every year's commendations, yours or the replied-to author's; /certificate <i>number</i> (/chungnhan): a draft certificate (PDF)",
    '/report [<i>UNIT</i>] [<i>period</i>] (/baocao): the report and a paragraph ready to paste, e.g. <code>/report 05/2021-08/2021</code>; /chart [<i>metric</i>] [<i>period</i>] (/bieudo): charts',
    '/campaign (/phongtrao), /model (/mohinh): the campaign and its models',
    '/iam <i>service number</i> (/toila): in private, ask to link your account to the roster; /pledge <i>title</i> (/dangkythidua): register for the year’s title',
    '/lang vi|en (/ngonngu): change the chat language (in a group: commanders)',
    'Dates: <code>yesterday</code>, <code>23/11</code>, <code>23/11/2026</code> or <code>2026-11-23</code>. Amounts: 1.400, 1,400 or 1400.',
  ].join('\n'),

  'lang.usage': 'Usage: <code>/lang vi</code> or <code>/lang en</code>.',
  'lang.set': 'Switched to English.',

  'log.usage':
    'Usage: <code>/log metric amount [date] [note]</code>, e.g. <code>/log cccd 120</code>. Type /metrics for the metrics.',
  'log.unknownMetric': (p: { metric: string }) =>
    `There is no metric "${p.metric}". Type /metrics for the catalog, e.g. <code>/log cccd 120</code>.`,
  'log.missingAmount': (p: { metric: string }) =>
    `The amount for "${p.metric}" is missing. Example: <code>/log ${p.metric} 120</code>.`,
  'log.badAmount': (p: { amount: string }) =>
    `"${p.amount}" is not a valid amount. Enter a positive whole number, e.g. 120 or 1,400.`,
  'log.amountNotPositive': (p: { amount: string }) => `The amount must be greater than 0 (you typed "${p.amount}").`,
  'log.amountTooLarge': (p: { amount: string; max: number; metric: string }) =>
    `${p.amount} is over the maximum of ${n(p.max)} for one "${p.metric}" entry. If it is right, log it in several entries or ask an admin.`,
  'log.repeatedMetric': (p: { metric: string }) =>
    `The metric "${p.metric}" appears twice in one command. Add the amounts up.`,
  'log.badDate': (p: { date: string }) =>
    `"${p.date}" is not a date as written. Use <code>yesterday</code>, <code>monday</code>, <code>23/11</code>, <code>23.11.2026</code> or <code>2026-11-23</code>.`,
  'log.noSuchDay': (p: { date: string }) =>
    `"${p.date}" is not a valid date: the calendar has no such day. Check the day and month.`,
  'log.repeatedDate': (p: { date: string }) =>
    `One command logs for one day, but this one also names "${p.date}". Send two commands.`,
  'log.numberWithoutMetric': (p: { amount: string }) =>
    `The number "${p.amount}" has no metric. Put the metric code before it, e.g. <code>/log cccd 120 dkoto 5</code>; a note starts with a word.`,
  'log.badNumber': (p: { text: string }) =>
    `"${p.text}" is neither a valid amount nor a date. Amounts look like 120 or 1,400, dates like 23/11 or 23/11/2026; a note starts with a word.`,
  'log.ambiguousPair': (p: { text: string }) =>
    `It is unclear which metric and amount "${p.text}" means. Write them apart, e.g. <code>/log dkoto 5</code>.`,
  'log.futureDay': (p: { day: string }) => `Cannot log for ${formatDay(p.day)}: that day has not come yet.`,
  'log.tooOld': (p: { day: string; days: number }) =>
    `${formatDay(p.day)} is more than ${p.days} days ago and cannot be logged late.`,
  'log.tooOldForOfficer': (p: { day: string; days: number; commanderDays: number }) =>
    `${formatDay(p.day)} is more than ${p.days} days ago, too late for you to log. A commander or admin of the unit can enter it (up to ${p.commanderDays} days back).`,
  'log.noteTooLong': (p: { max: number }) => `The note is too long (at most ${n(p.max)} characters).`,
  'log.line': (p: { metric: string; amount: number; countUnit: string }) =>
    `• ${p.metric}: <b>${n(p.amount)}</b> ${p.countUnit}`,
  'log.confirmed': (p: {
    name: string;
    unit: string;
    day: string;
    lines: Html;
    weekFrom: string;
    weekTo: string;
    weekLines: Html;
  }) =>
    `✅ Logged for <b>${p.unit}</b>, ${formatDay(p.day)} (${p.name}):\n${p.lines}\n\nUnit total for the week ${formatShortDay(p.weekFrom)}–${formatShortDay(p.weekTo)}:\n${p.weekLines}`,
  'log.undoButton': '↩️ Undo',
  'log.enteredBy': (p: { by: string }) => `Entered by <b>${p.by}</b> on their behalf`,
  'log.forOthersNotAllowed':
    "Only the unit's commanders and admins may log for someone else. To log your own work, send <code>/log</code> on its own, not as a reply to someone's message.",
  'log.editedHeading': '✏️ Corrected to match the edited message:',

  'edit.tooLate': (p: { minutes: number }) =>
    `This entry is more than ${n(p.minutes)} minutes old, so editing the message no longer changes it; it stays as it was. Type /undo (within 24 hours) and log again, or ask the unit's commander.`,
  'edit.invalid': (p: { reason: Html }) =>
    `The edited message cannot be logged, so the entry stays as it was. ${p.reason}`,
  'edit.notLog': 'The edited message is no longer a /log, so the entry stays as it was. To drop it, type /undo.',
  'edit.undone': 'The entry of this message was undone, so editing it changes nothing. Send a new /log to log again.',

  'relay.forwarded':
    'A forwarded message does not count as a command: work is logged by the person who did it. Type the command yourself, e.g. <code>/log cccd 120</code>.',
  'relay.viaBot':
    'A command sent through another bot does not count. Type the command yourself in the group, e.g. <code>/log cccd 120</code>.',
  'relay.bot': 'Commands from other bots are not accepted; officers log their own work.',
  'relay.anonymous':
    'You are posting anonymously (as the group or a channel), so the bot cannot tell who sent the command. Post as yourself and send it again.',

  'history.header': (p: { name: string }) => `📋 <b>Entries of ${p.name}</b> (this week and last)`,
  'history.week': (p: { from: string; to: string }) => `<b>Week ${formatDay(p.from)}–${formatDay(p.to)}</b>`,
  'history.line': (p: { day: string; what: Html; note: string; by: string }) =>
    `• ${formatShortDay(p.day)}: ${p.what}${p.note ? ` · «${p.note}»` : ''}${p.by ? ` · entered by ${p.by}` : ''}`,
  'history.none': '  (none)',
  'history.footer': '<i>Undone and corrected entries are not shown.</i>',
  'history.undoButton': (p: { day: string; what: string }) => `↩️ ${formatShortDay(p.day)} ${p.what}`,
  'history.notAllowed':
    "Only the unit's commanders and admins may see someone else's entries. Type /history (not as a reply) to see yours.",

  'undo.done': (p: { lines: Html }) => `↩️ Undone:\n${p.lines}`,
  'undo.doneBy': (p: { lines: Html; by: Html }) => `↩️ ${p.by} undid:\n${p.lines}`,
  'undo.nothing': 'You have no entry from the last 24 hours to undo.',
  'undo.notFound': 'No entry matches this message.',
  'undo.alreadyUndone': 'This entry was already undone.',
  'undo.notAuthor': 'Only the person who logged it can undo with this button.',
  'undo.buttonExpired': 'The undo button has expired. Type /undo instead.',
  'undo.notAllowed': "Only the unit's commander may undo someone else's entry.",

  'me.header': (p: { name: string }) => `<b>${p.name}'s results</b>`,
  'me.week': (p: { from: string; to: string }) => `This week (${formatDay(p.from)}–${formatDay(p.to)}):`,
  'me.month': (p: { month: string }) => `Month ${p.month}:`,
  'me.none': '  (nothing yet)',
  'me.rankHeader': (p: { unit: string }) => `Rank in ${p.unit} this week:`,
  'me.rankLine': (p: { metric: string; rank: number; of: number; amount: number }) =>
    `• ${p.metric}: <b>${p.rank}</b> of ${n(p.of)} (${n(p.amount)})`,

  'top.usage':
    'Usage: <code>/top [metric] [week|month|year|last-week|last-month]</code>, e.g. <code>/top cccd month</code>, <code>/top tuan-truoc</code>.',
  'top.unknownMetric': (p: { metric: string }) => `There is no metric "${p.metric}". Type /metrics for the catalog.`,
  'top.header': (p: { scope: string; period: string }) => `🏆 <b>Leaderboard of ${p.scope}</b> (${p.period})`,
  'top.metric': (p: { metric: string; countUnit: string }) => `<b>${p.metric}</b> (${p.countUnit})`,
  'top.row': (p: { rank: number; name: string; amount: number }) => `${p.rank}. ${p.name}: ${n(p.amount)}`,
  'top.empty': 'Nothing has been logged in this period yet.',
  'top.ownRow': (p: { name: string; amount: number }) => `• ${p.name} (own entries): ${n(p.amount)}`,
  'top.total': (p: { amount: number }) => `<b>Total: ${n(p.amount)}</b>`,
  'top.noUnit':
    "You command no unit and belong to none yet. Type /top in your unit's group (the bot knows you from your first entry there).",
  'period.week': (p: { from: string; to: string }) => `week ${formatDay(p.from)}–${formatDay(p.to)}`,
  'period.month': (p: { month: string }) => `month ${p.month}`,
  'period.year': (p: { year: string }) => `year ${p.year}`,

  'metrics.header': '<b>Metrics</b> (code, name, unit of count, maximum per entry)',
  'metrics.line': (p: { code: string; name: string; countUnit: string; max: number; aliases: string }) =>
    `• <code>${p.code}</code> ${p.name} (${p.countUnit}, ≤ ${n(p.max)})${p.aliases ? `\n   also: ${p.aliases}` : ''}`,
  'metrics.retired': (p: { list: string }) => `Retired (no longer logged): ${p.list}`,

  'unit.usage':
    'Usage: <code>/unit add CODE Unit name [parent=PARENT_CODE]</code>, <code>/unit list</code>, <code>/unit rename CODE New name</code>, <code>/unit move CODE parent=PARENT_CODE</code> or <code>/unit retire CODE</code>.',
  'unit.badCode': (p: { code: string }) =>
    `Unit code "${p.code}" is not valid: use unaccented letters, digits, "-" and "_" (at most 32 characters).`,
  'unit.nameTooLong': (p: { max: number }) => `The unit name is too long (at most ${n(p.max)} characters).`,
  'unit.missingName':
    'The unit name is missing. Example: <code>/unit add PC06 Administrative Police parent=CAT</code>.',
  'unit.added': (p: { code: string; name: string }) => `Unit <b>${p.code}</b> added: ${p.name}.`,
  'unit.exists': (p: { code: string }) => `Unit ${p.code} already exists.`,
  'unit.unknownParent': (p: { code: string }) =>
    `There is no parent unit "${p.code}". Type <code>/unit list</code> to see them.`,
  'unit.listHeader': '<b>Units</b>',
  'unit.listEmpty': 'No units yet. Add one with <code>/unit add CODE Unit name</code>.',
  'unit.listLine': (p: { depth: number; code: string; name: string; groups: string }) =>
    `${'  '.repeat(p.depth)}• <b>${p.code}</b> ${p.name}${p.groups ? ` · groups: ${p.groups}` : ''}`,
  'unit.listRetired': (p: { units: string }) => `Retired: ${p.units}`,
  'unit.renamed': (p: { code: string; name: string }) => `Unit <b>${p.code}</b> renamed: ${p.name}.`,
  'unit.moved': (p: { code: string; parent: string }) => `Unit <b>${p.code}</b> now reports to <b>${p.parent}</b>.`,
  'unit.sameParent': (p: { code: string; parent: string }) => `Unit ${p.code} already reports to ${p.parent}.`,
  'unit.moveCycle': (p: { code: string; parent: string }) =>
    `${p.code} cannot move under ${p.parent}: ${p.parent} is that unit itself or one below it.`,
  'unit.isRetired': (p: { code: string }) => `Unit ${p.code} is retired.`,
  'unit.hasChildren': (p: { code: string; children: string }) =>
    `${p.code} cannot be retired yet: units still report to it (${p.children}). Move (<code>/unit move</code>) or retire them first.`,
  'unit.retiredDone': (p: { code: string; name: string; groups: string }) =>
    `Unit <b>${p.code}</b> (${p.name}) is retired; what it logged is kept.` +
    (p.groups
      ? ` Its groups are unbound and cannot log until bound again with <code>/register CODE</code>: ${p.groups}.`
      : ''),
  'unit.retiredNotice': (p: { code: string; name: string }) =>
    `Unit <b>${p.code}</b> (${p.name}) is retired: this group is bound to no unit and cannot log for now. What was logged is kept. An admin types <code>/register UNIT_CODE</code> to bind the group to its new unit.`,

  'register.usage': "Usage: <code>/register UNIT_CODE</code>, typed in the unit's group.",
  'register.unknownUnit': (p: { code: string }) =>
    `There is no unit "${p.code}". Type <code>/unit list</code> to see them.`,
  'register.done': (p: { code: string; name: string }) =>
    `This group is now bound to unit <b>${p.code}</b> (${p.name}). Officers can start logging with <code>/log cccd 120</code>.`,
  'register.already': (p: { code: string; name: string }) =>
    `This group is already bound to unit <b>${p.code}</b> (${p.name}); nothing changed.`,
  'register.confirm': (p: { fromCode: string; fromName: string; toCode: string; toName: string; minutes: number }) =>
    `⚠️ This group is bound to unit <b>${p.fromCode}</b> (${p.fromName}). Move it to <b>${p.toCode}</b> (${p.toName})? ` +
    `What was logged stays with ${p.fromCode}. An admin confirms within ${p.minutes} minutes; until then nothing changes.`,
  'register.confirmButton': (p: { code: string }) => `✅ Move to ${p.code}`,
  'register.cancelButton': '✖️ Keep as is',
  'register.moved': (p: { fromCode: string; toCode: string; toName: string; by: string }) =>
    `This group moved from ${p.fromCode} to unit <b>${p.toCode}</b> (${p.toName}), confirmed by ${p.by}.`,
  'register.kept': (p: { code: string; by: string }) =>
    `Cancelled: this group stays bound to ${p.code} (kept by ${p.by}).`,
  'register.expired': (p: { minutes: number }) =>
    `The request is older than ${p.minutes} minutes and no longer valid; nothing changed. Send /register CODE again if still needed.`,
  'register.stale':
    "The group's unit changed after this request, so the button is no longer valid; nothing changed. Send /register CODE again if needed.",
  'register.adminOnly': "Only the bot's admins may confirm; nothing changed.",

  'role.usage':
    "Usage: reply to a person's message with <code>/role commander</code> or <code>/role officer</code>, or mention them after the command.",
  'role.noTarget': "Reply to the person's message, or mention them after the command.",
  'role.commander': (p: { name: string; unit: string }) => `${p.name} is a commander of ${p.unit}.`,
  'role.officer': (p: { name: string; unit: string }) => `${p.name} is an officer of ${p.unit}.`,

  'metric.usage':
    'Usage: <code>/metric add code Vietnamese name | English name | unit of count</code>, <code>/metric alias code alias</code>, <code>/metric max code number</code>, <code>/metric retire code</code>.',
  'metric.badCode': (p: { code: string }) =>
    `Metric code "${p.code}" is not valid: unaccented lower-case letters and digits, at most 24 characters.`,
  'metric.aliasTooLong': (p: { max: number }) => `The alias is too long (at most ${n(p.max)} characters).`,
  'metric.aliasNumeric': (p: { alias: string }) =>
    `The alias "${p.alias}" may not be a number or end in a digit: it would be read as an amount (like <code>dkoto5</code>).`,
  'metric.aliasDateWord': (p: { alias: string }) =>
    `The alias "${p.alias}" reads as a date (like <code>yesterday</code>, <code>t2</code>, <code>23/11</code>) and cannot be used.`,
  'metric.aliasNoLetter': (p: { alias: string }) =>
    `The alias "${p.alias}" cannot be used: every word needs at least one letter.`,
  'metric.aliasTaken': (p: { alias: string; metric: string }) =>
    `"${p.alias}" is already the code or an alias of the metric <code>${p.metric}</code>.`,
  'metric.badMax': (p: { max: string }) => `"${p.max}" is not a valid maximum (a positive whole number).`,
  'metric.added': (p: { code: string; name: string }) => `Metric <code>${p.code}</code> added: ${p.name}.`,
  'metric.exists': (p: { code: string }) => `A metric or alias "${p.code}" already exists.`,
  'metric.unknown': (p: { code: string }) => `There is no metric "${p.code}".`,
  'metric.aliasAdded': (p: { alias: string; code: string }) =>
    `"${p.alias}" is now also a name for <code>${p.code}</code>.`,
  'metric.maxSet': (p: { code: string; max: number }) => `Maximum per entry for <code>${p.code}</code>: ${n(p.max)}.`,
  'metric.retiredDone': (p: { code: string; name: string }) =>
    `Metric <code>${p.code}</code> (${p.name}) is retired. What was logged is kept; it can no longer be logged.`,
  'metric.isRetired': (p: { code: string }) => `Metric <code>${p.code}</code> is retired.`,
  'log.metricRetired': (p: { metric: string; name: string }) =>
    `The metric <code>${p.metric}</code> (${p.name}) is retired and can no longer be logged; nothing was stored. Its history is kept. Type /metrics for the metrics in use.`,

  'nominate.usage':
    "Reply to your colleague's message with <code>/nominate reason</code>, or type <code>/nominate @name reason</code>. Example: <code>/nominate gave blood to an accident victim</code>.",
  'nominate.reasonTooShort': (p: { min: number }) =>
    `The reason needs at least ${p.min} characters: say what the good deed was.`,
  'nominate.reasonTooLong': (p: { max: number }) => `The reason is too long (at most ${n(p.max)} characters).`,
  'nominate.self': 'You cannot nominate yourself. Let your colleagues recognise your good deeds.',
  'nominate.bot': 'A bot cannot be nominated.',
  'nominate.unknownPerson':
    "I have not seen this person in a registered unit's group. Reply to one of their messages in the unit's group.",
  'nominate.topicHeader':
    "That is the topic's opening message, not a person's message. Reply to your colleague's own message.",
  'nominate.dailyCap': (p: { cap: number }) => `Everyone may nominate ${p.cap} times a day. See you tomorrow.`,
  'nominate.joined': (p: { nominee: string }) =>
    `${p.nominee} has already been nominated for this; you are counted as an endorser.`,
  'nomination.card': (p: {
    id: number;
    nominee: Html;
    nominator: string;
    reason: string;
    link: Html;
    endorsements: number;
    status: Html;
  }) =>
    `🏅 <b>Nomination #${p.id}</b>\nNominee: ${p.nominee}\nNominated by: ${p.nominator}\nReason: ${p.reason}${p.link}\n👍 Endorsements: ${p.endorsements}\n${p.status}`,
  'nomination.link': (p: { url: string }) => `\n<a href="${p.url}">Original message</a>`,
  'nomination.pending': '⏳ Waiting for a commander to decide.',
  'nomination.approved': (p: { phrase: Html; by: string }) => `✅ ${p.phrase} (decided by ${p.by}).`,
  'nomination.rejected': (p: { by: string }) => `❌ Not approved (decided by ${p.by}).`,
  'nomination.announce': (p: { nominee: Html; phrase: Html }) => `🎉 Congratulations, ${p.nominee}: ${p.phrase}!`,
  'nomination.endorseButton': (p: { count: number }) => `👍 Endorse (${p.count})`,
  'nomination.rejectButton': '❌ Reject',
  'nomination.reopenButton': '↩️ Reconsider',
  'nomination.endorsed': 'Your endorsement is counted.',
  'nomination.withdrawn': 'Endorsement withdrawn.',
  'nomination.selfEndorse': 'The nominee and the nominator do not endorse this nomination themselves.',
  'nomination.notDecider': 'You have no authority to decide this level; nothing changed.',
  'nomination.alreadyDecided': 'This nomination has already been decided.',
  'nomination.notDecided': 'This nomination is still waiting for a decision.',
  'nomination.rejectHow':
    'To reject, reply to the nomination card with /reject and the reason (at least 10 characters); the reason goes privately to the nominator and the deciders.',
  'nomination.decided': 'Decision recorded.',
  'reject.usage':
    'Reply to the nomination card with <code>/reject reason</code> (at least 10 characters), or type <code>/reject number reason</code>, e.g. <code>/reject 12 already commended for this</code>.',
  'reject.notCard': "Reply to the nomination card itself (the bot's 🏅 message).",
  'nominations.header': '<b>Nominations waiting for your decision</b> (oldest first)',
  'nominations.line': (p: {
    id: number;
    nominee: string;
    unit: string;
    reason: string;
    day: string;
    link: Html;
    recommended: Html;
  }) => `• #${p.id} ${p.nominee} (${p.unit}), ${formatShortDay(p.day)}: ${p.reason}${p.link}${p.recommended}`,
  'nominations.cardLink': (p: { url: string }) => ` <a href="${p.url}">[card]</a>`,
  'nominations.none': 'No nomination is waiting for your decision.',
  'commendations.usage': 'Usage: <code>/commendations [week|month|year]</code> (default: this month).',
  'commendations.header': (p: { scope: string; period: string }) =>
    `🏅 <b>Commendations of ${p.scope}</b> (${p.period})`,
  'commendations.unit': (p: { unit: string }) => `<b>${p.unit}</b>`,
  'commendations.line': (p: { nominee: string; phrase: Html; reason: string; decision: Html }) =>
    `• ${p.nominee} ${p.phrase} (${p.reason})${p.decision}`,
  'commendations.none': 'No commendation was approved in this period.',
  'level.bieuduong': 'Praise in the weekly digest',
  'level.giaykhen': 'Certificate of merit from the provincial police director (Giấy khen)',
  'level.bangkhen': "Certificate from the provincial People's Committee chairman (Bằng khen)",
  'level.bieuduong.short': 'Praise',
  'level.giaykhen.short': 'Giấy khen',
  'level.bangkhen.short': 'Bằng khen',
  'commendation.awarded': (p: { level: string }) => `awarded the <b>${p.level}</b>`,
  'commendation.proposed': (p: { level: string }) => `proposed for the <b>${p.level}</b>`,
  'nomination.proposedStatus': (p: { phrase: Html; by: string }) =>
    `📨 ${p.phrase} (proposed by ${p.by}); the decision is issued by the competent authority.`,
  'nomination.recommendedLine': (p: { level: string; by: string }) => `⬆️ ${p.by} recommends: <b>${p.level}</b>`,
  'nomination.decisionLine': (p: { number: string; date: string; signer: string }) =>
    `📄 Decision no. ${p.number} of ${p.date}, signed by ${p.signer}`,
  'nomination.ownCase':
    'The nominee and the nominator may not decide, recommend or reopen this nomination; nothing changed.',
  'nomination.recommended': (p: { level: string }) => `${p.level} recommended upward; the deciders are told privately.`,
  'nomination.recommendedAlready': 'You have already recommended this level.',
  'nomination.privateHeader': (p: { count: number }) =>
    `🔔 <b>Nominations waiting for your decision</b> (${p.count} new; the buttons below work right here)`,
  'nomination.privateButton': (p: { id: number; label: string }) => `#${p.id} ${p.label}`,
  'nomination.rejectedNotice': (p: { id: number; nominee: string; by: string; reason: string }) =>
    `❌ Nomination #${p.id} (${p.nominee}) was not approved; decided by ${p.by}.\nReason: ${p.reason}`,
  'reject.tooShort': (p: { min: number }) => `A rejection needs a reason of at least ${p.min} characters.`,
  'reject.whichOne': 'This message lists several nominations: give the number, e.g. <code>/reject 12 reason</code>.',
  'decision.usage':
    'Usage: <code>/decision nomination_number decision_number dd/mm/yyyy signer</code>, e.g. <code>/decision 12 123/QĐ-CAT 05/12/2026 Colonel Nguyễn Văn A</code>.',
  'decision.badDate': (p: { date: string }) => `The decision date "${p.date}" is not valid: write it as dd/mm/yyyy.`,
  'decision.notFound': (p: { id: number }) => `There is no nomination #${p.id}.`,
  'decision.notApproved': (p: { id: number }) =>
    `Nomination #${p.id} is not approved or proposed, so no decision can be recorded yet.`,
  'decision.notAllowed': 'Only admins and commanders of the provincial (root) unit record commendation decisions.',
  'decision.recorded': (p: { id: number; line: Html }) => `Decision recorded for nomination #${p.id}.\n${p.line}`,
  'decision.corrected': (p: { id: number; line: Html }) =>
    `Correction recorded for nomination #${p.id} (the earlier record is kept).\n${p.line}`,
  'certificate.usage': 'Usage: <code>/certificate nomination_number</code>, e.g. <code>/certificate 12</code>.',
  'certificate.caption': (p: { id: number; nominee: string }) =>
    `📄 Draft certificate, nomination #${p.id}: ${p.nominee}. The official one follows the Ministry's template and is printed by the emulation office.`,
  'certificate.draftMark': 'DRAFT',
  'certificate.draftNote': "Not the official certificate, which follows the Ministry's template.",
  'certificate.reasonLabel': 'For:',
  'certificate.decision': (p: { number: string; date: string; signer: string }) =>
    `Decision no. ${p.number} of ${p.date}; signed by ${p.signer}`,
  'certificate.noDecision': 'No decision number recorded yet.',
  'certificate.footer': (p: { day: string }) => `Draft made on ${p.day}`,
  'profile.header': (p: { name: string; unit: string }) => `👤 <b>${p.name}</b>\nUnit: ${p.unit}`,
  'profile.noUnit': 'unknown',
  'profile.unknown': 'Nothing is known about this person yet.',
  'profile.totalsHeader': (p: { year: number }) => `\n<b>Results in ${p.year}</b>`,
  'profile.noTotals': '• Nothing logged yet.',
  'profile.commendationsHeader': '\n<b>Commendations (all years)</b>',
  'profile.commendationLine': (p: { day: string; phrase: Html; decision: Html; reason: string }) =>
    `• ${p.day}: ${p.phrase} (${p.reason})${p.decision}`,
  'profile.decision': (p: { number: string; date: string }) => `, decision no. ${p.number} of ${p.date}`,
  'profile.noCommendations': '• None yet.',
  'certificate.awarded': 'is awarded the',
  'certificate.proposed': 'is proposed for the',
  'report.usage':
    'Usage: <code>/report [UNIT] [period]</code>; period: <code>05/2021-08/2021</code>, <code>01/05/2021-31/08/2021</code>, <code>tuan</code> (week), <code>tuan-truoc</code>, <code>thang</code> (month), <code>thang-truoc</code>, <code>quy</code> (quarter), <code>nam</code> (year) or <code>2026-W49</code>.',
  'report.badPeriod': (p: { period: string }) =>
    `Cannot read the period "${p.period}". Examples: <code>/report 05/2021-08/2021</code>, <code>/report PC06 last-month</code>, <code>/report quarter</code>.`,
  'report.unknownUnit': (p: { code: string }) => `There is no unit "${p.code}". Send /unit list to see them.`,
  'report.noUnit': "Send the command in the unit's group, or name the unit: <code>/report PC06 month</code>.",
  'report.notAllowed':
    "Only the unit's commanders (or those above) and admins may see this unit's report or export its data.",
  'report.header': (p: { unit: string; from: string; to: string }) =>
    `📊 <b>Results report: ${p.unit}</b>\nFrom ${formatDay(p.from)} to ${formatDay(p.to)}`,
  'report.nothingLogged': 'Nothing was logged over this period.',
  'report.totalsHeader': '<b>Totals (sub-units included)</b>',
  'report.amountLine': (p: { metric: string; amount: number; countUnit: string }) =>
    `• ${p.metric}: <b>${n(p.amount)}</b> ${p.countUnit}`,
  'report.unitsHeader': '<b>By unit</b> (each with its sub-units)',
  'report.unitLine': (p: { indent: string; code: string; amounts: Html }) =>
    `${p.indent}▸ <b>${p.code}</b>: ${p.amounts}`,
  'report.unitAmount': (p: { metric: string; amount: number }) => `${p.metric} ${n(p.amount)}`,
  'report.targetsHeader': '<b>Targets</b>',
  'report.targetLine': (p: { metric: string; total: number; target: number; countUnit: string; percent: number }) =>
    `• ${p.metric}: ${n(p.total)}/${n(p.target)} ${p.countUnit} (<b>${n(p.percent)}%</b>)`,
  'report.paragraphHeader': '📝 <b>Report paragraph</b> (copy to use):',
  'report.p.months': (p: { fromMonth: number; fromYear: number; toMonth: number; toYear: number }) =>
    `From ${p.fromMonth}/${p.fromYear} to the end of ${p.toMonth}/${p.toYear}`,
  'report.p.month': (p: { month: number; year: number }) => `In ${p.month}/${p.year}`,
  'report.p.quarter': (p: { quarter: string; year: number }) => `In quarter ${p.quarter}/${p.year}`,
  'report.p.year': (p: { year: number }) => `In ${p.year}`,
  'report.p.week': (p: { from: string; to: string }) => `In the week from ${formatDay(p.from)} to ${formatDay(p.to)}`,
  'report.p.days': (p: { from: string; to: string }) => `From ${formatDay(p.from)} to ${formatDay(p.to)}`,
  'report.p.theUnit': 'the unit',
  'report.p.first': (p: { opening: Html; subject: string; phrases: Html }) =>
    `${p.opening}, ${p.subject} ${p.phrases}.`,
  'report.p.next': (p: { subject: string; phrases: Html }) => `${p.subject} ${p.phrases}.`,
  'report.p.overall': (p: { name: string; phrases: Html }) => `Altogether, ${p.name} ${p.phrases}.`,
  'report.p.nothing': (p: { opening: Html }) => `${p.opening}, the unit logged no results.`,
  'report.p.commendations': (p: { count: number; list: Html }) =>
    `Over the period, ${n(p.count)} commendations were awarded: ${p.list}.`,
  'report.p.commendation': (p: { level: string; nominee: string; unit: string }) =>
    `${p.level}: ${p.nominee} (${p.unit})`,
  'report.p.targets': (p: { list: Html }) => `Against the targets set, ${p.list}.`,
  'report.p.target': (p: { metric: string; percent: number }) => `${p.metric} reached ${n(p.percent)}%`,

  'target.usage':
    'Usage: <code>/target metric amount thang|quy|nam [UNIT]</code> (month, quarter, year), e.g. <code>/target cccd 2000 quy PC06</code>. An amount of 0 removes the target.',
  'target.unknownMetric': (p: { metric: string }) =>
    `There is no metric "${p.metric}". Send /metrics to see the catalog.`,
  'target.badAmount': (p: { amount: string }) =>
    `"${p.amount}" is not a valid amount (a whole number; 0 removes the target).`,
  'target.set': (p: { unit: string; metric: string; amount: number; countUnit: string; period: string }) =>
    `🎯 ${p.unit}'s ${p.period} target: ${p.metric} <b>${n(p.amount)}</b> ${p.countUnit}.`,
  'target.cleared': (p: { unit: string; metric: string; period: string }) =>
    `🎯 ${p.unit}'s ${p.period} target for ${p.metric} is removed; its sub-units' targets add up instead (if any).`,
  'target.kind.month': 'monthly',
  'target.kind.quarter': 'quarterly',
  'target.kind.year': 'yearly',

  'campaign.text': (p: { registered: number; units: number; models: number; modelLines: Html }) =>
    '😊 <b>The "Soldier\'s smile" campaign</b>\n' +
    `• Units registered (with a group): <b>${n(p.registered)}/${n(p.units)}</b>\n` +
    `• Models registered across the province: <b>${n(p.models)}</b>\n` +
    `${p.modelLines}\n` +
    '"5 please": hello, thank you, excuse me, sorry, please guide me.\n' +
    '"5 always": always smile, always gentle, always listen and understand, always help, always uphold the law.',
  'model.usage':
    "Usage: <code>/model add the model's slogan</code> (in the unit's group, commanders or admins), <code>/model list</code>.",
  'model.added': (p: { unit: string; slogan: string; count: number }) =>
    `🏷 Registered ${p.unit}'s model "${p.slogan}" (the unit's model no. ${n(p.count)}).`,
  'model.tooMany': (p: { unit: string; count: number }) =>
    `${p.unit} already has ${n(p.count)} models; a unit usually builds one or two. To add more, ask an admin.`,
  'model.badSlogan': (p: { max: number }) => `A slogan takes 5 to ${n(p.max)} characters.`,
  'model.listHeader': (p: { count: number }) => `🏷 <b>The campaign's models</b> (${n(p.count)})`,
  'model.line': (p: { unit: string; slogan: string }) => `• ${p.unit}: "${p.slogan}"`,
  'model.none': "No model is registered yet. A commander sends <code>/model add slogan</code> in the unit's group.",

  'export.usage':
    'Usage: <code>/export [UNIT] [period]</code>, e.g. <code>/export last-month</code>, <code>/export PC06 05/2021-08/2021</code>.',
  'export.caption': (p: { unit: string; from: string; to: string; entries: number }) =>
    `📎 Campaign data of ${p.unit}, ${formatDay(p.from)}–${formatDay(p.to)}: ${n(p.entries)} entries.`,
  'export.tooLarge': (p: { megabytes: number }) =>
    `The export is larger than the ${n(p.megabytes)} MB the bot can send; choose a shorter period or a sub-unit.`,
  'export.sheet.entries': 'Lượt ghi',
  'export.sheet.totals': 'Tổng theo đơn vị',
  'export.sheet.commendations': 'Đề cử và khen thưởng',
  'export.status.pending': 'Chờ duyệt',
  'export.status.rejected': 'Không duyệt',
  'export.queued': (p: { unit: string; from: string; to: string }) =>
    `⏳ Preparing the export files of ${p.unit}, ${formatDay(p.from)}–${formatDay(p.to)}… they follow in a moment.`,
  'export.failed': 'The export files could not be made (a system error); please send /export again in a few minutes.',

  'chart.usage': 'Usage: <code>/chart [metric] [period]</code>, e.g. <code>/chart cccd month</code>.',
  'chart.unknownMetric': (p: { metric: string }) =>
    `There is no metric "${p.metric}". Send /metrics to see the catalog.`,
  'chart.nothing': 'Nothing to chart over this period yet.',
  'chart.rankTitle': (p: { metric: string; from: string; to: string }) =>
    `${p.metric}: units ranked, ${formatDay(p.from)}–${formatDay(p.to)}`,
  'chart.trendTitle': (p: { metric: string; unit: string }) => `${p.metric}: last 8 weeks, ${p.unit}`,
  'chart.caption': (p: { metric: string; unit: string }) => `📈 ${p.metric} · ${p.unit}`,
  'chart.weeklyRankTitle': (p: { scope: string; week: string }) => `Week ${p.week} ranking: ${p.scope}`,
  'chart.weeklyTrendTitle': (p: { scope: string; week: string }) => `8 weeks to the end of ${p.week}: ${p.scope}`,
  'chart.separateScales': 'One chart per metric, each on its own scale; each unit counts its sub-units',
  'chart.ownBar': (p: { code: string }) => `${p.code} (own)`,
  'chart.panelTitle': (p: { metric: string; countUnit: string }) => `${p.metric} (${p.countUnit})`,
  'chart.leaderboardCaption': (p: { unit: string; week: string }) =>
    `📊 Week ${p.week} ranking, per metric · ${p.unit}`,
  'chart.digestCaption': (p: { scope: string; week: string }) =>
    `📈 8 weeks to the end of ${p.week}, per metric · ${p.scope}`,

  'target.progressHeader': (p: { to: string }) => `🎯 Monthly targets, month to date (to ${formatDay(p.to)}):`,
  'target.progressLine': (p: TargetProgressLine) =>
    `• ${p.metric} — ${ENGLISH_MONTHS[p.month - 1] ?? p.month}: <b>${n(p.percent)}%</b> of target (${n(p.total)}/${n(p.target)} ${p.countUnit})`,

  'menu.log': 'Record work: /log cccd 120',
  'menu.undo': 'Undo your latest entry',
  'menu.history': 'Your entries this week and last',
  'menu.me': 'My results',
  'menu.top': 'Leaderboard',
  'menu.metrics': 'Metric catalog',
  'menu.help': 'Help',
  'menu.nominate': 'Nominate a colleague (reply to a message)',
  'menu.nominations': 'Nominations waiting for a decision',
  'menu.commendations': 'Approved commendations',
  'menu.profile': "A person's results and commendations",
  'menu.lang': 'Change language (vi/en)',

  // Issue 16 §6–7 (first contact): /help by role, /start, the command menus, /register without a code.
  'help.commander': [
    '<b>Commanders</b>',
    "/history (/lichsu), /log (/ghi): reply to an officer's message to see their entries, or to log for them",
    '/digest (/tonghop): the weekly digest of the units you command; /settings (/caidat): reminders and language of the group',
    '/export [<i>period</i>] (/xuat): Excel and CSV files; /target <i>metric</i> <i>amount</i> thang|quy|nam (/muctieu): set a target',
    '/decision <i>number decision_no dd/mm/yyyy signer</i> (/quyetdinh): admins and provincial commanders record the decision',
    '/dashboard (/bangdieukhien): the dashboard: figures, nominations, reports',
    '/register (/dangky) in a group bound to no unit: pick the group’s unit with a button',
    '/roster [<i>CODE</i>] (/danhsach), /link <i>service number</i> (/lienket) as a reply, /invite (/moi): the roster, linking accounts, an invitation link; /export roster: the roster file',
    '/review <i>title</i> (/binhxet), /closeballot (/dongphieu), /flag (/canhbao), /paper (/vanban): the review with a secret ballot, flags, the year’s papers',
  ].join('\n'),
  'help.admin': [
    '<b>Administration</b>',
    '/unit add <i>CODE</i> <i>unit name</i> [parent=<i>PARENT_CODE</i>], /unit list, /unit rename <i>CODE</i> <i>new name</i>, /unit move <i>CODE</i> parent=<i>PARENT_CODE</i>, /unit retire <i>CODE</i>',
    '/register <i>CODE</i>: bind this group to a unit (a group bound to another unit: an admin confirms within 10 minutes); /register without a code: pick among the units without a group',
    "/role commander|officer: reply to a person's message (or mention them) to set their role",
    '/import (/nhap): send the roster as an XLSX/CSV with the caption /import in private; /import template: the template; /whoami (/toilaai): your Telegram id; /council (/hoidong), /titles (/danhhieu): the council and title decisions',
    '/metric add <i>code</i> <i>Vietnamese name</i> | <i>English name</i> | <i>unit of count</i>; /metric alias <i>code</i> <i>alias</i>; /metric max <i>code</i> <i>number</i>; /metric retire <i>code</i>',
  ].join('\n'),
  'help.short': [
    '<b>Quick help</b>',
    '/log <i>metric</i> <i>amount</i>: record work, e.g. <code>/log cccd 120</code>',
    '/undo: undo your latest entry; /me: your totals; /top: leaderboard',
    "/nominate <i>reason</i>: reply to a colleague's message to nominate them",
    'Full help (for your role): send /help to the bot in private.',
  ].join('\n'),
  'help.fullButton': '📖 Full help',
  'start.linked': (p: { name: string; unit: string }) => `The roster says you are <b>${p.name}</b>, ${p.unit}.`,
  'start.unlinked': (p: { id: number }) =>
    `Your Telegram account (id <code>${p.id}</code>) is not linked to the roster yet; ask your unit's commander to link it.`,
  'start.roleAdmin': "Role: the bot's admin.",
  'start.roleCommander': (p: { units: string }) => `Role: commander of ${p.units}.`,
  'start.roleOfficer': 'Role: officer.',
  'start.next':
    "What you will do most: in your unit's group, record work with <code>/log cccd 120</code>; see your totals /me, the leaderboard /top, your record /profile.",
  'start.helpButton': '📖 Help',
  'start.setupHeader': '<b>Left to set up</b>',
  'start.setupNoUnits':
    'No units yet: add them with <code>/unit add CODE unit name</code>, or import the whole unit tree from a spreadsheet with <code>/import</code>.',
  'start.setupUnbound': (p: { count: number; units: string }) =>
    `Units with no group (${p.count}): ${p.units}. Add the bot to the unit's Telegram group, then send <code>/register</code> there.`,
  'start.setupNoCommander':
    "No commander yet: in a unit's group, reply to the commander's message with <code>/role commander</code>.",
  'start.setupDone': 'All set: there are units, every unit has a group, and there are commanders.',
  'menu.logVi': 'Record work: /ghi cccd 120',
  'register.pick': (p: { count: number }) =>
    `This group is bound to no unit. Pick its unit (${p.count} units have no group); only admins and the unit's commanders may press.`,
  'register.pickMore': (p: { count: number }) =>
    `${p.count} more units have no group: send <code>/register UNIT_CODE</code>.`,
  'register.pickNone':
    'Every unit already has a group. An admin adds units with <code>/unit add</code>, or sends <code>/register UNIT_CODE</code>.',
  'register.pickAlready': (p: { code: string; name: string }) =>
    `This group is bound to unit <b>${p.code}</b> (${p.name}). To move it to another unit, an admin sends <code>/register UNIT_CODE</code>.`,
  'register.pickNotAllowed': "Only admins or this unit's commanders may bind the group; nothing changed.",
  'register.pickTaken': 'This group is already bound to a unit; this button is no longer valid, nothing changed.',
  'register.picked': (p: { code: string; name: string; by: string }) =>
    `This group is now bound to unit <b>${p.code}</b> (${p.name}), picked by ${p.by}. Officers can log right away with <code>/log cccd 120</code>.`,

  // Weekly posts: leaderboard, digest, reminder, /digest and /settings.
  'weekly.leaderboardHeader': (p: { unit: string; from: string; to: string; week: string }) =>
    `🏆 <b>Week ${formatDay(p.from)}–${formatDay(p.to)} in review</b> (${p.week})\n<b>${p.unit}</b>`,
  'weekly.totalsHeader': '📈 Results by metric, against the week before:',
  'weekly.totalLine': (p: { metric: string; amount: number; countUnit: string; change: string }) =>
    `• ${p.metric}: <b>${n(p.amount)}</b> ${p.countUnit} (${p.change})`,
  'weekly.nothingLogged': 'Nothing was logged last week.',
  'weekly.change.up': (p: { percent: number }) => `▲ ${n(p.percent)}%`,
  'weekly.change.down': (p: { percent: number }) => `▼ ${n(p.percent)}%`,
  'weekly.change.same': 'unchanged',
  'weekly.change.new': '▲ new',
  'weekly.change.none': '–',
  'weekly.rankHeader': (p: { parent: string }) => `🥇 Rank among the units of ${p.parent}:`,
  'weekly.rankLine': (p: { metric: string; rank: number; of: number }) => `• ${p.metric}: ${p.rank} of ${p.of}`,
  'weekly.topHeader': '👏 Top contributors:',
  'weekly.topLine': (p: { metric: string; people: Html }) => `• ${p.metric}: ${p.people}`,
  'weekly.topPerson': (p: { name: string; amount: number }) => `${p.name} ${n(p.amount)}`,
  'weekly.topPersonOfUnit': (p: { name: string; unit: string; amount: number }) =>
    `${p.name} (${p.unit}) ${n(p.amount)}`,
  'weekly.commendationsHeader': '🏅 Commendations approved last week:',
  'weekly.commendationLine': (p: { phrase: Html; nominee: string; unit: string; reason: string }) =>
    `• ${p.nominee} (${p.unit}) ${p.phrase}: ${p.reason}`,
  'weekly.more': (p: { count: number }) => `…and ${n(p.count)} more`,

  'digest.header': (p: { scope: string; from: string; to: string; week: string }) =>
    `📊 <b>Weekly digest ${formatDay(p.from)}–${formatDay(p.to)}</b> (${p.week})\n<b>${p.scope}</b> and the units under it`,
  'digest.unitsHeader': '📊 By unit, one metric at a time, against the week before:',
  'digest.metricChartHeader': (p: { metric: string; countUnit: string }) => `<b>${p.metric}</b> (${p.countUnit})`,
  'weekly.subUnitsHeader': '🏢 Sub-units ranked (each with the units under it):',
  'weekly.subUnitsLine': (p: { metric: string; units: Html }) => `• ${p.metric}: ${p.units}`,
  'weekly.subUnitPlace': (p: { rank: number; code: string; amount: number }) =>
    `${p.rank}. ${p.code} <b>${n(p.amount)}</b>`,
  'digest.chart': (p: { lines: string }) => `<pre>${p.lines}</pre>`,
  'digest.silentHeader': (p: { count: number }) => `⚠️ Units that logged nothing (${n(p.count)}):`,
  'digest.silentLine': (p: { code: string; name: string }) => `• ${p.code} ${p.name}`,
  'digest.allLogged': '✅ Every unit with a group logged something.',
  'digest.pendingHeader': (p: { count: number }) => `⏳ Nominations waiting for your decision (${n(p.count)}):`,
  'digest.pendingLine': (p: { id: number; nominee: string; unit: string; reason: string; day: string }) =>
    `• #${p.id} ${p.nominee} (${p.unit}), ${formatShortDay(p.day)}: ${p.reason}`,
  'digest.usage': 'Usage: <code>/digest</code> (last week) or <code>/digest 2026-W47</code> (an ISO week).',
  'digest.notAllowed':
    'The weekly digest is for commanders and admins. See your own results with /me and the leaderboard with /top.',
  'digest.unreachable': (p: { commander: Html; link: string }) =>
    `📭 ${p.commander}: the bot could not send you the weekly digest because you have not opened a private chat with it. ` +
    `<a href="${p.link}">Tap here</a>, then tap Start, to receive it from next week.`,
  'digest.reachableAgain': '✅ You will receive the weekly digest here from now on. Send /digest for last week’s.',

  'reminder.text': (p: { unit: string; from: string; motto: string }) =>
    `⏰ <b>${p.unit}</b> has logged nothing this week (since ${formatDay(p.from)}). ` +
    'Remember to log with <code>/log metric amount</code>, e.g. <code>/log cccd 120</code>.\n\n' +
    `💬 <i>${p.motto}</i>`,
  'reminder.motto': (p: { line: number }) =>
    p.line % 2 === 0
      ? '"5 please" (5 xin): hello, thank you, excuse me, sorry, please show me how.'
      : '"5 always" (5 luôn): always smile, always be gentle, always listen and understand, always help, always uphold the law.',

  'settings.show': (p: { unit: string; reminders: boolean; language: string; confirm: string }) =>
    `⚙️ <b>Group settings</b> (${p.unit})\n` +
    `• Weekly reminders: <b>${p.reminders ? 'on' : 'off'}</b>\n` +
    `• Language: <b>${p.language}</b>\n` +
    `• /log confirmations: <b>${p.confirm}</b>\n\n` +
    'Change: <code>/settings reminders on|off</code>, <code>/settings lang vi|en</code>, <code>/settings confirm reply|reaction|auto</code>; in a group with topics, <code>/settings topic</code> sent in a topic makes it receive the weekly posts.',
  'settings.usage':
    'Usage: <code>/settings</code> (show), <code>/settings reminders on|off</code>, <code>/settings lang vi|en</code>, <code>/settings confirm reply|reaction|auto</code>, <code>/settings topic</code>.',
  'settings.remindersSet': (p: { on: boolean }) =>
    p.on ? '🔔 Weekly reminders are on for this group.' : '🔕 Weekly reminders are off for this group.',
  'settings.topicSet': "📌 From now on the group's weekly leaderboard and reminders go to this topic.",
  'settings.topicGeneral': "📌 The group's weekly leaderboard and reminders go to the General topic.",
  'settings.topicNotForum': 'This group has no topics; weekly posts go straight to the group.',
  'settings.language.vi': 'Tiếng Việt',
  'settings.language.en': 'English',

  'menu.digest': 'Weekly digest (commanders)',
  'menu.report': 'Report and paragraph: /report 05/2021-08/2021',
  'menu.chart': 'Charts by metric',
  'menu.export': 'Excel and CSV export (commanders)',
  'menu.campaign': 'The campaign and its models',
  'menu.settings': 'Group settings: reminders, language',
  // Issue 16 §4–§5 and issue 17 §5: official names from the roster, past commendations, who logged nothing.
  'official.unmatched': '(not matched to the roster)',
  'profile.position': (p: { position: string }) => `Position: ${p.position}`,
  'profile.pastHeader': '\n<b>Emulation titles and commendations by year</b>',
  'profile.pastLine': (p: { year: number; titles: Html }) => `• ${p.year}: ${p.titles}`,
  'profile.pastTitle': (p: { title: string; number: string; date: string; level: string }) =>
    `${p.title}${p.number ? ` (decision no. ${p.number}${p.date ? ` of ${p.date}` : ''}${p.level ? `, ${p.level}` : ''})` : p.level ? ` (${p.level})` : ''}`,
  'log.otherUnit': (p: { unit: string; own: string }) =>
    `ℹ️ This counts for <b>${p.unit}</b> (this group's unit); the roster has you in ${p.own}.`,
  'weekly.unlogged': (p: { count: number; total: number }) =>
    `👥 ${n(p.count)} of ${n(p.total)} people have logged nothing this week.`,
  'digest.unloggedHeader': '👥 People who logged nothing this week (by the roster):',
  'digest.unloggedLine': (p: { code: string; count: number; total: number }) =>
    `• ${p.code}: ${n(p.count)}/${n(p.total)} have logged nothing`,
  'chart.weeklyRankAmongTitle': (p: { unit: string; parent: string; week: string }) =>
    `Week ${p.week} ranking: ${p.unit} among the units of ${p.parent}`,
  'chart.weeklyUnitTitle': (p: { unit: string; week: string }) => `Week ${p.week}: ${p.unit} against the week before`,
  // The year of emulation (src/features/year) and its official papers (src/files/papers).
  'year.title.cstt': 'Advanced Soldier',
  'year.title.cstdcs': 'Grassroots Emulation Soldier',
  'year.title.cstd-bo': 'Ministry-level Emulation Soldier',
  'year.title.cstd-tq': 'National Emulation Soldier',
  'year.title.dvtt': 'Advanced Unit',
  'year.title.dvqt': 'Determined-to-Win Unit',
  'year.title.co-thi-dua': 'Emulation Flag',
  'year.act.law-2003': 'the Law on Emulation and Commendation of 2003 (amended 2005, 2013)',
  'year.act.law-06-2022': 'the Law on Emulation and Commendation No. 06/2022/QH15 of 15 June 2022',
  'year.act.decree-91-2017': 'Government Decree No. 91/2017/NĐ-CP of 31 July 2017',
  'year.act.decree-98-2023': 'Government Decree No. 98/2023/NĐ-CP',
  'year.act.decree-152-2025': 'Government Decree No. 152/2025/NĐ-CP',
  'year.act.circular-12-2019-bca': 'Circular No. 12/2019/TT-BCA of the Minister of Public Security',
  'year.act.circular-08-2017-bnv': 'Circular No. 08/2017/TT-BNV of the Minister of Home Affairs',
  'year.act.config': "this deployment's configuration",
  'year.citation': (p: { act: string; article: number }) => (p.article > 0 ? `Art. ${p.article} of ${p.act}` : p.act),
  'year.verify': 'to be verified',
  'year.check.subject': 'This title is not for this kind of candidate.',
  'year.check.registered': 'Did not register for this title at the start of the year.',
  'year.check.flags': 'A discipline, inspection or complaint is pending.',
  'year.check.discipline': (p: { collective: boolean }) =>
    p.collective ? 'A member was disciplined with a warning or heavier.' : 'Disciplined this year.',
  'year.check.served': (p: { needed: number }) => `Served under ${n(p.needed)} months this year.`,
  'year.check.rating': 'Not rated as completing duties well or better.',
  'year.check.achievement': 'No initiative, research or feat recognised by the unit.',
  'year.check.requires': (p: { title: string }) => `Does not hold “${p.title}” this year.`,
  'year.check.chain': (p: { title: string; years: number; needed: number }) =>
    `${n(p.years)} of ${n(p.needed)} consecutive years of “${p.title}”.`,
  'year.check.once': (p: { year: number }) => `Already holds this title for ${p.year}.`,
  'year.check.memberShare': (p: { title: string; holding: number; members: number }) =>
    `${n(p.holding)} of ${n(p.members)} members hold “${p.title}”: not enough.`,
  'year.check.memberHolds': (p: { title: string; holding: number; needed: number }) =>
    `${n(p.holding)} members hold “${p.title}”; ${n(p.needed)} needed.`,
  'year.check.membersComplete': 'Not every member completed their duties.',
  'year.check.unknown': 'to be confirmed at the meeting',
  // The yearly cycle's use cases (src/features/year): their refusals (`year.error.*`, titles already named by
  // yearErrorText), the private ballot, flags, and the mid-year / year-end paragraph.
  'year.error.notOnRoster':
    'You are not on this unit’s roster, so you cannot register here. Please ask your commander or whoever keeps the unit’s roster.',
  'year.error.notCommander': 'Only a commander of the unit (or of a unit above it) can do this.',
  'year.error.notAdmin': 'Only the campaign staff (admins) can do this.',
  'year.error.unknownUnit': 'That unit was not found.',
  'year.error.unknownPerson': 'That person is not on the roster.',
  'year.error.individualTitle': (p: { title: string }) =>
    `“${p.title}” is an individual title; a unit cannot register or be considered for it.`,
  'year.error.collectiveTitle': (p: { title: string }) =>
    `“${p.title}” is a unit’s title: a commander registers the whole unit.`,
  'year.error.windowClosed': (p: { from: string; to: string }) =>
    `Registration is open from ${p.from} to ${p.to}; outside that time only a commander of the unit can register.`,
  'year.error.yearOutOfRange': (p: { year: number }) =>
    `This cannot be done for ${p.year}: only this year or the one next to it.`,
  'year.error.noRules': (p: { year: number }) => `No emulation rules apply to ${p.year} yet.`,
  'year.error.notVotedHere': (p: { title: string }) => `“${p.title}” is not voted on at this level.`,
  'year.error.reviewOpen': (p: { title: string }) => `A ballot on “${p.title}” is already open.`,
  'year.error.noCandidates': (p: { title: string }) =>
    `Nobody can be voted on for “${p.title}”: nobody registered, or nobody meets the conditions.`,
  'year.error.tooManyCandidates': (p: { count: number; max: number }) =>
    `${n(p.count)} people are considered, more than ${n(p.max)} on one ballot: please hold the review sub-unit by sub-unit.`,
  'year.error.noVoters': 'No member has a linked Telegram account to receive a ballot.',
  'year.error.deadlinePassed': 'The ballot’s deadline must be after now.',
  'year.error.unknownReview': 'That review was not found.',
  'year.error.reviewNotClosed': 'That ballot is not closed yet.',
  'year.error.ballotClosed': 'The ballot is closed; this choice was not recorded.',
  'year.error.notYourBallot': 'This ballot is not yours, or no longer valid; the choice was not recorded.',
  'year.error.notOpener': 'Only whoever opened the ballot (or an admin) can close it.',
  'year.error.reasonNeeded': 'Please give the reason (at least 5 characters).',
  'year.error.unknownFlag': 'That note was not found, or was already cleared.',
  'year.error.alreadyCouncil': 'That person is already on the emulation council.',
  'year.error.notCouncil': 'That person is not on the emulation council.',
  'year.error.emptyCouncil': 'The emulation council has no members yet.',
  'year.error.decisionInFuture': 'A decision cannot be dated after today.',
  'year.error.decisionTooEarly': (p: { day: string }) => `A decision cannot be dated before ${p.day}.`,
  'year.error.decisionIncomplete': 'Please give the decision’s number, its date and who signed it.',
  'year.flag.discipline-pending': 'Discipline under consideration',
  'year.flag.inspection-pending': 'Under inspection',
  'year.flag.complaint-pending': 'Complaint being verified',
  'year.ballot.heading': (p: { title: string; year: number; where: string }) =>
    `🗳 <b>Secret ballot</b>: review for “${p.title}” ${p.year}, ${p.where}.`,
  'year.ballot.council': 'Emulation and Commendation Council',
  'year.ballot.closes': (p: { time: string; day: string }) => `Voting closes at ${p.time} on ${p.day}.`,
  'year.ballot.candidate': (p: { number: number; name: string }) => `${p.number}. ${p.name}`,
  'year.ballot.help':
    'Press “Yes” or “No” for each person; you can change your mind until the ballot closes. The bot records that you voted, not what you chose.',
  'year.ballot.yes': (p: { number: number; chosen: boolean }) => `${p.chosen ? '☑️ ' : ''}${p.number}. Yes`,
  'year.ballot.no': (p: { number: number; chosen: boolean }) => `${p.chosen ? '☑️ ' : ''}${p.number}. No`,
  'year.ballot.recorded': 'Recorded. You can change your mind until the ballot closes.',
  'year.ballot.closed': (p: { title: string; year: number }) =>
    `🗳 The secret ballot for “${p.title}” ${p.year} is closed. Thank you.`,
  'year.paper.venue': 'the unit’s Telegram group (secret ballot in private messages with the bot)',
  'year.report.heading': (p: { half: boolean; year: number }) =>
    p.half ? `Mid-year review, first half of ${p.year}` : `Year-end review ${p.year}`,
  'year.report.units': (p: { registered: number; units: number }) =>
    `On registration, ${n(p.registered)}/${n(p.units)} units registered for a unit title.`,
  'year.report.title': (p: {
    title: string;
    collective: boolean;
    registered: number;
    proposed: number;
    awarded: number;
  }) =>
    `“${p.title}”: ${n(p.registered)} ${p.collective ? 'units' : 'people'} registered, ${n(p.proposed)} proposed, ${n(p.awarded)} awarded.`,
  'year.report.noRegistrations': (p: { year: number }) => `Nobody has registered for ${p.year} yet.`,

  'paper.nation': 'SOCIALIST REPUBLIC OF VIETNAM',
  'paper.motto': 'Independence - Freedom - Happiness',
  'paper.number': (p: { symbol: string }) => `No.:        /${p.symbol}`,
  'paper.date': (p: { day: string; month: string; year: number }) =>
    `${Number(p.day)} ${ENGLISH_MONTHS[Number(p.month) - 1]} ${p.year}`,
  'paper.placeDate': (p: { place: string; date: string }) => `${p.place}, ${p.date}`,
  'paper.draft': 'DRAFT',
  'paper.recipients': 'To:',
  'paper.archive': '- Archive: records office.',
  'paper.page': (p: { page: number }) => `${p.page}`,
  'paper.col.no': 'No.',
  'paper.col.name': 'Rank and full name',
  'paper.col.unitName': 'Unit',
  'paper.col.position': 'Position',
  'paper.col.positionUnit': 'Position, unit',
  'paper.col.pledged': 'Title registered',
  'paper.col.yes': 'Yes votes',
  'paper.col.share': 'Share (%)',
  'paper.col.result': 'Result',
  'paper.col.note': 'Note',
  'paper.people': (p: { count: number }) => `${n(p.count)} ${p.count === 1 ? 'person' : 'people'}`,
  'paper.units': (p: { count: number }) => `${n(p.count)} ${p.count === 1 ? 'unit' : 'units'}`,
  'paper.registration.kind': (p: { year: number }) => `EMULATION REGISTRATION FOR ${p.year}`,
  'paper.registration.summary': 'Titles registered by the unit and its members',
  'paper.registration.intro': (p: { unit: string; year: number; campaign: string }) =>
    `Following the emulation plan for ${p.year}${p.campaign ? ` and the “${p.campaign}” campaign` : ''}, ${p.unit} registers the following titles for ${p.year}:`,
  'paper.registration.collective': '1. The unit',
  'paper.registration.collectiveLine': (p: { unit: string; title: string }) => `${p.unit} registers for “${p.title}”.`,
  'paper.registration.individual': (p: { count: number }) => `2. Members (${n(p.count)})`,
  'paper.registration.totals': (p: { lines: string }) => `In all: ${p.lines}.`,
  'paper.registration.pledge': (p: { unit: string }) =>
    `${p.unit} undertakes to carry out the registered emulation targets.`,
  'paper.minutes.kind': 'MINUTES',
  'paper.minutes.summary': (p: { year: number }) => `Meeting to review the emulation titles of ${p.year}`,
  'paper.minutes.opening': (p: { time: string; date: string; venue: string; unit: string; year: number }) =>
    `At ${p.time} on ${p.date}, at ${p.venue}, ${p.unit} met to review the emulation titles of ${p.year}.`,
  'paper.minutes.time': (p: { hour: string; minute: string }) => `${p.hour}:${p.minute}`,
  'paper.minutes.chair': (p: { name: string; position: string }) =>
    `Chair: ${p.name}${p.position ? `, ${p.position}` : ''}.`,
  'paper.minutes.secretary': (p: { name: string; position: string }) =>
    `Secretary: ${p.name}${p.position ? `, ${p.position}` : ''}.`,
  'paper.minutes.attendance': (p: { members: number; present: number; absent: number }) =>
    `Attendance: ${n(p.members)} members; ${n(p.present)} present; ${n(p.absent)} absent.`,
  'paper.minutes.absentees': (p: { names: string }) => `Absent: ${p.names}.`,
  'paper.minutes.quorum': (p: { met: boolean; needed: number; quorum: string }) =>
    p.met
      ? `At least ${p.quorum} of the members (${n(p.needed)}) were present: the meeting had its quorum.`
      : `Fewer than ${p.quorum} of the members (${n(p.needed)}) were present: the ballot cannot support a proposal.`,
  'paper.minutes.ballots': (p: { issued: number; returned: number; valid: number }) =>
    `Secret ballot. Ballots issued: ${n(p.issued)}; returned: ${n(p.returned)}; valid: ${n(p.valid)}.`,
  'paper.minutes.section': (p: { index: string; title: string; rule: string }) =>
    `${p.index}. “${p.title}” (${p.rule})`,
  'paper.minutes.rule': (p: { atLeast: boolean; share: string; members: boolean }) =>
    `needs ${p.atLeast ? 'at least' : 'more than'} ${p.share} yes votes of ${p.members ? 'all members' : 'those present'}`,
  'paper.minutes.result.proposed': 'Proposed',
  'paper.minutes.result.not-passed': 'Not passed',
  'paper.minutes.result.ineligible': 'Not eligible',
  'paper.minutes.result.no-quorum': 'No quorum',
  'paper.minutes.result.over-quota': 'Over the quota',
  'paper.minutes.result.tied': 'Tied, to be settled',
  'paper.minutes.result.not-voted': 'Not voted on',
  'paper.minutes.quota': (p: { title: string; share: string; of: string; holders: number; limit: number }) =>
    `“${p.title}” may go to at most ${p.share} of the holders of “${p.of}” (${n(p.holders)}): ${n(p.limit)} at most.`,
  'paper.minutes.conclusion': (p: { count: number }) =>
    `The meeting agreed to propose the ${n(p.count)} candidates marked “Proposed” above to the competent authority.`,
  'paper.minutes.closing': (p: { time: string }) =>
    `The meeting closed at ${p.time} the same day. The minutes were read out and approved by all present.`,
  'paper.minutes.signSecretary': 'SECRETARY',
  'paper.minutes.signChair': 'CHAIR',
  'paper.list.kind': 'LIST',
  'paper.list.summary': (p: { year: number }) => `Proposed for the emulation titles of ${p.year}`,
  'paper.list.attached': (p: { symbol: string; unit: string }) =>
    `(Attached to proposal No.        /${p.symbol} of ${p.unit})`,
  'paper.list.group': (p: { index: string; title: string; count: string }) =>
    `${p.index}. “${p.title.toUpperCase()}”: ${p.count}`,
  'paper.list.total': (p: { people: number; units: number }) => `In all: ${n(p.people)} people, ${n(p.units)} units.`,
  'paper.letter.kind': 'PROPOSAL',
  'paper.letter.summary': (p: { year: number }) => `On proposing the emulation titles of ${p.year}`,
  'paper.letter.to': 'To:',
  'paper.letter.basis': (p: { act: string }) => `Pursuant to ${p.act};`,
  'paper.letter.basisMinutes': (p: { unit: string; date: string }) =>
    `Pursuant to the result of the review meeting of ${p.unit} on ${p.date},`,
  'paper.letter.request': (p: { unit: string; addressee: string; year: number }) =>
    `${p.unit} respectfully proposes that ${p.addressee} consider and confer the emulation titles of ${p.year} on:`,
  'paper.letter.line': (p: { title: string; count: string }) => `- “${p.title}”: ${p.count};`,
  'paper.letter.attached': '(The list, the minutes and the achievement reports are attached.)',
  'paper.letter.closing': (p: { addressee: string }) => `Respectfully submitted to ${p.addressee} for decision.`,
  'paper.letter.addressee': 'As above',
  'paper.certificate.reason': 'For:',
  'paper.certificate.decision': (p: { number: string; date: string }) => `Decision No. ${p.number} of ${p.date}`,

  // The year's chat doors: /pledge, /flag, /review, /closeballot, /council, /titles, /paper (issue 18).
  'menu.pledge': 'Register for the year’s title: /pledge cstt',
  'menu.review': 'Review meeting with a secret ballot (commanders)',
  'yearChat.pledgeUsage':
    'Usage: <code>/pledge &lt;title&gt; [year]</code>, e.g. <code>/pledge cstdcs</code>; a commander replies to someone’s message to register them, or names a collective title (dvtt, dvqt, co-thi-dua) for the unit. <code>/pledge</code> alone lists the registrations.',
  'yearChat.badTitle': (p: { text: string }) =>
    `Unknown title “${p.text}”. Individual: cstt (Advanced soldier), cstdcs (Grassroots emulation soldier), cstd-bo, cstd-tq; collective: dvtt (Advanced unit), dvqt (Determined-to-win unit), co-thi-dua. Nothing was recorded.`,
  'yearChat.badHours': (p: { text: string }) =>
    `The ballot's duration “${p.text}” is not valid: write 1 to 168 hours, e.g. <code>24h</code>.`,
  'yearChat.pledged': (p: { name: string; title: string; year: number; replaced: string }) =>
    `✅ Registered for ${p.year}: comrade ${p.name}, title “${p.title}”${p.replaced ? ` (instead of “${p.replaced}”)` : ''}.`,
  'yearChat.pledgedUnit': (p: { unit: string; title: string; year: number; replaced: string }) =>
    `✅ Registered for ${p.year}: ${p.unit}, title “${p.title}”${p.replaced ? ` (instead of “${p.replaced}”)` : ''}.`,
  'yearChat.pledgeList': (p: { unit: string; year: number; collective: string; lines: Html; count: number }) =>
    `<b>Emulation registrations ${p.year} — ${p.unit}</b>\nCollective: ${p.collective || 'not registered'}\nIndividuals (${n(p.count)}):${p.lines}`,
  'yearChat.pledgeNone': 'none yet',
  'yearChat.flagUsage':
    'Usage (a commander, replying to the person’s message): <code>/flag kyluat|thanhtra|donthu &lt;reason&gt;</code>; <code>/flag</code> for the list (sent privately), <code>/flag go &lt;number&gt;</code> to clear one.',
  'yearChat.flagged': (p: { id: number; name: string; kind: string; reason: string }) =>
    `🔒 Flag #${p.id} recorded: ${p.name} — ${p.kind}. Reason: ${p.reason}\nThey will not be proposed for a title while it stands. Clear it: <code>/flag go ${p.id}</code>.`,
  'yearChat.flagList': (p: { unit: string; lines: Html }) => `🔒 <b>Open flags — ${p.unit}</b>${p.lines}`,
  'yearChat.flagLine': (p: { id: number; name: string; kind: string; reason: string; day: string }) =>
    `#${p.id} ${p.name} — ${p.kind} (${p.day}): ${p.reason}`,
  'yearChat.flagNone': (p: { unit: string }) => `No open flags in ${p.unit}.`,
  'yearChat.unflagged': (p: { name: string }) => `The flag on ${p.name} is cleared.`,
  'yearChat.sentPrivately': 'Sent to your private chat with the bot.',
  'yearChat.replyNeeded': 'Reply to a message of the person to flag. Nothing was recorded.',
  'yearChat.reviewUsage':
    'Usage (a commander, in the unit’s group): <code>/review &lt;title&gt; [year] [hours]</code>, e.g. <code>/review cstdcs 2026 48h</code>; add <code>xem</code> to preview the file privately without opening the ballot. Each member gets a secret ballot privately.',
  'yearChat.reviewOpened': (p: {
    title: string;
    year: number;
    unit: string;
    names: Html;
    voters: number;
    unlinked: number;
    closes: string;
  }) =>
    `🗳 <b>Review “${p.title}” ${p.year} — ${p.unit}</b>\nCandidates:${p.names}\nSecret ballots sent privately to ${n(p.voters)} members${p.unlinked > 0 ? ` (${n(p.unlinked)} without a linked account got none)` : ''}. Voting closes: ${p.closes}. A commander closes it early with <code>/closeballot</code>.`,
  'yearChat.evidence': (p: { title: string; year: number; ruleSet: string; lines: Html }) =>
    `📋 <b>Review file “${p.title}” ${p.year}</b> (rules: ${p.ruleSet})${p.lines}`,
  'yearChat.evidenceTotals': (p: { text: string }) => `The year's results: ${p.text || 'nothing logged'}`,
  'yearChat.evidenceCommendations': (p: { count: number; levels: string }) =>
    `Campaign commendations: ${p.count > 0 ? `${n(p.count)} (${p.levels}; never counted toward titles)` : 'none'}`,
  'yearChat.evidenceTitles': (p: { text: string }) => `Titles of earlier years: ${p.text || 'none'}`,
  'yearChat.evidenceTargets': (p: { text: string }) => `The unit's yearly targets: ${p.text}`,
  'yearChat.evidenceUnlinked': (p: { count: number; names: string }) =>
    `${n(p.count)} without a linked account get no ballot: ${p.names}`,
  'yearChat.eligible': 'eligible, on the ballot',
  'yearChat.notEligible': (p: { reasons: string }) => `not eligible: ${p.reasons}`,
  'yearChat.closeUsage': (p: { titles: string }) =>
    `Several ballots are open (${p.titles}): name the title, e.g. <code>/closeballot cstdcs</code>.`,
  'yearChat.noOpenReview': 'No ballot is open here.',
  'yearChat.result': (p: {
    title: string;
    year: number;
    where: string;
    voted: number;
    issued: number;
    members: number;
    quorum: string;
    lines: Html;
    again: boolean;
  }) =>
    `${p.again ? 'This ballot was already closed. ' : ''}📊 <b>Result of the review “${p.title}” ${p.year} — ${p.where}</b>\nBallots: ${n(p.voted)}/${n(p.members)} members (${n(p.issued)} issued). ${p.quorum}\n${p.lines}\nSecret ballot: nobody can tell who voted how.`,
  'yearChat.quorumMet': (p: { needed: number }) => `Quorum met (${n(p.needed)} needed).`,
  'yearChat.quorumMissed': (p: { needed: number }) => `Quorum not met (${n(p.needed)} needed): nobody is proposed.`,
  'yearChat.resultLine': (p: {
    number: number;
    name: string;
    yes: number;
    base: number;
    percent: string;
    status: string;
  }) => `${p.number}. ${p.name}: ${n(p.yes)}/${n(p.base)} in favour (${p.percent}%) — ${p.status}`,
  'yearChat.status.proposed': 'proposed',
  'yearChat.status.not-passed': 'short of the share',
  'yearChat.status.over-quota': 'over the quota',
  'yearChat.status.ineligible': 'not eligible',
  'yearChat.status.no-quorum': 'no quorum',
  'yearChat.status.not-voted': 'not on the ballot',
  'yearChat.status.tied': 'tied at the last place, to be settled',
  'yearChat.councilUsage':
    'Usage (an admin): <code>/council</code> or <code>/council list</code> to see it; reply to someone’s message with <code>/council add</code> or <code>/council remove</code>; <code>/council &lt;title&gt; [year] [hours]</code> opens the council’s vote; <code>/council phieu …</code> enters the paper ballots of members away or without Telegram.',
  'yearChat.councilList': (p: { lines: Html; count: number }) =>
    `<b>Emulation and Commendation Council</b> (${n(p.count)} members)${p.lines}`,
  'yearChat.councilNone': 'The Emulation and Commendation Council has no members yet.',
  'yearChat.councilAdded': (p: { name: string }) => `${p.name} joined the Emulation and Commendation Council.`,
  'yearChat.councilRemoved': (p: { name: string }) => `${p.name} left the Emulation and Commendation Council.`,
  'yearChat.councilOpened': (p: { title: string; year: number; names: Html; voters: number; closes: string }) =>
    `🗳 <b>Council vote “${p.title}” ${p.year}</b>\nProposed:${p.names}\nSecret ballots sent to ${n(p.voters)} members. Voting closes: ${p.closes}. Close early: <code>/closeballot ${p.title}</code> in private.`,
  'yearChat.decisionUsage':
    'Usage (an admin): <code>/titles &lt;title&gt; &lt;year&gt; &lt;decision number&gt; &lt;dd/mm/yyyy&gt; &lt;signer&gt;</code>, e.g. <code>/titles cstdcs 2026 567/QĐ-CAT 20/12/2026 Colonel Nguyễn Văn A</code>; recorded for those the council (or the unit) proposed, or for the person whose message you reply to. <code>/titles</code> alone (or by reply) lists the titles by year.',
  'yearChat.badDate': (p: { text: string }) =>
    `The date “${p.text}” is not valid: write dd/mm/yyyy, e.g. 20/12/2026. Nothing was recorded.`,
  'yearChat.noneProposed': (p: { title: string; year: number }) =>
    `Nobody is proposed for “${p.title}” ${p.year}; nothing was recorded.`,
  'yearChat.titlesRecorded': (p: { count: number; title: string; year: number; number: string; names: string }) =>
    `✅ Decision ${p.number} recorded: title “${p.title}” ${p.year} for ${n(p.count)}: ${p.names}.`,
  'yearChat.titlesOf': (p: { name: string; lines: Html }) => `🏅 <b>Emulation titles — ${p.name}</b>${p.lines}`,
  'yearChat.titlesNone': (p: { name: string }) => `${p.name} holds no recorded emulation title yet.`,
  'yearChat.titleLine': (p: { year: number; title: string; decision: string }) =>
    `${p.year}: ${p.title}${p.decision ? ` — decision ${p.decision}` : ' (imported history)'}`,
  'yearChat.paperUsage':
    'Usage (a commander, in the unit’s group): <code>/paper dangky|bienban|danhsach|totrinh [pdf|docx] [year]</code>, or <code>/paper chungnhan</code> replying to someone’s message; DOCX by default, for the office to edit.',
  'yearChat.paperCaption': (p: { kind: string; year: number }) => `${p.kind} ${p.year} (draft, Decree 30/2020 format).`,
  'yearChat.paper.registration': 'Emulation registration',
  'yearChat.paper.minutes': 'Review meeting minutes',
  'yearChat.paper.list': 'Proposal list',
  'yearChat.paper.letter': 'Proposal letter',
  'yearChat.paper.certificate': 'Title certificate',
  'yearChat.certificateForm': (p: { title: string }) => `the title ${p.title}`,
  'yearChat.certificateReason': (p: { year: number }) =>
    `Met the standard of the year's emulation title ${p.year}, as the unit's review found.`,
  'year.error.noTitle': (p: { year: number }) =>
    `This person was neither proposed for nor awarded a title in ${p.year}.`,
  'yearChat.noClosedReview': 'The unit has no closed review yet.',
  'yearChat.addressee': 'the Emulation and Commendation Council',
  'yearChat.notOnRosterReply':
    'The person you replied to is not on the roster (or not linked yet). Nothing was recorded.',

  // Buttons bound to their message, who may read a commendation, /register's requests, decisions (issues 18, 20).
  'button.notValid': 'This button is no longer valid; nothing changed.',
  'commendation.notAllowed':
    'You can see only your own commendations, or those of officers in the units you command and the units under them; nothing was sent.',
  'register.notRequester': 'Only the admin who sent this /register can confirm it; nothing changed.',
  'nomination.proposalDecided': (p: { phrase: Html; by: string }) => `✅ ${p.phrase} (proposed by ${p.by}).`,
  'decision.future': (p: { date: string }) =>
    `The decision date ${formatDay(p.date)} has not come yet: only a decision already issued can be recorded.`,
  'decision.beforeNomination': (p: { date: string; day: string }) =>
    `The decision date ${formatDay(p.date)} is before the nomination (${formatDay(p.day)}): please check the date.`,
  'metric.codeDateWord': (p: { code: string }) =>
    `The code "${p.code}" reads as a date (like <code>/log yesterday 5</code>), so /log could never use it; please choose another.`,
  'metric.codeNumeric': (p: { code: string }) =>
    `The code "${p.code}" is a number, which /log reads as an amount; please choose a code with letters.`,
  'export.status.proposed': (p: { level: string }) => `Proposed: ${p.level}`,
  'metric.codePeriodWord': (p: { code: string }) =>
    `The code "${p.code}" is a period word of /top, /chart and /report (week, month, quarter, year…); please choose another.`,

  // The commanders' web app's chat doors: /dashboard (/bangdieukhien) and the menu button (issue 17).
  'menu.dashboard': 'Dashboard: figures, nominations, reports',
  'dashboard.private': (p: { bot: string }) =>
    `📊 The <b>emulation dashboard</b> of @${p.bot}: the figures of the units you command, the nominations waiting for your decision and the reports, inside Telegram. Press the button below to open it.`,
  'dashboard.group': (p: { unit: string }) =>
    `📊 The emulation dashboard of <b>${p.unit}</b>: press the button below to open it. Each of you sees only the units you command and your own unit.`,
  'dashboard.groupNoLink': (p: { bot: string }) =>
    `The dashboard opens only in a private chat: message @${p.bot} privately and type /dashboard.`,
  'dashboard.button': '📊 Open the dashboard',
  'dashboard.menuButton': 'Dashboard',
  'dashboard.notConfigured':
    'The dashboard is not enabled on this bot (the operator needs to set PUBLIC_URL and register the app with @BotFather).',
  // Tally, reports and settings (issues 15 and 20).
  'log.sentInFuture': (p: { day: string }) =>
    `Not logged: the message is dated ${formatDay(p.day)}, later than the bot's clock. Send the command again; if it is refused again, tell an admin.`,
  // The roster and its import (issue 16): src/features/roster/.
  'import.notAdmin': 'Only the bot’s admins may import the roster.',
  'import.tooLarge': (p: { maxMb: number }) =>
    `The file is too large: the bot takes files of at most ${n(p.maxMb)} MB. Split the list into several files; nothing was stored.`,
  'import.unreadable':
    'The bot cannot read this file. Send an Excel file (.xlsx, .xls) or a CSV (UTF-8); nothing was stored.',
  'import.noSheets':
    'The file has no «Đơn vị», «Cán bộ» or «Khen thưởng» sheet with headers the bot recognises. Send <code>/import template</code> for a template; nothing was stored.',
  'import.tooManyRows': (p: { sheet: string; rows: number; max: number }) =>
    `Sheet «${p.sheet}» has ${n(p.rows)} rows, over the limit of ${n(p.max)} a sheet. Split it into several files; nothing was stored.`,
  'import.notFound': 'This import was not found.',
  'import.notYours': 'Only the admin who sent the file may apply or cancel this import.',
  'import.expired': 'This import is older than 30 minutes and was deleted. Send the file again for a new preview.',
  'import.finished': 'This import was already applied or cancelled.',
  'import.stale':
    'The roster changed since the preview, so nothing was applied. Here is a new preview; press «Apply» again if it is right.',
  'import.preview': (p: { file: string; minutes: number }) =>
    `📋 <b>Roster import preview</b> «${p.file}» (nothing stored yet; the apply button works for ${n(p.minutes)} minutes):`,
  'import.units': (p: { created: number; renamed: number; moved: number }) =>
    `• Units: ${n(p.created)} new, ${n(p.renamed)} renamed, ${n(p.moved)} moved`,
  'import.people': (p: { created: number; changed: number; transferred: number; left: number; returned: number }) =>
    `• People: ${n(p.created)} new, ${n(p.changed)} changed, ${n(p.transferred)} transferred, ${n(p.left)} left, ${n(p.returned)} back`,
  'import.missing': (p: { count: number }) =>
    `• Not in this file: ${n(p.count)} people (marked left only if you choose so)`,
  'import.roles': (p: { granted: number; revoked: number; linked: number }) =>
    `• Commander roles: ${n(p.granted)} granted, ${n(p.revoked)} revoked; Telegram accounts linked now: ${n(p.linked)}`,
  'import.history': (p: { history: number; commendations: number; changed: number }) =>
    `• Unit history: ${n(p.history)} rows; commendations: ${n(p.commendations)} new, ${n(p.changed)} corrected`,
  'import.nothing': '✅ The file matches the bot’s roster: nothing would change.',
  'import.errorsHeader': (p: { count: number }) => `⚠️ ${n(p.count)} rows skipped:`,
  'import.errorLine': (p: { sheet: string; row: number; reason: Html }) => `• ${p.sheet}, row ${n(p.row)}: ${p.reason}`,
  'import.ignoredSheets': (p: { sheets: string }) => `Sheets not recognised, left alone: ${p.sheets}`,
  'import.applied': (p: { people: number; units: number; left: number }) =>
    `✅ Roster imported: ${n(p.people)} people new or changed, ${n(p.units)} units new or changed, ${n(p.left)} marked left.`,
  'import.cancelled': 'Import cancelled; the file’s contents were deleted.',
  'import.field.code': 'code',
  'import.field.name': 'name',
  'import.field.parentCode': 'parent code',
  'import.field.fullName': 'full name',
  'import.field.rank': 'rank',
  'import.field.position': 'position',
  'import.field.unitCode': 'unit code',
  'import.field.serviceNumber': 'service number',
  'import.field.telegram': 'Telegram',
  'import.field.role': 'role',
  'import.field.leftOn': 'left on',
  'import.field.year': 'year',
  'import.field.title': 'title or commendation',
  'import.field.decisionNumber': 'decision number',
  'import.field.decisionDate': 'date',
  'import.field.issuingLevel': 'issuing level',
  'import.row.missing': (p: { field: string }) => `${p.field} missing`,
  'import.row.tooLong': (p: { field: string; max: number }) => `${p.field} too long (at most ${n(p.max)} characters)`,
  'import.row.badUnitCode': (p: { value: string }) =>
    `unit code «${p.value}» is not valid (letters without diacritics, digits, - and _, at most 32)`,
  'import.row.badDate': (p: { field: string; value: string }) =>
    `${p.field} «${p.value}» is not a date (write dd/mm/yyyy)`,
  'import.row.badTelegram': (p: { value: string }) => `Telegram «${p.value}» is neither an @username nor a numeric id`,
  'import.row.badRole': (p: { value: string }) => `role «${p.value}» is unclear (chỉ huy or cán bộ)`,
  'import.row.badYear': (p: { value: string }) => `year «${p.value}» is not valid`,
  'import.row.needPerson': 'needs a service number, or a full name with a unit code',
  'import.row.duplicateUnit': (p: { code: string; firstRow: number }) =>
    `unit code ${p.code} already on row ${n(p.firstRow)}`,
  'import.row.duplicateServiceNumber': (p: { serviceNumber: string; firstRow: number }) =>
    `service number ${p.serviceNumber} repeats row ${n(p.firstRow)}`,
  'import.row.duplicateAccount': (p: { account: string; firstRow: number }) =>
    `account ${p.account} repeats row ${n(p.firstRow)}`,
  'import.row.duplicatePerson': (p: { firstRow: number }) =>
    `same name and unit as row ${n(p.firstRow)} (add service numbers to tell them apart)`,
  'import.row.duplicateCommendation': (p: { firstRow: number }) => `repeats row ${n(p.firstRow)}`,
  'import.row.unknownUnit': (p: { code: string }) => `no unit with code ${p.code} (in the bot or the file)`,
  'import.row.parentCycle': (p: { codes: string }) => `parents go round in a circle: ${p.codes}`,
  'import.row.unknownPerson': 'this person is not on the roster',
  'import.row.ambiguousPerson': (p: { count: number }) =>
    `${n(p.count)} people with this name in the unit; give the service number`,
  'import.row.samePerson': (p: { firstRow: number }) => `the same person as row ${n(p.firstRow)}`,
  'import.row.accountTaken': (p: { account: string; name: string }) => `account ${p.account} is linked to ${p.name}`,
  'import.row.linkedElsewhere': (p: { name: string }) =>
    `${p.name} is linked to another account; a commander unlinks it first`,
  'roster.notAllowed': 'The roster is for the commanders of the unit (or a unit above it) and the admins.',
  'roster.personNotFound': 'This person is not on the roster.',
  'roster.ambiguous': 'Several people have this name; pick one:',
  'roster.personLeft': (p: { name: string }) => `${p.name} has left and cannot be linked.`,
  'roster.personLinked': (p: { name: string }) =>
    `${p.name || 'This person'} is linked to another account. A commander of the unit can link again if needed.`,
  'roster.accountLinked': (p: { name: string }) => `This account is linked to ${p.name}.`,
  'roster.youAreLinked': (p: { name: string }) => `Your account is linked to ${p.name}.`,
  'roster.requestPending': 'You already sent this request; it waits for a commander.',
  'roster.requestNotFound': 'This link request was not found.',
  'roster.requestDecided': 'This request was already handled.',
  'roster.notLinked': 'This person has no linked Telegram account.',
  'roster.week': (p: { from: string; to: string }) =>
    `👥 <b>Roster</b>, week ${formatShortDay(p.from)}–${formatShortDay(p.to)}:`,
  'roster.unitLine': (p: { code: string; name: string; silent: number; active: number }) =>
    `<b>${p.code}</b> ${p.name}: ${n(p.silent)}/${n(p.active)} have logged nothing`,
  'roster.personLine': (p: { name: string; link: string; last: string }) => `• ${p.name} · ${p.link} · ${p.last}`,
  'roster.link.linked': 'linked',
  'roster.link.pending': 'waiting to link',
  'roster.link.unlinked': 'not linked',
  'roster.lastEntry': (p: { day: string }) => `last entry ${formatDay(p.day)}`,
  'roster.noEntry': 'no entry yet',
  // The roster's chat side (issue 16): src/features/roster/roster-chat.ts.
  'roster.whoami': (p: { id: number; admin: boolean }) =>
    `🪪 Your Telegram id: <code>${p.id}</code>\n` +
    (p.admin
      ? 'You are already an admin of the bot (listed in ADMIN_IDS).'
      : 'To become an admin of the bot, add this number to <code>ADMIN_IDS</code> in the <code>.env</code> file (several numbers separated by commas) and restart the bot.'),
  'roster.privateOnly': 'This command works only in a private chat with the bot.',
  'chat.plainText': 'The bot takes commands starting with "/". Type /help to see the commands you may use.',
  'import.usage':
    'Send the roster file (.xlsx or .csv) in a private chat with the bot with the caption <code>/import</code>, or reply <code>/import</code> to the message carrying it. <code>/import template</code> sends the template; <code>/export roster</code> sends the current roster.',
  'import.downloadFailed':
    'Could not download the file from Telegram. Send it again in a few minutes; nothing was stored.',
  'import.apply': '✅ Apply',
  'import.applyMarkLeft': '✅ Apply, marking the missing as left',
  'import.cancel': '❌ Cancel',
  'import.templateCaption':
    'The roster template: three sheets, "Đơn vị", "Cán bộ" and "Khen thưởng", with two example rows each. Fill it in and send it back with the caption /import.',
  'roster.exportCaption': (p: { people: number; units: number }) =>
    `The roster: ${n(p.people)} people, ${n(p.units)} units. Edit it and send it back with the caption /import.`,
  'roster.unknownUnit': (p: { code: string }) => `There is no unit "${p.code}".`,
  'link.usage':
    'Reply <code>/link &lt;service number or full name&gt;</code> to an officer’s message to link their account to the roster.',
  'link.done': (p: { name: string }) => `🔗 The account is now linked to ${p.name}.`,
  'link.unchanged': (p: { name: string }) => `This account is already linked to ${p.name}; nothing changed.`,
  'invite.usage':
    'Type <code>/invite UNIT_CODE</code> (or <code>/invite</code> in the unit’s group) for a link that invites officers to link their accounts.',
  'invite.unknownUnit': (p: { code: string }) => `There is no unit "${p.code}". /unit list shows the codes.`,
  'invite.notCommander': (p: { unit: string }) =>
    `Only commanders of ${p.unit} (or above) and admins may invite officers into it.`,
  'invite.link': (p: { unit: string; link: string }) =>
    `Invitation link for ${p.unit}: ${p.link}\nOfficers open it, then type <code>/iam &lt;service number&gt;</code>; nothing is linked until a commander confirms.`,
  'invite.start': (p: { unit: string }) =>
    `You are invited into <b>${p.unit}</b>. Type <code>/iam &lt;service number&gt;</code> to ask a commander to confirm this Telegram account as yours.`,
  'invite.startLinked': (p: { name: string }) => `This account is already linked to ${p.name}.`,
  'iam.usage':
    'Type <code>/iam &lt;service number&gt;</code> in a private chat with the bot to ask to be linked to the roster.',
  'iam.sent': 'Your request went to the unit’s commanders. You will be told when it is confirmed.',
  'iam.noDecider': 'No commander or admin could receive the request; ask your commander to use /link.',
  'iam.card': (p: { asker: Html; name: string; unit: string }) =>
    `🙋 ${p.asker} asks to link their Telegram account to <b>${p.name}</b> (${p.unit}). Is this the right person?`,
  'iam.confirm': '✅ Right person',
  'iam.refuse': '❌ Not them',
  'iam.confirmed': (p: { name: string }) => `✅ The account is now linked to ${p.name}.`,
  'iam.refused': 'The link request was refused.',
  'iam.askerConfirmed': (p: { name: string }) => `✅ A commander confirmed: your account is linked to ${p.name}.`,
  'iam.askerRefused': 'A commander refused your link request.',
  // Issue 18 (lawcheck): the acts the year's rules cite since 2024.
  'year.act.circular-04-2024-bca': 'Circular No. 04/2024/TT-BCA of the Minister of Public Security',
  'year.act.circular-01-2024-bnv': 'Circular No. 01/2024/TT-BNV of the Minister of Home Affairs',
  // Issue 18, the year's gaps (helper yeargaps): /hoso's titles and chains, tied reviews, written votes, the place.
  'profile.titleProposed': (p: { title: string }) => `${p.title} (proposed, awaiting the decision)`,
  'profile.prospectsHeader': '\n<b>Higher titles they may be proposed for</b>',
  'profile.prospect': (p: { title: string; year: number; next: boolean; of: string; years: number; needed: number }) =>
    `• Eligible to be proposed for ${p.title} in ${p.year}${p.next ? ' (next year)' : ''}: ${p.years} consecutive years of ${p.of} (${p.needed} needed).`,
  'profile.prospectIf': (p: {
    title: string;
    year: number;
    next: boolean;
    of: string;
    years: number;
    needed: number;
  }) =>
    `• Eligible to be proposed for ${p.title} in ${p.year}${p.next ? ' (next year)' : ''} if they earn ${p.of} in ${p.year}: ${p.years} consecutive years so far (${p.needed} needed).`,
  'yearChat.tieNote': (p: { tied: number; seats: number }) =>
    `⚖️ ${p.tied} candidates are tied at the quota's last place (${p.seats} left): none of them is proposed by the count. The unit's commander or the emulation council settles it (a new vote among them, or a choice), then the title's decision records it.`,
  'paper.minutes.tieNote': (p: { tied: number; seats: number }) =>
    `${p.tied} candidates are tied at the quota's last place (${p.seats} left); none of them is proposed by the vote. The choice is for the head of the unit or the emulation council to make.`,
  'year.error.writtenCouncilOnly': "Paper ballots are entered for the emulation council's votes only.",
  'year.error.writtenCounts': (p: { ballots: number; candidates: number }) =>
    `The counts do not fit: exactly ${p.candidates} <code>yes/no</code> pairs are needed (one per candidate, in the ballot's order), each adding up to at most ${p.ballots} ballots, and each member once.`,
  'year.error.notCouncilVoter':
    'A number is not a council member since the vote opened (or no longer one): no ballot. See the numbers with /council list.',
  'year.error.writtenTwice': "(One of) these members' paper ballot was already entered.",
  'year.error.votedInChat': '(One of) these members already voted in chat; no paper ballot is added.',
  'year.error.votedInWriting': 'Your ballot was handed in on paper; it can no longer be cast in chat.',
  'yearChat.writtenUsage':
    "Usage (admins): <code>/council phieu &lt;title&gt; [year] &lt;members' numbers, comma-separated&gt; [comat] &lt;yes&gt;/&lt;no&gt; …</code>, one pair per candidate in the ballot's order, e.g. <code>/council phieu cstdcs 3,5 2/0 1/1</code>. Numbers as in <code>/council list</code>; add <code>comat</code> when the paper ballots were cast at the meeting (they count as present), otherwise they are written votes of absent members. Enter a meeting's paper ballots together, once opened, so nobody's vote can be told.",
  'yearChat.writtenRecorded': (p: { count: number; present: boolean; title: string; year: number; total: number }) =>
    `📝 Entered ${n(p.count)} ${p.present ? 'paper ballots cast at the meeting' : 'written votes sent from away'} into the council's vote on “${p.title}” ${p.year} (${n(p.total)} paper ballots in all). Only the sums are kept, never who voted how.`,
  'yearChat.writtenLine': (p: { present: number; absent: number }) =>
    `📝 Paper ballots: ${n(p.present)} cast at the meeting, ${n(p.absent)} sent in writing (not counted as present).`,
  'paper.minutes.writtenVote': 'sent a written vote',
  // The export's CSV left out when both files would pass the limit (lead).
  'export.csvLeftOut': (p: { megabytes: number }) =>
    `The CSV of this period is over the ${n(p.megabytes)} MB the bot can send, so only the XLSX (the same data) was sent. For a CSV, choose a shorter period or a unit below.`,
} satisfies Texts;
