import './translation';
import React from 'react';
import ReactDOM from 'react-dom';
import { SuperChart, ThemeProvider, supersetTheme } from '@superset-ui/core';
import ChatbiAskChartPlugin, { CHATBI_ASK_VIZ_TYPE } from '../plugin';
import type { ChatbiAskFormData } from '../types';

/**
 * The embedded app's page at /: the same chart plugin, registered and rendered through SuperChart
 * as Superset would, talking to the ChatBI API of the page's own origin unless data-api-url says
 * otherwise.
 */
const root = document.getElementById('chatbi-ask');
if (root) {
  new ChatbiAskChartPlugin().configure({ key: CHATBI_ASK_VIZ_TYPE }).register();
  const formData: ChatbiAskFormData = {
    viz_type: CHATBI_ASK_VIZ_TYPE,
    datasource: '0__table',
    chatbi_connection: 'direct',
    chatbi_api_url: root.dataset.apiUrl ?? '',
    chatbi_api_token: root.dataset.apiToken ?? '',
    session_mode: root.dataset.sessionMode === 'single' ? 'single' : 'conversation',
    delta_colors: root.dataset.deltaColors === 'red-up' ? 'red-up' : 'green-up',
  };
  ReactDOM.render(
    <ThemeProvider theme={supersetTheme}>
      <SuperChart chartType={CHATBI_ASK_VIZ_TYPE} width="100%" height="100%" formData={formData} queriesData={[{ data: [] }]} enableNoResults={false} />
    </ThemeProvider>,
    root,
  );
}
