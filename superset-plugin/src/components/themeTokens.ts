/**
 * The few theme values the panel uses, read from Superset's theme with fallbacks: Superset's theme
 * object changed shape across versions (gridUnit/colors before 5.0, antd tokens after, which also
 * follow a dark theme), and the standalone page may have none.
 */
export interface PanelTokens {
  unit: number;
  font: string;
  fontSize: number;
  text: string;
  muted: string;
  border: string;
  surface: string;
  subtle: string;
  primary: string;
  errorText: string;
  errorSurface: string;
}

type LooseTheme = {
  gridUnit?: number;
  sizeUnit?: number;
  fontFamily?: string;
  fontSize?: number;
  colorPrimary?: string;
  colorText?: string;
  colorTextSecondary?: string;
  colorBorder?: string;
  colorBgContainer?: string;
  colorFillAlternate?: string;
  colorError?: string;
  colorErrorBg?: string;
  typography?: { families?: { sansSerif?: string }; sizes?: { m?: number } };
  colors?: {
    primary?: { base?: string };
    grayscale?: { dark1?: string; base?: string; light2?: string; light4?: string; light5?: string };
    error?: { base?: string; light2?: string };
  };
};

export function panelTokens(theme: unknown): PanelTokens {
  const t = (theme ?? {}) as LooseTheme;
  return {
    unit: t.sizeUnit ?? t.gridUnit ?? 4,
    font: t.fontFamily ?? t.typography?.families?.sansSerif ?? "Inter, 'Helvetica Neue', Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif",
    fontSize: t.fontSize ?? t.typography?.sizes?.m ?? 14,
    text: t.colorText ?? t.colors?.grayscale?.dark1 ?? '#323232',
    muted: t.colorTextSecondary ?? t.colors?.grayscale?.base ?? '#666666',
    border: t.colorBorder ?? t.colors?.grayscale?.light2 ?? '#e0e0e0',
    surface: t.colorBgContainer ?? t.colors?.grayscale?.light5 ?? '#ffffff',
    subtle: t.colorFillAlternate ?? t.colors?.grayscale?.light4 ?? '#f7f7f7',
    primary: t.colorPrimary ?? t.colors?.primary?.base ?? '#20a7c9',
    errorText: t.colorError ?? t.colors?.error?.base ?? '#e04355',
    errorSurface: t.colorErrorBg ?? t.colors?.error?.light2 ?? '#fcebee',
  };
}
