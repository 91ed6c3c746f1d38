/**
 * video_play_daily: one row per viewer, day and video watched. Videos and their authors are not
 * stored anywhere else: a video's category, length, type and author follow from hashing its id.
 */

import type { DemoWorldPlan } from './demo-world.options';
import {
  AGE_SEGMENT_OF, CATEGORY_BY_AGE_SEGMENT, CATEGORY_MAX_DURATION, PLAY_ENTRANCE, VIDEO_CATEGORIES, type Weights,
} from './demo-world.vocabulary';
import { mapSql, pickByKeySql, pickSql, uniformSql } from './sql-random.helper';

export function categoryWeightsByAgeGroup(): Record<string, Weights> {
  return Object.fromEntries(Object.entries(AGE_SEGMENT_OF).map(([age, segment]) => [age, CATEGORY_BY_AGE_SEGMENT[segment]]));
}

export function videoPlayDailySql(plan: DemoWorldPlan): string {
  const { seed } = plan;
  const u = (tag: string) => uniformSql(seed, tag, 'u_key', 'day_key', 'k');
  const perVideo = (tag: string) => uniformSql(seed, tag, 'vid');
  const n = VIDEO_CATEGORIES.length;
  const categoryIndex = mapSql('video_category', Object.fromEntries(VIDEO_CATEGORIES.map((c, i) => [c, i])));
  const authorsPerCategory = Math.floor(plan.authors / n);
  return `CREATE TEMP TABLE s_video_play_daily AS
    WITH v AS (
      SELECT u_key, day_key, event_day, app_name, os, network, province, city, city_tier, region, age_group, gender,
             user_type, uid, cuid, intensity, unnest(range(n_videos)) AS k
      FROM w_activity
    ), r AS (
      SELECT *, ${u('category')} AS r_category, ${u('video')} AS r_video, ${u('replay')} AS r_replay,
             ${u('complete1')} AS r_c1, ${u('complete2')} AS r_c2, ${u('complete3')} AS r_c3, ${u('exit')} AS r_exit,
             ${u('partial')} AS r_partial, ${u('like')} AS r_like, ${u('comment')} AS r_comment, ${u('share')} AS r_share,
             ${u('favorite')} AS r_favorite, ${u('follow')} AS r_follow, ${u('not_interested')} AS r_not_interested,
             ${u('ad')} AS r_ad, ${u('ad_click')} AS r_ad_click, ${u('ad_price')} AS r_ad_price,
             ${u('entrance')} AS r_entrance, ${u('followed')} AS r_followed
      FROM v
    ), c AS (
      SELECT *, ${pickByKeySql('age_group', 'r_category', categoryWeightsByAgeGroup())} AS video_category,
             ${pickSql('r_entrance', PLAY_ENTRANCE)} AS play_entrance,
             1 + (r_replay < 0.12)::INTEGER + (r_replay < 0.03)::INTEGER AS vv
      FROM r
    ), vid AS (
      -- Popular videos have low numbers: r^3 piles picks up near zero.
      SELECT *, 1000000 + floor(${plan.videosPerCategory} * r_video * r_video * r_video)::BIGINT * ${n} + ${categoryIndex} AS vid
      FROM c
    ), meta AS (
      SELECT *,
             8 + floor(${perVideo('duration')} * ${perVideo('duration')} * (${mapSql('video_category', CATEGORY_MAX_DURATION)} - 8))::INTEGER AS video_duration_sec,
             500000 + ${categoryIndex} + ${n} * floor(${authorsPerCategory} * ${perVideo('author')} * ${perVideo('author')})::BIGINT AS author_id,
             CASE WHEN video_category = 'drama'
                  THEN ${pickSql(perVideo('content_type'), { short_drama: 80, pgc: 10, ugc: 10 })}
                  ELSE ${pickSql(perVideo('content_type'), { ugc: 78, pgc: 16, live_replay: 6 })} END AS content_type,
             play_entrance = 'follow' OR r_followed < 0.08 AS is_author_followed
      FROM vid
    ), p AS (
      SELECT *,
             CASE WHEN video_duration_sec < 60 THEN 'short' WHEN video_duration_sec <= 300 THEN 'medium' ELSE 'long' END AS video_duration_bucket,
             (CASE WHEN video_duration_sec < 60 THEN 0.55 WHEN video_duration_sec <= 300 THEN 0.3 ELSE 0.12 END)
               * (0.7 + 0.15 * intensity) AS p_complete
      FROM meta
    ), q AS (
      SELECT *,
             (r_c1 < p_complete)::INTEGER + (vv >= 2 AND r_c2 < p_complete)::INTEGER + (vv >= 3 AND r_c3 < p_complete)::INTEGER AS complete_vv
      FROM p
    ), w AS (
      SELECT *, greatest(complete_vv, vv - (r_exit < 0.12)::INTEGER) AS valid_vv,
             CASE WHEN play_entrance IN ('feed', 'hot_list') AND r_ad < 0.3 THEN vv ELSE 0 END AS ad_impressions
      FROM q
    )
    SELECT event_day, app_name, os, network, province, city, city_tier, region, age_group, gender, user_type,
           uid, cuid, vid, author_id, video_category, video_duration_bucket, content_type, play_entrance,
           is_author_followed, video_duration_sec,
           vv::INTEGER AS vv, complete_vv::INTEGER AS complete_vv, valid_vv::INTEGER AS valid_vv,
           (complete_vv * video_duration_sec
             + (valid_vv - complete_vv) * ceil(video_duration_sec * (0.1 + 0.6 * r_partial))
             + (vv - valid_vv))::INTEGER AS play_duration,
           (r_like < 0.04 + 0.06 * (complete_vv > 0)::INTEGER)::INTEGER AS likes,
           (r_comment < 0.015)::INTEGER AS comments,
           (r_share < 0.012)::INTEGER AS shares,
           (r_favorite < 0.02)::INTEGER AS favorites,
           (NOT is_author_followed AND r_follow < 0.008)::INTEGER AS follows,
           (r_not_interested < 0.012 AND r_like >= 0.1)::INTEGER AS not_interested,
           ad_impressions::INTEGER AS ad_impressions,
           (ad_impressions > 0 AND r_ad_click < 0.025)::INTEGER AS ad_clicks,
           round(ad_impressions * (0.015 + 0.05 * r_ad_price)
                 + (ad_impressions > 0 AND r_ad_click < 0.025)::INTEGER * (0.4 + 1.6 * r_ad_price), 4)::DECIMAL(12, 4) AS ad_revenue
    FROM w`;
}
