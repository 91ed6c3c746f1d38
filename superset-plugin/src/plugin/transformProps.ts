import type { ChartProps } from '@superset-ui/core';
import { normalizeBaseUrl } from '../api/ChatbiClient';
import type { ChatbiAskPanelProps } from '../types';

export const DEFAULT_PROXY_PATH = '/chatbi';

interface CamelFormData {
  chatbiConnection?: string;
  chatbiApiUrl?: string;
  chatbiApiToken?: string;
  sessionMode?: string;
  deltaColors?: string;
}

/**
 * Turns Superset's chart props into the panel's props. Superset hands formData over camelCased
 * (chatbi_api_url becomes chatbiApiUrl); unknown or missing settings fall back to the defaults.
 */
export default function transformProps(chartProps: ChartProps): ChatbiAskPanelProps {
  const { width, height } = chartProps;
  const formData = chartProps.formData as CamelFormData;
  const connection = formData.chatbiConnection === 'superset' ? 'superset' : 'direct';
  const apiUrl = normalizeBaseUrl(formData.chatbiApiUrl);
  return {
    width,
    height,
    connection,
    apiUrl: connection === 'superset' ? apiUrl || DEFAULT_PROXY_PATH : apiUrl,
    apiToken: connection === 'direct' ? (formData.chatbiApiToken ?? '').trim() : '',
    sessionMode: formData.sessionMode === 'single' ? 'single' : 'conversation',
    deltaColors: formData.deltaColors === 'red-up' ? 'red-up' : 'green-up',
  };
}
