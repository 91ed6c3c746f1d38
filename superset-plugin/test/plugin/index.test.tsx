import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ChartPlugin, SuperChart, ThemeProvider, getChartControlPanelRegistry, getChartMetadataRegistry, supersetTheme } from '@superset-ui/core';
import { ChatbiAskChartPlugin, CHATBI_ASK_VIZ_TYPE } from '../../src';
import { recordedAnswer } from '../helpers/fixtures';
import { ReplayServer } from '../helpers/replayServer';

describe('ChatbiAskChartPlugin', () => {
  let server: ReplayServer;

  beforeAll(async () => {
    server = await new ReplayServer().on('/api/ask', () => ({ status: 200, body: recordedAnswer('line') })).start();
    new ChatbiAskChartPlugin().configure({ key: CHATBI_ASK_VIZ_TYPE }).register();
  });

  afterAll(() => server.stop());

  it('is a ChartPlugin with metadata and a control panel for the connection and sessions', () => {
    const plugin = new ChatbiAskChartPlugin();
    expect(plugin).toBeInstanceOf(ChartPlugin);
    const metadata = getChartMetadataRegistry().get(CHATBI_ASK_VIZ_TYPE)!;
    expect(metadata.name).toBe('ChatBI Ask');
    expect(metadata.thumbnail).toBe('thumbnail.png');
    const panel = getChartControlPanelRegistry().get(CHATBI_ASK_VIZ_TYPE) as { controlPanelSections: { controlSetRows: { name: string; config: { renderTrigger?: boolean } }[][] }[] };
    const controls = panel.controlPanelSections.flatMap((s) => s.controlSetRows.flat());
    expect(controls.map((c) => c.name)).toEqual(['chatbi_connection', 'chatbi_api_url', 'chatbi_api_token', 'session_mode', 'delta_colors']);
    expect(controls.every((c) => c.config.renderTrigger)).toBe(true);
  });

  it('renders through SuperChart as Superset does, and answers a question', async () => {
    render(
      <ThemeProvider theme={supersetTheme}>
        <SuperChart
          chartType={CHATBI_ASK_VIZ_TYPE}
          width={800}
          height={600}
          formData={{ viz_type: CHATBI_ASK_VIZ_TYPE, datasource: '1__table', chatbi_api_url: server.url, session_mode: 'conversation' }}
          queriesData={[{ data: [{ column_name: 'event_day' }] }]}
        />
      </ThemeProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Question'), { target: { value: 'DAU of the main app over the last 7 days' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));
    await waitFor(() => expect(document.querySelectorAll('circle.point')).toHaveLength(7));
    expect(document.querySelector('.chatbi-ask-panel')!.getAttribute('width')).toBeNull();
    expect(server.asks()).toHaveLength(1);
  });
});
