/**
 * user_feedback: free-text feedback in English and Chinese, sent by active users (much more often
 * on a day they crashed), with rating, category and handling status.
 */

import type { DemoWorldPlan } from './demo-world.options';
import { FEEDBACK_CATEGORY, FEEDBACK_CHANNEL } from './demo-world.vocabulary';
import { APP_DISPLAY_NAMES, FEEDBACK_FEATURES, FEEDBACK_TEMPLATES } from './feedback-text.vocabulary';
import { exponentialSql, mapSql, pickSql, sqlList, sqlString, uniformSql } from './sql-random.helper';

const BRAND_DISPLAY = {
  en: { apple: 'iPhone', huawei: 'Huawei', xiaomi: 'Xiaomi', oppo: 'OPPO', vivo: 'vivo', honor: 'Honor', samsung: 'Samsung' },
  zh: { apple: '苹果', huawei: '华为', xiaomi: '小米', oppo: 'OPPO', vivo: 'vivo', honor: '荣耀', samsung: '三星' },
};

export function userFeedbackSql(plan: DemoWorldPlan): string {
  const u = (tag: string) => uniformSql(plan.seed, tag, 'cuid', 'event_day');
  const templates = `(CASE concat(feedback_category, '/', language) ${Object.entries(FEEDBACK_TEMPLATES)
    .flatMap(([category, t]) => [
      `WHEN ${sqlString(`${category}/en`)} THEN ${sqlList(t.en)}`,
      `WHEN ${sqlString(`${category}/zh`)} THEN ${sqlList(t.zh)}`,
    ])
    .join(' ')} END)`;
  const byLanguage = (en: string, zh: string) => `(CASE language WHEN 'en' THEN ${en} ELSE ${zh} END)`;
  const feature = byLanguage(
    `list_element(${sqlList(FEEDBACK_FEATURES.en)}, 1 + floor(r_feature * ${FEEDBACK_FEATURES.en.length})::INTEGER)`,
    `list_element(${sqlList(FEEDBACK_FEATURES.zh)}, 1 + floor(r_feature * ${FEEDBACK_FEATURES.zh.length})::INTEGER)`,
  );
  const brand = byLanguage(mapSql('device_brand', BRAND_DISPLAY.en, "'Android'"), mapSql('device_brand', BRAND_DISPLAY.zh, "'安卓'"));
  const app = byLanguage(mapSql('app_name', APP_DISPLAY_NAMES.en), mapSql('app_name', APP_DISPLAY_NAMES.zh));
  return `CREATE TEMP TABLE s_user_feedback AS
    WITH f AS (
      SELECT event_day, app_name, os, app_version, device_brand, province, city, age_group, gender, uid, cuid, crashes
      FROM s_user_activity_daily
      WHERE ${u('feedback')} < 0.01 + CASE WHEN crashes > 0 THEN 0.08 ELSE 0 END
    ), r AS (
      SELECT *, ${u('fb_category')} AS r_category, ${u('fb_topic')} AS r_topic, ${u('fb_channel')} AS r_channel, ${u('fb_language')} AS r_language,
             ${u('fb_rating')} AS r_rating, ${u('fb_template')} AS r_template, ${u('fb_feature')} AS r_feature,
             ${u('fb_resolved')} AS r_resolved, ${u('fb_hours')} AS r_hours, ${u('fb_replies')} AS r_replies
      FROM f
    ), c AS (
      SELECT *,
             CASE WHEN crashes > 0 AND r_category < 0.8 THEN 'crash' ELSE ${pickSql('r_topic', FEEDBACK_CATEGORY)} END AS feedback_category,
             ${pickSql('r_channel', FEEDBACK_CHANNEL)} AS feedback_channel,
             CASE WHEN r_language < CASE WHEN os = 'ios' THEN 0.35 ELSE 0.2 END THEN 'en' ELSE 'zh' END AS language
      FROM r
    ), t AS (
      SELECT *, list_element(${templates}, 1 + floor(r_template * 3)::INTEGER) AS template,
             r_resolved < CASE WHEN feedback_channel = 'in_app' THEN 0.7 ELSE 0.5 END AS is_resolved
      FROM c
    )
    -- Numbered within the day, so an id does not change when the window moves.
    SELECT ((event_day - DATE '1970-01-01') * 100000 + row_number() OVER (PARTITION BY event_day ORDER BY cuid))::BIGINT AS feedback_id,
           event_day, app_name, os, app_version, device_brand, province, city, age_group, gender, uid, cuid,
           feedback_channel, feedback_category, language,
           (CASE feedback_category
              WHEN 'praise' THEN 4 + (r_rating < 0.7)::INTEGER
              WHEN 'feature_request' THEN 3 + (r_rating < 0.5)::INTEGER
              WHEN 'ads' THEN 1 + (r_rating < 0.4)::INTEGER
              ELSE 1 + floor(r_rating * 3)::INTEGER END)::INTEGER AS rating,
           replace(replace(replace(replace(replace(template,
             '{feature}', ${feature}), '{brand}', ${brand}), '{version}', app_version), '{app}', ${app}),
             '{minutes}', CAST(2 + floor(r_hours * 9)::INTEGER AS VARCHAR)) AS feedback_text,
           is_resolved,
           CASE WHEN is_resolved THEN round(0.5 + ${exponentialSql('r_hours', 18)}, 1) END::DECIMAL(8, 1) AS handle_hours,
           (CASE WHEN is_resolved THEN 1 + floor(r_replies * 3) ELSE floor(r_replies * 2) END)::INTEGER AS reply_cnt
    FROM t
    ORDER BY event_day, app_name`;
}
