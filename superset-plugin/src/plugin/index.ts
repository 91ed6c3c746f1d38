import { ChartMetadata, ChartPlugin } from '@superset-ui/core';
import { t } from '../host/translate';
import thumbnail from '../images/thumbnail.png';
import buildQuery from './buildQuery';
import controlPanel from './controlPanel';
import transformProps from './transformProps';

/** The key Superset and the embedded page register the panel under. */
export const CHATBI_ASK_VIZ_TYPE = 'chatbi_ask';

export default class ChatbiAskChartPlugin extends ChartPlugin {
  /**
   * Register with the key CHATBI_ASK_VIZ_TYPE, for example in Superset's MainPreset:
   *   new ChatbiAskChartPlugin().configure({ key: CHATBI_ASK_VIZ_TYPE })
   */
  constructor() {
    const metadata = new ChartMetadata({
      name: t('ChatBI Ask'),
      description: t(
        'Ask business questions in English or Chinese and get the SQL, a table and a chart back from ChatBI. Follow-up questions build on earlier ones.',
      ),
      category: t('Tools'),
      tags: [t('Text'), t('Report'), t('ChatBI')],
      credits: ['ChatBI'],
      thumbnail,
    });

    super({
      buildQuery,
      controlPanel,
      loadChart: () => import('../ChatbiAskPanel'),
      metadata,
      transformProps,
    });
  }
}
