import { ErrorSummary, PostForm, type FieldErrors } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { Application } from '../../applications/policy';
import type { HandoverView, Slot } from '../load-handover';
import { formatParisDay, formatParisTime } from '../paris-time';
import { handoverStage } from './handover-status';

export interface BookingPageProps {
  app: Application;
  prefectureName: string | null;
  handover: HandoverView | null;
  slots: Slot[];
  errors?: FieldErrors | undefined;
  formError?: string | undefined;
}

/** Slots grouped by their Paris day, in order. */
function byDay(slots: Slot[], locale: string): [string, Slot[]][] {
  const groups = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = formatParisDay(s.startsAt, locale);
    groups.set(day, [...(groups.get(day) ?? []), s]);
  }
  return [...groups];
}

/** `/demarches/:id/rendez-vous`: the person books, or moves, the hand-over of their card. */
export function BookingPage(props: BookingPageProps) {
  const { t, locale } = usePage();
  const { app, handover } = props;
  const stage = handoverStage(app, handover);
  const errors = props.errors ?? {};
  const current = handover?.slot ?? null;
  const choices = props.slots.filter((s) => s.id !== current?.id);
  return (
    <Layout title={t('appointments.booking.title')} hasErrors={Object.keys(errors).length > 0 || Boolean(props.formError)}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/demarches/${app.id}`}>
          {t('appointments.booking.back')}
        </a>
      </p>
      <h1>{t('appointments.booking.title')}</h1>
      <p class="fr-text--lead">{t('appointments.booking.lead', { reference: app.reference ?? '', prefecture: props.prefectureName ?? '' })}</p>
      <ErrorSummary errors={errors} labels={{ slotId: t('appointments.booking.slot_legend') }} formError={props.formError} />
      {stage === 'delivered' && <p id="booking-state">{t('appointments.booking.delivered')}</p>}
      {(stage === 'not_granted' || stage === 'to_invite') && <p id="booking-state">{t('appointments.booking.not_yet')}</p>}
      {current && (
        <div class="fr-callout fr-mb-4w" id="booking-current">
          <h2 class="fr-callout__title">{t('appointments.booking.current_heading')}</h2>
          <p class="fr-callout__text">{t('appointments.booking.current', { day: formatParisDay(current.startsAt, locale), time: formatParisTime(current.startsAt, locale) })}</p>
          <p>{t('appointments.booking.bring')}</p>
        </div>
      )}
      {(stage === 'invited' || stage === 'booked') &&
        (choices.length === 0 ? (
          <p id="booking-none">{t('appointments.booking.no_slots')}</p>
        ) : (
          <PostForm action={`/demarches/${app.id}/rendez-vous`}>
            <div class={`fr-form-group${errors.slotId ? ' fr-fieldset--error' : ''}`} id="slotId">
              <p class="fr-text--bold">{current ? t('appointments.booking.change_legend') : t('appointments.booking.slot_legend')}</p>
              {byDay(choices, locale).map(([day, slots], d) => (
                <fieldset class="fr-fieldset" aria-labelledby={`jour-${d}`}>
                  <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`jour-${d}`}>
                    {day}
                  </legend>
                  {slots.map((s) => (
                    <div class="fr-fieldset__element fr-fieldset__element--inline">
                      <div class="fr-radio-group">
                        <input type="radio" id={`creneau-${s.id}`} name="slotId" value={s.id} />
                        <label class="fr-label" for={`creneau-${s.id}`}>
                          {formatParisTime(s.startsAt, locale)}
                          <span class="fr-hint-text">{t('appointments.booking.places_left', { count: s.capacity - s.booked })}</span>
                        </label>
                      </div>
                    </div>
                  ))}
                </fieldset>
              ))}
              {errors.slotId && <p class="fr-error-text">{t(errors.slotId.key)}</p>}
            </div>
            <button type="submit" class="fr-btn fr-mt-2w">
              {current ? t('appointments.booking.change_submit') : t('appointments.booking.submit')}
            </button>
          </PostForm>
        ))}
    </Layout>
  );
}
