import emotionStyled from '@emotion/styled';
import { panelTokens } from '../../src/components/themeTokens';
import { hostStyled } from '../../src/host/styled';
import { t } from '../../src/host/translate';
import controlPanel from '../../src/plugin/controlPanel';

/** What Superset 6.x publishes as window.superset once the user is known. */
function publishSuperset(api: unknown): void {
  (globalThis as { superset?: unknown }).superset = api;
}

describe('the Superset the panel runs in', () => {
  afterEach(() => publishSuperset(undefined));

  it('translates with window.superset.translation.t when Superset 6.x publishes it, with @superset-ui/core\'s t otherwise', () => {
    expect(t('Connection')).toBe('Connection');
    const calls: unknown[][] = [];
    publishSuperset({ translation: { t: (text: string, ...args: unknown[]) => (calls.push([text, ...args]), `«${text}»`) } });
    expect(t('Connection')).toBe('«Connection»');
    expect(calls).toEqual([['Connection']]);
  });

  it('styles with Superset 6.x\'s own emotion styled (its theme), with the bundled emotion otherwise', () => {
    expect(hostStyled()).toBe(emotionStyled);
    const supersetStyled = (() => undefined) as unknown as typeof emotionStyled;
    publishSuperset({ theme: { styled: supersetStyled } });
    expect(hostStyled()).toBe(supersetStyled);
  });

  it('reads the antd tokens of a Superset 6.x theme, including a dark one', () => {
    const dark = { sizeUnit: 4, fontFamily: 'Inter', fontSize: 14, colorText: '#f0f0f0', colorTextSecondary: '#a0a0a0', colorBorder: '#424242', colorBgContainer: '#141414', colorFillAlternate: '#1f1f1f', colorPrimary: '#2893b3', colorError: '#e04355', colorErrorBg: '#2c1618' };
    expect(panelTokens(dark)).toEqual({ unit: 4, font: 'Inter', fontSize: 14, text: '#f0f0f0', muted: '#a0a0a0', border: '#424242', surface: '#141414', subtle: '#1f1f1f', primary: '#2893b3', errorText: '#e04355', errorSurface: '#2c1618' });
  });
});

describe('controlPanel', () => {
  const [connection, appearance] = controlPanel.controlPanelSections as { label: string; tabOverride?: string; controlSetRows: { name: string; config: { visibility?: (p: unknown) => boolean } }[][] }[];

  it('puts the connection on the Data tab, though its controls only re-render, and the colours on Customize', () => {
    expect(connection.tabOverride).toBe('data');
    expect(appearance.tabOverride).toBeUndefined();
    expect(appearance.controlSetRows.flat().map((c) => c.name)).toEqual(['delta_colors']);
  });

  it('shows the API token only for direct calls', () => {
    const token = connection.controlSetRows.flat().find((c) => c.name === 'chatbi_api_token')!;
    const visible = (value: string) => token.config.visibility!({ controls: { chatbi_connection: { value } } });
    expect(visible('direct')).toBe(true);
    expect(visible('superset')).toBe(false);
  });
});
