import type { LevelRef, NominationAction, NominationOutcome, WaitingNomination } from '../../features/app/api-types';
import type { Answer } from '../api-client';
import { h } from '../dom';
import { confirmAction, telegramWebApp } from '../telegram';
import { text } from '../texts';
import { failureText, type PageContext } from '../ui';

const levelName = (levels: ReadonlyMap<string, LevelRef>, code: string) => levels.get(code)?.name ?? code;

function actionLabel(action: NominationAction, levels: ReadonlyMap<string, LevelRef>): string {
  if (action.kind === 'reject') return text('app.nominations.reject');
  const level = levels.get(action.level);
  const name = levelName(levels, action.level);
  if (action.kind === 'recommend') return text('app.nominations.recommend', { level: name });
  return level?.proposal
    ? text('app.nominations.propose', { level: name })
    : text('app.nominations.decide', { level: name });
}

function outcomeText(outcome: NominationOutcome, nominee: string, levels: ReadonlyMap<string, LevelRef>): string {
  if (outcome.status === 'approved') {
    const level = levelName(levels, outcome.level ?? '');
    const proposal = levels.get(outcome.level ?? '')?.proposal;
    return text(proposal ? 'app.nominations.proposed' : 'app.nominations.approved', { nominee, level });
  }
  if (outcome.status === 'rejected') return text('app.nominations.rejected', { nominee });
  return text('app.nominations.pending', { nominee });
}

/** The nominations waiting for the caller: decide at a level, recommend upward, or reject with a reason. */
export async function renderNominations(ctx: PageContext): Promise<void> {
  const answer = await ctx.api.nominations();
  if (!ctx.current()) return;
  if (!answer.ok) return ctx.fail(answer.error, () => void renderNominations(ctx));
  const { nominations, minReasonLength } = answer.value;
  const levels = new Map(answer.value.levels.map((level) => [level.code, level]));
  ctx.setWaiting(nominations.length);

  /** Sends one action; on success says what happened and redraws the list (the decided one leaves it). */
  async function act(nomination: WaitingNomination, send: () => Answer<NominationOutcome>, buttons: HTMLElement) {
    for (const button of buttons.querySelectorAll('button')) button.disabled = true;
    const result = await send();
    telegramWebApp()?.HapticFeedback?.notificationOccurred(result.ok ? 'success' : 'error');
    if (!result.ok) {
      if (result.error.status === 401) return ctx.fail(result.error, () => void renderNominations(ctx));
      ctx.toast(failureText(result.error));
    } else ctx.toast(outcomeText(result.value, nomination.nominee, levels));
    if (ctx.current()) await renderNominations(ctx);
  }

  function rejectForm(nomination: WaitingNomination, actions: HTMLElement): HTMLElement {
    const reason = h('textarea', { rows: 3, maxlength: 500, 'aria-label': text('app.nominations.reason') });
    const warning = h('p', { class: 'warning', role: 'alert' });
    const form = h(
      'form',
      {
        class: 'reject',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const why = reason.value.trim();
          if ([...why].length < minReasonLength) {
            warning.textContent = text('app.nominations.reasonTooShort');
            return;
          }
          void act(nomination, () => ctx.api.reject(nomination.id, why), form);
        },
      },
      h('label', null, text('app.nominations.reason'), reason),
      warning,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'danger' }, text('app.nominations.confirmReject')),
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => form.replaceWith(actions) },
          text('app.nominations.cancel'),
        ),
      ),
    );
    return form;
  }

  function card(nomination: WaitingNomination): HTMLElement {
    const actions = h('div', { class: 'actions' });
    for (const action of nomination.actions) {
      const label = actionLabel(action, levels);
      actions.append(
        h(
          'button',
          {
            type: 'button',
            class: action.kind === 'reject' ? 'danger' : action.kind === 'recommend' ? 'secondary' : '',
            'data-action': action.kind === 'reject' ? 'reject' : `${action.kind}:${action.level}`,
            onclick: async () => {
              if (action.kind === 'reject') return actions.replaceWith(rejectForm(nomination, actions));
              if (
                !(await confirmAction(text('app.nominations.confirm', { action: label, nominee: nomination.nominee })))
              )
                return;
              const send = action.kind === 'decide' ? ctx.api.decide : ctx.api.recommend;
              await act(nomination, () => send(nomination.id, action.level), actions);
            },
          },
          label,
        ),
      );
    }
    const cardLink = nomination.cardLink;
    return h(
      'article',
      { class: 'card nomination', 'data-nomination': nomination.id },
      h('b', null, nomination.nominee),
      h('span', { class: 'hint' }, ` · ${nomination.unit.name}`),
      h('p', { class: 'reason' }, nomination.reason),
      h('p', { class: 'hint' }, text('app.nominations.by', { name: nomination.nominator, day: nomination.day })),
      nomination.endorsements > 0 &&
        h('p', { class: 'hint' }, text('app.nominations.endorsements', { count: nomination.endorsements })),
      nomination.recommendations.map((recommendation) =>
        h(
          'p',
          { class: 'hint' },
          text('app.nominations.recommended', {
            by: recommendation.by,
            level: levelName(levels, recommendation.level),
          }),
        ),
      ),
      cardLink !== null &&
        h(
          'a',
          {
            class: 'hint card-link',
            href: cardLink,
            onclick: (event: Event) => {
              const webApp = telegramWebApp();
              if (!webApp?.openTelegramLink) return;
              event.preventDefault();
              webApp.openTelegramLink(cardLink);
            },
          },
          text('app.nominations.openCard'),
        ),
      actions,
    );
  }

  ctx.show(
    h('h1', null, text('app.nominations.heading')),
    nominations.length === 0
      ? h('p', { class: 'hint' }, text('app.nominations.empty'))
      : h('div', { class: 'list' }, nominations.map(card)),
  );
}
