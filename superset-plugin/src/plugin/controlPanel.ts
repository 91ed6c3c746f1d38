import { t } from '../host/translate';
import type { ControlPanelConfig } from '@superset-ui/chart-controls';

/**
 * Settings of the Ask panel. All of them only change how the panel talks to ChatBI, so they
 * re-render the chart (renderTrigger) without a new query to Superset. Superset puts a section
 * whose controls all re-render on the Customize tab; the connection belongs on the Data tab.
 */
const config: ControlPanelConfig = {
  controlPanelSections: [
    {
      label: t('ChatBI'),
      expanded: true,
      tabOverride: 'data',
      controlSetRows: [
        [
          {
            name: 'chatbi_connection',
            config: {
              type: 'SelectControl',
              label: t('Connection'),
              default: 'direct',
              clearable: false,
              renderTrigger: true,
              choices: [
                ['direct', t('Call the ChatBI API directly (CORS)')],
                ['superset', t('Through a Superset proxy (same origin)')],
              ],
              description: t(
                'Direct: the browser calls ChatBI, which must allow Superset\'s origin (CHATBI_CORS_ORIGINS) and be listed in connect-src of TALISMAN_CONFIG. Proxy: the browser calls a blueprint on Superset, which forwards to ChatBI.',
              ),
            },
          },
        ],
        [
          {
            name: 'chatbi_api_url',
            config: {
              type: 'TextControl',
              label: t('ChatBI API URL'),
              default: '',
              renderTrigger: true,
              description: t('Direct: ChatBI\'s base URL, e.g. https://chatbi.example.com. Proxy: the blueprint\'s path on Superset, /chatbi by default.'),
            },
          },
        ],
        [
          {
            name: 'chatbi_api_token',
            config: {
              type: 'TextControl',
              label: t('API token'),
              default: '',
              renderTrigger: true,
              description: t(
                'Direct only: sent as "Authorization: Bearer <token>". Everyone who can open this chart can read it; keep real secrets in the proxy.',
              ),
              visibility: ({ controls }) => controls?.chatbi_connection?.value !== 'superset',
            },
          },
        ],
        [
          {
            name: 'session_mode',
            config: {
              type: 'SelectControl',
              label: t('Sessions'),
              default: 'conversation',
              clearable: false,
              renderTrigger: true,
              choices: [
                ['conversation', t('Conversation: follow-ups build on earlier questions')],
                ['single', t('Single questions: each stands alone')],
              ],
              description: t('In a conversation "what about the lite app?" reuses the metric and time of the question before.'),
            },
          },
        ],
      ],
    },
    {
      label: t('Appearance'),
      expanded: true,
      controlSetRows: [
        [
          {
            name: 'delta_colors',
            config: {
              type: 'SelectControl',
              label: t('Colour of changes'),
              default: 'green-up',
              clearable: false,
              renderTrigger: true,
              choices: [
                ['green-up', t('Increases green, decreases red')],
                ['red-up', t('Increases red, decreases green')],
              ],
            },
          },
        ],
      ],
    },
  ],
};

export default config;
