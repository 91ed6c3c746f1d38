import React, { type ReactNode } from 'react';
import { hostStyled } from '../host/styled';
import { panelTokens } from './themeTokens';

const createRoot = (styled: ReturnType<typeof hostStyled>) =>
  styled('div', { shouldForwardProp: (prop) => prop !== 'width' && prop !== 'height' })<{ width: number; height: number }>(({ theme, width, height }) => {
  const k = panelTokens(theme);
  const u = k.unit;
  return `
    box-sizing: border-box;
    width: ${width}px;
    height: ${height}px;
    display: flex;
    flex-direction: column;
    font-family: ${k.font};
    font-size: ${k.fontSize}px;
    color: ${k.text};
    background: ${k.surface};
    * { box-sizing: border-box; }

    .panel-header { display: flex; align-items: center; gap: ${2 * u}px; padding: ${2 * u}px ${3 * u}px; border-bottom: 1px solid ${k.border}; }
    .panel-header h2 { font-size: ${k.fontSize + 2}px; margin: 0; font-weight: 600; }
    .panel-header .mode { color: ${k.muted}; font-size: ${k.fontSize - 2}px; flex: 1; }

    .conversation { flex: 1; overflow-y: auto; padding: ${3 * u}px; display: flex; flex-direction: column; gap: ${4 * u}px; }
    .empty { color: ${k.muted}; }
    .empty p { margin: 0 0 ${2 * u}px; }
    .examples { display: flex; flex-wrap: wrap; gap: ${2 * u}px; }

    button { font: inherit; cursor: pointer; border-radius: ${u}px; border: 1px solid ${k.border}; background: ${k.surface}; color: ${k.text}; padding: ${u}px ${3 * u}px; }
    button:hover:not(:disabled) { border-color: ${k.primary}; color: ${k.primary}; }
    button:disabled { cursor: default; opacity: 0.55; }
    button.primary { background: ${k.primary}; border-color: ${k.primary}; color: #fff; }
    button.primary:hover:not(:disabled) { color: #fff; filter: brightness(0.95); }
    button[aria-pressed='true'] { border-color: ${k.primary}; color: ${k.primary}; font-weight: 600; }

    .turn { border: 1px solid ${k.border}; border-radius: ${2 * u}px; padding: ${3 * u}px; display: flex; flex-direction: column; gap: ${2 * u}px; }
    .turn .question { font-weight: 600; font-size: ${k.fontSize + 1}px; }
    .turn .resolved { margin: 0; color: ${k.muted}; }
    .turn .resolved q { color: ${k.text}; }
    .turn .meta { margin: 0; color: ${k.muted}; font-size: ${k.fontSize - 2}px; }
    .turn .meta code { color: ${k.text}; }
    .turn .warnings { margin: 0; padding-left: ${5 * u}px; color: #b07d00; font-size: ${k.fontSize - 2}px; }
    .turn .semantic-summary { margin: 0; padding-left: ${5 * u}px; color: ${k.text}; font-size: ${k.fontSize - 2}px; }
    .semantic-progress { margin: 0; color: ${k.muted}; font-size: ${k.fontSize - 2}px; font-variant-numeric: tabular-nums; }

    .running { display: flex; align-items: center; gap: ${2 * u}px; color: ${k.muted}; }
    .spinner { width: ${4 * u}px; height: ${4 * u}px; border: 2px solid ${k.border}; border-top-color: ${k.primary}; border-radius: 50%; animation: chatbi-spin 0.8s linear infinite; }
    @keyframes chatbi-spin { to { transform: rotate(360deg); } }

    .error { background: ${k.errorSurface}; color: ${k.text}; border-left: 3px solid ${k.errorText}; padding: ${2 * u}px ${3 * u}px; border-radius: ${u}px; }
    .error .code { color: ${k.errorText}; font-weight: 600; margin-right: ${2 * u}px; font-family: monospace; }

    .chart svg { display: block; overflow: visible; }
    .chart .axis text { fill: ${k.muted}; font-size: 11px; }
    .chart .grid line { stroke: ${k.border}; }
    .legend { display: flex; flex-wrap: wrap; gap: ${3 * u}px; list-style: none; margin: ${u}px 0 0; padding: 0; font-size: ${k.fontSize - 2}px; color: ${k.muted}; }
    .legend .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: ${u}px; }

    .big-numbers { display: flex; flex-wrap: wrap; gap: ${6 * u}px; }
    .big-number .label { color: ${k.muted}; }
    .big-number .value { font-size: ${k.fontSize * 2.4}px; font-weight: 600; line-height: 1.2; }
    .deltas { display: flex; flex-wrap: wrap; gap: ${2 * u}px; margin-top: ${u}px; }
    .delta { font-weight: 600; padding: 2px ${2 * u}px; border-radius: ${u}px; background: ${k.subtle}; }
    .delta .period { font-weight: 400; color: ${k.muted}; margin-right: ${u}px; }

    .table-wrap { max-height: 260px; overflow: auto; border: 1px solid ${k.border}; border-radius: ${u}px; }
    table { border-collapse: collapse; width: 100%; font-size: ${k.fontSize - 1}px; }
    th, td { padding: ${u}px ${2 * u}px; border-bottom: 1px solid ${k.border}; text-align: left; white-space: nowrap; }
    th { position: sticky; top: 0; background: ${k.subtle}; font-weight: 600; }
    td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
    .table-note { color: ${k.muted}; font-size: ${k.fontSize - 2}px; margin: ${u}px 0 0; }

    details.sql summary { cursor: pointer; color: ${k.muted}; }
    details.sql pre { background: ${k.subtle}; border: 1px solid ${k.border}; border-radius: ${u}px; padding: ${2 * u}px; overflow-x: auto; font-size: ${k.fontSize - 2}px; margin: ${u}px 0; }
    details.sql .params { color: ${k.muted}; font-size: ${k.fontSize - 2}px; font-family: monospace; margin: 0; }

    .answer-tools, .chart-kinds { display: flex; flex-wrap: wrap; align-items: center; gap: ${u}px; }
    .answer-tools { justify-content: space-between; }
    .answer-tools button { padding: 2px ${2 * u}px; font-size: ${k.fontSize - 1}px; }
    .chart-note, .series-total { margin: 0; color: ${k.muted}; font-size: ${k.fontSize - 2}px; }
    .series-total strong { color: ${k.text}; font-variant-numeric: tabular-nums; }
    .sql-tools { display: flex; align-items: center; gap: ${2 * u}px; margin-top: ${u}px; }
    .sql-tools a { color: ${k.primary}; font-size: ${k.fontSize - 1}px; }
    .sql-tools button { padding: 2px ${2 * u}px; font-size: ${k.fontSize - 1}px; }
    .clarify { display: flex; flex-wrap: wrap; align-items: center; gap: ${2 * u}px; }
    .clarify p { margin: 0; color: ${k.muted}; }
    .clarify .choice { display: flex; flex-direction: column; align-items: flex-start; text-align: left; }
    .clarify .choice .where { color: ${k.muted}; font-size: ${k.fontSize - 2}px; }

    .history { border-bottom: 1px solid ${k.border}; padding: ${2 * u}px ${3 * u}px; max-height: 40%; overflow-y: auto; display: flex; flex-direction: column; gap: ${2 * u}px; }
    .history input { font: inherit; padding: ${u}px ${2 * u}px; border: 1px solid ${k.border}; border-radius: ${u}px; }
    .history ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: ${u}px; }
    .history .past { width: 100%; display: flex; justify-content: space-between; gap: ${2 * u}px; text-align: left; }
    .history .past[aria-current='true'] { border-color: ${k.primary}; }
    .history .past .when { color: ${k.muted}; font-size: ${k.fontSize - 2}px; white-space: nowrap; }

    .feedback { display: flex; align-items: center; gap: ${2 * u}px; color: ${k.muted}; font-size: ${k.fontSize - 1}px; }
    .feedback button { padding: 2px ${2 * u}px; }

    form.ask { display: flex; gap: ${2 * u}px; padding: ${2 * u}px ${3 * u}px; border-top: 1px solid ${k.border}; }
    form.ask input { flex: 1; font: inherit; padding: ${2 * u}px; border: 1px solid ${k.border}; border-radius: ${u}px; min-width: 0; }
    form.ask input:focus { outline: none; border-color: ${k.primary}; }
  `;
  });

let root: { styled: ReturnType<typeof hostStyled>; Root: ReturnType<typeof createRoot> } | undefined;

/** The root styled with the host's `styled`, which Superset 6.x publishes only once the user is known. */
function rootComponent() {
  const styled = hostStyled();
  if (root?.styled !== styled) root = { styled, Root: createRoot(styled) };
  return root.Root;
}

/** The panel's root element, carrying all of its styles (as Superset's plugin template does). */
export function PanelStyles({ width, height, className, children }: { width: number; height: number; className?: string; children: ReactNode }) {
  const Root = rootComponent();
  return (
    <Root width={width} height={height} className={className}>
      {children}
    </Root>
  );
}
