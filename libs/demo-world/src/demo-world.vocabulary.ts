/**
 * The values the demo world draws from, with the weights that shape it. The catalog YAML lists the
 * same values with their aliases; the spec checks that every enum value occurs in generated data.
 * Weights are relative (they need not add up to 1).
 */

export type Weights = Readonly<Record<string, number>>;

export const APP_NAMES = ['main', 'lite', 'large_font', 'white_label'] as const;
export type AppName = (typeof APP_NAMES)[number];

export const APP_SHARE: Record<AppName, number> = { main: 55, lite: 27, large_font: 12, white_label: 6 };

/** Activity multiplier on Friday and on weekends: short video is a leisure product, seniors less so. */
export const APP_WEEK_SHAPE: Record<AppName, { friday: number; weekend: number }> = {
  main: { friday: 1.06, weekend: 1.3 },
  lite: { friday: 1.05, weekend: 1.22 },
  large_font: { friday: 1.02, weekend: 1.08 },
  white_label: { friday: 1.04, weekend: 1.14 },
};

export const OS_BY_APP: Record<AppName, Weights> = {
  main: { ios: 32, android: 53, harmony: 15 },
  lite: { ios: 12, android: 70, harmony: 18 },
  large_font: { ios: 14, android: 62, harmony: 24 },
  // The white-label app ships preinstalled on partner Android phones only.
  white_label: { android: 82, harmony: 18 },
};

export const OS_VERSION_BY_OS: Record<string, Weights> = {
  ios: { 'iOS 16': 15, 'iOS 17': 35, 'iOS 18': 50 },
  android: { 'Android 11': 12, 'Android 12': 18, 'Android 13': 30, 'Android 14': 40 },
  harmony: { 'HarmonyOS 3': 20, 'HarmonyOS 4': 55, 'HarmonyOS NEXT': 25 },
};

export const BRAND_BY_OS: Record<string, Weights> = {
  ios: { apple: 1 },
  harmony: { huawei: 1 },
  android: { xiaomi: 26, oppo: 20, vivo: 20, honor: 14, samsung: 6, huawei: 4, other: 10 },
};

export const DEVICE_TIER_BY_OS: Record<string, Weights> = {
  ios: { high: 65, mid: 35 },
  android: { high: 20, mid: 45, low: 35 },
  harmony: { high: 40, mid: 45, low: 15 },
};

export const CITY_TIERS = ['tier1', 'new_tier1', 'tier2', 'tier3', 'tier4_plus'] as const;
export type CityTier = (typeof CITY_TIERS)[number];

export interface City {
  city: string;
  province: string;
  tier: CityTier;
  region: string;
  weight: number;
}

export const CITIES: readonly City[] = [
  { city: 'beijing', province: 'beijing', tier: 'tier1', region: 'north', weight: 8 },
  { city: 'shanghai', province: 'shanghai', tier: 'tier1', region: 'east', weight: 8 },
  { city: 'guangzhou', province: 'guangdong', tier: 'tier1', region: 'south', weight: 7 },
  { city: 'shenzhen', province: 'guangdong', tier: 'tier1', region: 'south', weight: 6.5 },
  { city: 'tianjin', province: 'tianjin', tier: 'new_tier1', region: 'north', weight: 4 },
  { city: 'chongqing', province: 'chongqing', tier: 'new_tier1', region: 'southwest', weight: 5.5 },
  { city: 'chengdu', province: 'sichuan', tier: 'new_tier1', region: 'southwest', weight: 5.5 },
  { city: 'hangzhou', province: 'zhejiang', tier: 'new_tier1', region: 'east', weight: 4.5 },
  { city: 'wuhan', province: 'hubei', tier: 'new_tier1', region: 'central', weight: 4.5 },
  { city: 'nanjing', province: 'jiangsu', tier: 'new_tier1', region: 'east', weight: 3.5 },
  { city: 'suzhou', province: 'jiangsu', tier: 'new_tier1', region: 'east', weight: 3.5 },
  { city: 'xian', province: 'shaanxi', tier: 'new_tier1', region: 'northwest', weight: 3.5 },
  { city: 'changsha', province: 'hunan', tier: 'new_tier1', region: 'central', weight: 3 },
  { city: 'zhengzhou', province: 'henan', tier: 'new_tier1', region: 'central', weight: 3.5 },
  { city: 'dongguan', province: 'guangdong', tier: 'new_tier1', region: 'south', weight: 3 },
  { city: 'qingdao', province: 'shandong', tier: 'new_tier1', region: 'east', weight: 2.5 },
  { city: 'ningbo', province: 'zhejiang', tier: 'new_tier1', region: 'east', weight: 2.5 },
  { city: 'kunming', province: 'yunnan', tier: 'new_tier1', region: 'southwest', weight: 2.5 },
  { city: 'jinan', province: 'shandong', tier: 'tier2', region: 'east', weight: 2.5 },
  { city: 'xiamen', province: 'fujian', tier: 'tier2', region: 'east', weight: 1.8 },
  { city: 'shenyang', province: 'liaoning', tier: 'tier2', region: 'northeast', weight: 2.5 },
  { city: 'harbin', province: 'heilongjiang', tier: 'tier2', region: 'northeast', weight: 2.5 },
  { city: 'shijiazhuang', province: 'hebei', tier: 'tier2', region: 'north', weight: 2.5 },
  { city: 'luoyang', province: 'henan', tier: 'tier3', region: 'central', weight: 1.5 },
  { city: 'baoding', province: 'hebei', tier: 'tier3', region: 'north', weight: 1.5 },
  { city: 'mianyang', province: 'sichuan', tier: 'tier3', region: 'southwest', weight: 1.2 },
  { city: 'yichang', province: 'hubei', tier: 'tier3', region: 'central', weight: 1.2 },
  { city: 'zhoukou', province: 'henan', tier: 'tier4_plus', region: 'central', weight: 1.2 },
  { city: 'zhaotong', province: 'yunnan', tier: 'tier4_plus', region: 'southwest', weight: 1 },
  { city: 'suihua', province: 'heilongjiang', tier: 'tier4_plus', region: 'northeast', weight: 1 },
];

/** How much more an app over-represents smaller cities: the lite and white-label apps target them. */
export const CITY_TIER_LIFT_BY_APP: Record<AppName, Record<CityTier, number>> = {
  main: { tier1: 1.2, new_tier1: 1, tier2: 1, tier3: 0.8, tier4_plus: 0.7 },
  lite: { tier1: 0.6, new_tier1: 0.8, tier2: 1.5, tier3: 3, tier4_plus: 3.5 },
  large_font: { tier1: 0.9, new_tier1: 1, tier2: 1.2, tier3: 2, tier4_plus: 2 },
  white_label: { tier1: 0.5, new_tier1: 0.8, tier2: 1.5, tier3: 3, tier4_plus: 4 },
};

export const CHANNEL_BY_APP: Record<AppName, Weights> = {
  main: { app_store: 34, paid_ads: 22, organic: 18, social_share: 12, preinstall: 8, search_engine: 6 },
  lite: { paid_ads: 40, social_share: 25, app_store: 20, organic: 8, preinstall: 4, search_engine: 3 },
  large_font: { app_store: 30, social_share: 30, paid_ads: 20, organic: 10, preinstall: 5, search_engine: 5 },
  white_label: { preinstall: 72, app_store: 12, paid_ads: 8, organic: 5, social_share: 2, search_engine: 1 },
};

export const AGE_GROUPS = ['under_18', '18_24', '25_30', '31_40', '41_50', 'over_50'] as const;

export const AGE_BY_APP: Record<AppName, Weights> = {
  main: { under_18: 6, '18_24': 22, '25_30': 24, '31_40': 24, '41_50': 14, over_50: 10 },
  lite: { under_18: 4, '18_24': 14, '25_30': 18, '31_40': 26, '41_50': 22, over_50: 16 },
  large_font: { under_18: 1, '18_24': 2, '25_30': 3, '31_40': 8, '41_50': 22, over_50: 64 },
  white_label: { under_18: 5, '18_24': 15, '25_30': 20, '31_40': 25, '41_50': 20, over_50: 15 },
};

export const GENDER_BY_APP: Record<AppName, Weights> = {
  main: { male: 49, female: 46, unknown: 5 },
  lite: { male: 50, female: 45, unknown: 5 },
  large_font: { male: 44, female: 52, unknown: 4 },
  white_label: { male: 50, female: 43, unknown: 7 },
};

/** User tiers: share per app, base daily activity probability, and mean lifetime in days. */
export const USER_TIER_BY_APP: Record<AppName, Weights> = {
  main: { light: 40, medium: 35, heavy: 25 },
  lite: { light: 45, medium: 35, heavy: 20 },
  large_font: { light: 35, medium: 35, heavy: 30 },
  white_label: { light: 55, medium: 30, heavy: 15 },
};
export const USER_TIER_ACTIVITY: Record<string, number> = { light: 0.12, medium: 0.4, heavy: 0.66 };
export const USER_TIER_LIFETIME_DAYS: Record<string, number> = { light: 30, medium: 200, heavy: 500 };
/** Scales per-day usage (launches, videos, searches) by tier. */
export const USER_TIER_INTENSITY: Record<string, number> = { light: 0.5, medium: 1, heavy: 2 };

/** Share of installs never logged in (no uid). */
export const LOGGED_OUT_SHARE: Record<AppName, number> = { main: 0.08, lite: 0.15, large_font: 0.12, white_label: 0.25 };

export const PUSH_ENABLED_SHARE: Record<string, number> = { ios: 0.55, android: 0.75, harmony: 0.7 };

export const NETWORKS = ['wifi', '5g', '4g', 'other'] as const;
export const CELLULAR_NETWORK: Weights = { '5g': 50, '4g': 45, other: 5 };

/** Hour of the first launch of the day: a lunch bump and an evening peak. */
export const FIRST_ACTIVE_HOUR: Weights = Object.fromEntries(
  [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 3.5, 5, 5, 4.5, 4.5, 7, 6.5, 4.5, 4, 4, 4.5, 5.5, 7, 8, 8, 6, 3].map((w, h) => [String(h), w]),
);

export const VIDEO_CATEGORIES = [
  'comedy', 'food', 'gaming', 'music', 'dance', 'news', 'education', 'sports',
  'pets', 'travel', 'beauty', 'drama', 'film', 'parenting', 'health', 'auto',
] as const;

/** Category tastes by age segment (see AGE_SEGMENT_OF). */
export const CATEGORY_BY_AGE_SEGMENT: Record<'young' | 'adult' | 'senior', Weights> = {
  young: {
    comedy: 14, gaming: 16, music: 10, dance: 8, beauty: 6, drama: 10, film: 7, sports: 6,
    food: 7, pets: 5, education: 4, travel: 3, news: 1, parenting: 0.5, health: 0.5, auto: 2,
  },
  adult: {
    comedy: 12, food: 11, drama: 10, film: 8, news: 6, sports: 6, gaming: 6, music: 5,
    pets: 6, travel: 5, education: 5, beauty: 5, parenting: 6, health: 3, auto: 6, dance: 2,
  },
  senior: {
    news: 16, health: 16, food: 12, drama: 12, film: 8, music: 8, dance: 7, comedy: 6,
    travel: 5, parenting: 4, pets: 3, education: 2, auto: 1, sports: 2, gaming: 0.5, beauty: 0.5,
  },
};
export const AGE_SEGMENT_OF: Record<string, 'young' | 'adult' | 'senior'> = {
  under_18: 'young', '18_24': 'young', '25_30': 'adult', '31_40': 'adult', '41_50': 'senior', over_50: 'senior',
};

/** Longest video, in seconds, per category; most videos are far shorter. */
export const CATEGORY_MAX_DURATION: Record<string, number> = {
  comedy: 180, food: 420, gaming: 600, music: 240, dance: 90, news: 240, education: 900, sports: 480,
  pets: 120, travel: 480, beauty: 360, drama: 180, film: 900, parenting: 360, health: 600, auto: 600,
};

export const PLAY_ENTRANCE: Weights = { feed: 68, follow: 10, search: 5, profile: 4, push: 3, share: 4, hot_list: 6 };

export const SEARCH_ENTRANCE: Weights = { home_search_bar: 55, discover_page: 12, hot_list: 15, video_related: 12, history: 6 };
export const SEARCH_TYPE_BY_APP: Record<AppName, Weights> = {
  main: { manual_input: 55, suggestion: 25, hot_word: 15, voice: 5 },
  lite: { manual_input: 50, suggestion: 25, hot_word: 20, voice: 5 },
  large_font: { manual_input: 35, suggestion: 20, hot_word: 20, voice: 25 },
  white_label: { manual_input: 55, suggestion: 20, hot_word: 20, voice: 5 },
};

export const FEEDBACK_CHANNEL: Weights = { in_app: 60, app_store_review: 15, customer_service: 15, social_media: 10 };
/** Feedback topics when the user did not crash that day (a crash day is mostly crash reports). */
export const FEEDBACK_CATEGORY: Weights = {
  login: 10, crash: 6, ads: 16, loading: 13, playback: 8, content: 10, account: 5, payment: 4, praise: 18, feature_request: 10,
};

export const AUTHOR_TIERS = ['top', 'mid', 'tail'] as const;
export const AUTHOR_TIER_ACTIVITY: Record<string, number> = { top: 0.85, mid: 0.45, tail: 0.12 };
