import { DateField } from '../../../web/components/date-field';
import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { ScrollTable } from '../../../web/components/table';
import { usePage } from '../../../web/page-context';
import { addDays, type CalendarDate } from '../../../platform/legal-dates';
import { formatIsoDate } from '../../profile/dates';
import type { DayAppointment } from '../load-handover';
import { formatCalendarDay, formatParisTime } from '../paris-time';
import { MAX_CAPACITY } from '../slot-series';

export interface DeskDayPageProps {
  day: CalendarDate;
  today: CalendarDate;
  appointments: DayAppointment[];
  upcoming: { day: string; slots: number; capacity: number; booked: number }[];
  /** Desk agents and their head open slots; case officers only look. */
  mayOpenSlots: boolean;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

/** `/bureau/rendez-vous`: one day of the prefecture's hand-over desk, and opening new slots. */
export function DeskDayPage(props: DeskDayPageProps) {
  const { t, locale } = usePage();
  const errors = props.errors ?? {};
  const dayLink = (day: CalendarDate) => `/bureau/rendez-vous?jour=${day}`;
  const people = props.appointments.reduce((n, a) => n + a.bookings.length, 0);
  const labels = { day: t('appointments.open.day'), from: t('appointments.open.from'), to: t('appointments.open.to'), every: t('appointments.open.every'), capacity: t('appointments.open.capacity') };
  return (
    <Layout title={t('appointments.desk.title')} hasErrors={Object.keys(errors).length > 0}>
      <h1>{t('appointments.desk.title')}</h1>
      <h2 id="desk-day">{formatCalendarDay(props.day, locale)}</h2>
      <nav aria-label={t('appointments.desk.day_nav')}>
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
          <li>
            <a class="fr-btn fr-btn--sm fr-btn--tertiary" href={dayLink(addDays(props.day, -1))}>
              {t('appointments.desk.previous_day')}
            </a>
          </li>
          {props.day !== props.today && (
            <li>
              <a class="fr-btn fr-btn--sm fr-btn--tertiary" href={dayLink(props.today)}>
                {t('appointments.desk.today')}
              </a>
            </li>
          )}
          <li>
            <a class="fr-btn fr-btn--sm fr-btn--tertiary" href={dayLink(addDays(props.day, 1))}>
              {t('appointments.desk.next_day')}
            </a>
          </li>
        </ul>
      </nav>
      {props.appointments.length === 0 ? (
        <p>{t('appointments.desk.no_slots')}</p>
      ) : (
        <>
          <p>{t('appointments.desk.count', { people, slots: props.appointments.length })}</p>
          <ScrollTable id="day-appointments" caption={t('appointments.desk.title')} headers={[t('appointments.desk.col_time'), t('appointments.desk.col_places'), t('appointments.desk.col_people')]}>
            {props.appointments.map(({ slot, bookings }) => (
              <tr>
                <td>{formatParisTime(slot.startsAt, locale)}</td>
                <td>{t('appointments.desk.places', { booked: slot.booked, capacity: slot.capacity })}</td>
                <td>
                  {bookings.length === 0 && t('appointments.desk.nobody')}
                  <ul class="fr-raw-list">
                    {bookings.map((b) => (
                      <li class="fr-mb-2w">
                        <strong>{[b.givenNames, b.surname?.toUpperCase()].filter(Boolean).join(' ') || t('appointments.desk.no_name')}</strong>
                        {b.birthDate && ` — ${t('appointments.desk.born', { date: formatIsoDate(b.birthDate, locale) })}`}
                        <br />
                        <a class="fr-link fr-text--sm" href={`/bureau/dossiers/${b.applicationId}/rendez-vous`}>
                          {b.reference}
                        </a>
                        <br />
                        {b.status === 'closed' ? (
                          <span class="fr-badge fr-badge--success fr-badge--sm">{t('appointments.desk.delivered')}</span>
                        ) : (
                          <PostForm action={`/bureau/dossiers/${b.applicationId}/rendez-vous/remise`}>
                            <input type="hidden" name="jour" value={props.day} />
                            <button type="submit" class="fr-btn fr-btn--sm fr-mt-1w">
                              {t('appointments.desk.mark_delivered')}
                              <span class="fr-sr-only"> {b.reference}</span>
                            </button>
                          </PostForm>
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </ScrollTable>
        </>
      )}

      {props.mayOpenSlots && (
        <section aria-labelledby="open-heading" class="fr-mt-6w">
          <h2 id="open-heading">{t('appointments.open.heading')}</h2>
          <p>{t('appointments.open.lead', { max: MAX_CAPACITY })}</p>
          <ErrorSummary errors={errors} labels={labels} />
          <div class="fr-grid-row">
            <div class="fr-col-12 fr-col-md-8">
              <PostForm action="/bureau/rendez-vous/creneaux">
                <DateField name="day" legend={labels.day} hint={t('appointments.open.day_hint')} values={props.values} errors={errors} />
                <TextField name="from" label={labels.from} hint={t('appointments.open.time_hint')} values={props.values} errors={errors} maxLength={5} inputMode="numeric" />
                <TextField name="to" label={labels.to} hint={t('appointments.open.to_hint')} values={props.values} errors={errors} maxLength={5} inputMode="numeric" required={false} />
                <TextField name="every" label={labels.every} hint={t('appointments.open.every_hint')} values={props.values} errors={errors} maxLength={3} inputMode="numeric" />
                <TextField name="capacity" label={labels.capacity} hint={t('appointments.open.capacity_hint')} values={props.values} errors={errors} maxLength={2} inputMode="numeric" />
                <SubmitButton label={t('appointments.open.submit')} />
              </PostForm>
            </div>
          </div>
        </section>
      )}

      <section aria-labelledby="upcoming-heading" class="fr-mt-6w">
        <h2 id="upcoming-heading">{t('appointments.desk.upcoming')}</h2>
        {props.upcoming.length === 0 ? (
          <p>{t('appointments.desk.no_upcoming')}</p>
        ) : (
          <ul>
            {props.upcoming.map((d) => (
              <li>
                <a href={dayLink(d.day)}>{formatCalendarDay(d.day, locale)}</a> — {t('appointments.desk.upcoming_line', { slots: d.slots, booked: d.booked, capacity: d.capacity })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
