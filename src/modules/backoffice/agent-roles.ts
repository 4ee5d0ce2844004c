import type { Role } from '../../db/schema';

/**
 * Who works where, as data (deny by default: a role not listed here sees nothing of an area).
 * Prefecture agents belong to one prefecture (`users.prefecture_code`) and see only its files;
 * support agents and administrators are national.
 */
export const prefectureRoles = ['case_officer', 'head_of_office', 'desk_agent'] as const satisfies readonly Role[];
export const agentRoles = [...prefectureRoles, 'support_agent', 'admin'] as const satisfies readonly Role[];

/** The areas of the agents' side of Sésame and the roles admitted to each. */
export const areaRoles = {
  /** `/bureau`: the prefecture's queue and case views. */
  office: prefectureRoles,
  /** `/bureau/messages`, each file's thread and `/bureau/signalements` (requests for help routed to the prefecture): who answers people. */
  messages: ['case_officer', 'head_of_office'],
  /** `/bureau/tableau-de-bord`: backlog, deadlines, workloads, reassignment. */
  headOfOffice: ['head_of_office'],
  /** `/bureau/rendez-vous`: opening card hand-over slots (the desk and its head). */
  appointments: ['desk_agent', 'head_of_office'],
  /** `/bureau/guichet`: filing at the counter for a person who cannot do it online. */
  counter: ['desk_agent', 'head_of_office'],
  /** `/support`: the national contact centre. */
  support: ['support_agent'],
  /** `/administration`: agent accounts (invitations). */
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const isAgentRole = (role: string): boolean => (agentRoles as readonly string[]).includes(role);
export const isPrefectureRole = (role: string): boolean => (prefectureRoles as readonly string[]).includes(role);

/** Where each agent's work starts: the header links there. */
export function agentHomePath(role: string): string | null {
  if (isPrefectureRole(role)) return '/bureau';
  if (role === 'support_agent') return '/support';
  if (role === 'admin') return '/administration';
  return null;
}
