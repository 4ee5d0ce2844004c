import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/** A prefecture: the State office competent for the people living in its département(s). */
export const prefectures = pgTable('prefectures', {
  /** INSEE code of its main département, e.g. `75`, `2A`, `971`. */
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  town: text('town').notNull(),
  /** Working days the office has to answer a message from an applicant (`modules/messaging`). */
  replyDeadlineWorkingDays: integer('reply_deadline_working_days').notNull().default(5),
});
