import type { QueryFormData } from '@superset-ui/core';
import type { DeltaColors } from './chart/palette';

export type { DeltaColors };

/** direct: the browser calls ChatBI (CORS). superset: through a same-origin proxy blueprint in Superset. */
export type ChatbiConnection = 'direct' | 'superset';

/** conversation: follow-ups build on earlier questions. single: every question stands alone. */
export type SessionMode = 'conversation' | 'single';

/** The chart's settings as Superset stores them (snake_case control names). */
export interface ChatbiAskFormData extends QueryFormData {
  chatbi_connection?: ChatbiConnection;
  chatbi_api_url?: string;
  chatbi_api_token?: string;
  session_mode?: SessionMode;
  delta_colors?: DeltaColors;
}

/** What transformProps hands the panel. */
export interface ChatbiAskPanelProps {
  width: number;
  height: number;
  connection: ChatbiConnection;
  /** direct: ChatBI's base URL ('' for the page's own origin). superset: the proxy's path, e.g. /chatbi. */
  apiUrl: string;
  apiToken: string;
  sessionMode: SessionMode;
  deltaColors: DeltaColors;
}
