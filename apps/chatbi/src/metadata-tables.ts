import { AUDIT_ENTITIES, AUDIT_MIGRATIONS } from '@chatbi/audit';
import { AUTH_ENTITIES, AUTH_MIGRATIONS } from '@chatbi/auth';
import { DIALOGUE_ENTITIES, DIALOGUE_MIGRATIONS } from '@chatbi/dialogue';
import { VIEW_ADVISOR_ENTITIES, VIEW_ADVISOR_MIGRATIONS } from '@chatbi/view-advisor';

/** Every table of the metadata database besides the catalog's (which catalogDataSourceOptions adds), in both modes. */
export const METADATA_ENTITIES = [...VIEW_ADVISOR_ENTITIES, ...DIALOGUE_ENTITIES, ...AUTH_ENTITIES, ...AUDIT_ENTITIES];

/** Their PostgreSQL migrations. */
export const METADATA_MIGRATIONS = [...VIEW_ADVISOR_MIGRATIONS, ...DIALOGUE_MIGRATIONS, ...AUTH_MIGRATIONS, ...AUDIT_MIGRATIONS];
