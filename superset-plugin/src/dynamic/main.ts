import ChatbiAskChartPlugin, { CHATBI_ASK_VIZ_TYPE } from '../plugin';

// Superset loads this bundle when /dynamic-plugins/api/read lists it under this key.
new ChatbiAskChartPlugin().configure({ key: CHATBI_ASK_VIZ_TYPE }).register();
