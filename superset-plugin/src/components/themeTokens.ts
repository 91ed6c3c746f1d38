/**
 * The few theme values the panel uses, read from Superset's theme with fallbacks: Superset's theme
 * object changed shape across versions (gridUnit/colors before 5.0, antd tokens after), and the
 * standalone page may have none.
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
  colorPrimary?: string;
  colorText?: string;
  colorTextSecondary?: string;
  colorBorder?: string;
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
    unit: t.gridUnit ?? t.sizeUnit ?? 4,
    font: t.typography?.families?.sansSerif ?? t.fontFamily ?? "Inter, 'Helvetica Neue', Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif",
    fontSize: t.typography?.sizes?.m ?? 14,
    text: t.colors?.grayscale?.dark1 ?? t.colorText ?? '#323232',
    muted: t.colors?.grayscale?.base ?? t.colorTextSecondary ?? '#666666',
    border: t.colors?.grayscale?.light2 ?? t.colorBorder ?? '#e0e0e0',
    surface: t.colors?.grayscale?.light5 ?? '#ffffff',
    subtle: t.colors?.grayscale?.light4 ?? '#f7f7f7',
    primary: t.colors?.primary?.base ?? t.colorPrimary ?? '#20a7c9',
    errorText: t.colors?.error?.base ?? '#e04355',
    errorSurface: t.colors?.error?.light2 ?? '#fcebee',
  };
}
