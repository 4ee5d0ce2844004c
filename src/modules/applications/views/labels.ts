import type { Locale, Translate } from '../../../platform/i18n/catalogue';
import { isCalendarDate } from '../../../platform/legal-dates';
import type { Procedure } from '../../procedures/types';
import { countryName } from '../../profile/countries';
import { formatIsoDate } from '../../profile/dates';
import { isDateField } from '../fields';
import { stepFields, type StepId } from '../steps';
import type { ApplicationStatus } from '../workflow';

/** The label of a field: a situation question of the catalogue, or a common field. */
export function fieldLabel(procedure: Procedure, field: string, t: Translate): string {
  if (procedure.questions.some((q) => q.id === field)) return t(`procedures.questions.${field}.label`);
  return t(`applications.fields.${field}`);
}

export function fieldLabels(procedure: Procedure, fields: string[], t: Translate): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, fieldLabel(procedure, f, t)]));
}

/** An answer as the person reads it: translated choices, country names, dates in words; anything unexpected as typed. */
export function displayAnswer(procedure: Procedure, field: string, value: string | null | undefined, t: Translate, locale: Locale): string {
  if (value === null || value === undefined || value.trim() === '') return t('applications.not_given');
  if (isDateField(procedure, field)) return isCalendarDate(value) ? formatIsoDate(value, locale) : value;
  if (field === 'nationality') return countryName(value, locale);
  const question = procedure.questions.find((q) => q.id === field);
  if (question?.type === 'yes_no' && (value === 'yes' || value === 'no')) return t(`applications.${value}`);
  if (question?.type === 'choice' && question.options?.includes(value)) return t(`procedures.options.${field}.${value}`);
  return value;
}

export const procedureTitle = (procedureId: string, t: Translate) => t(`procedures.titles.${procedureId}`);

export const formatDate = (iso: string, locale: Locale) => formatIsoDate(iso, locale);

export const formatDateTime = (at: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(at);

/** A sum in euros, in the reader's language. */
export const formatEuros = (cents: number, locale: Locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** DSFR badge colour of each status: action needed is a warning, a decision a success. */
export const statusBadge: Record<ApplicationStatus, string> = {
  draft: 'fr-badge--new',
  filed: 'fr-badge--info',
  incomplete: 'fr-badge--warning',
  under_review: 'fr-badge--info',
  decided: 'fr-badge--success',
  closed: '',
  withdrawn: '',
};

/** A step's title; the fee step is named after what it asks (fee, photo, or both). */
export function stepTitle(procedure: Procedure, step: StepId, t: Translate): string {
  if (step !== 'fee_photo') return t(`applications.steps.${step}.title`);
  const fields = stepFields(procedure, step);
  if (!fields.includes('ephoto')) return t('applications.steps.fee_photo.title_fee_only');
  if (!fields.includes('timbre')) return t('applications.steps.fee_photo.title_photo_only');
  return t('applications.steps.fee_photo.title');
}
