import { z } from 'zod';
import { incidentStatuses } from '../../../db/schema';
import { incidentComponents } from './components';

const message = z.string().trim().min(1).max(2000);

/** Field names are distinct from the update forms' (`status`, `message`), which share the page. */
export const declareIncidentForm = z.object({
  title: z.string().trim().min(1).max(150),
  component: z.enum(incidentComponents, { error: 'validation.choose_option' }),
  impact: z.enum(['minor', 'major'], { error: 'validation.choose_option' }),
  firstMessage: message,
});

export const updateIncidentForm = z.object({
  status: z.enum(incidentStatuses, { error: 'validation.choose_option' }),
  message,
});
