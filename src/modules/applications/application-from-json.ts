import { applications } from '../../db/schema';
import { rowFromJson } from '../../db/row-from-json';

/** An application row read as `to_jsonb(a)` by a raw statement, as drizzle would have returned it (`rowFromJson`). */
export const applicationFromJson = rowFromJson(applications);
