import { ChartProps, supersetTheme } from '@superset-ui/core';
import transformProps from '../../src/plugin/transformProps';

function props(formData: Record<string, unknown>) {
  return new ChartProps({ theme: supersetTheme, width: 800, height: 600, formData: { datasource: '3__table', viz_type: 'chatbi_ask', ...formData }, queriesData: [{ data: [] }] });
}

describe('transformProps', () => {
  it('maps the snake_case controls (camelCased by Superset) to the panel props', () => {
    expect(
      transformProps(
        props({
          chatbi_connection: 'direct',
          chatbi_api_url: ' https://chatbi.example.com/ ',
          chatbi_api_token: ' secret ',
          session_mode: 'single',
          delta_colors: 'red-up',
        }),
      ),
    ).toEqual({
      width: 800,
      height: 600,
      connection: 'direct',
      apiUrl: 'https://chatbi.example.com',
      apiToken: 'secret',
      sessionMode: 'single',
      deltaColors: 'red-up',
    });
  });

  it('defaults to a direct same-origin conversation with green increases', () => {
    expect(transformProps(props({}))).toEqual({
      width: 800,
      height: 600,
      connection: 'direct',
      apiUrl: '',
      apiToken: '',
      sessionMode: 'conversation',
      deltaColors: 'green-up',
    });
  });

  it('uses /chatbi as the proxy path and never hands the token to the browser in proxy mode', () => {
    expect(transformProps(props({ chatbi_connection: 'superset', chatbi_api_token: 'secret' }))).toMatchObject({
      connection: 'superset',
      apiUrl: '/chatbi',
      apiToken: '',
    });
    expect(transformProps(props({ chatbi_connection: 'superset', chatbi_api_url: '/tools/chatbi/' })).apiUrl).toBe('/tools/chatbi');
  });

  it('falls back to the defaults for values it does not know', () => {
    expect(transformProps(props({ chatbi_connection: 'ftp', session_mode: 'forever', delta_colors: 'blue' }))).toMatchObject({
      connection: 'direct',
      sessionMode: 'conversation',
      deltaColors: 'green-up',
    });
  });
});
